/**
 * Pages inside a chapter end on the last line of the text block, as XeLaTeX's do (issue 13):
 * footnotes split across pages when a page would otherwise be left short, a note longer than a
 * page lets the text flow beside it, the leftover of a kept heading or a widow is shared among the
 * page's paragraph starts, and the page holds as many lines as TeX's (its last baseline on the
 * foot of the text block). Each case is written as Markdown, typeset, and read back with pdf.js.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bookFromMarkdown, loadWorld, typesetWithReport, type TypesetReport } from '../../../electron/core/publish/index';
import { readPdf, type PdfPage } from './pdfjs';
import { rng, sentence, tempFile } from './fixtures';

const r = rng(11);
const words = (n: number) => sentence(r, n);

/** A chapter of paragraphs, some with notes; `long` notes run over more than a page. */
function markdown(o: { headings?: boolean; paras: number; noteEvery: number; noteWords: number; longNoteAt?: number; longWords?: number }): string {
  const out = ['---', 'title: "Lịch sử Đảng bộ xã Tân Hòa"', 'trim: A5', 'bodySize: 11', 'leading: 15', 'footnoteSize: 9', 'footnoteLeading: 11', '---', '', '# Chặng đường đầu tiên', ''];
  const notes: string[] = [];
  for (let i = 0; i < o.paras; i++) {
    let p = words(40 + ((i * 37) % 60));
    if (o.headings !== false && i % 7 === 3) out.push(`## ${words(5).slice(0, -1)}`, '');
    if (i === o.longNoteAt) {
      p = p.replace(/\.$/, `.[^${i}]`) + ' ' + words(30);
      notes.push(`[^${i}]: Ghi chú dài. ${words(o.longWords ?? 600)}`);
    } else if (o.noteEvery && i % o.noteEvery === 0) {
      p = p.replace(/\.$/, `.[^${i}]`) + ' ' + words(20);
      notes.push(`[^${i}]: ${words(o.noteWords + (i % 5) * 12)}`);
    }
    out.push(p, '');
  }
  return [...out, ...notes, ''].join('\n');
}

async function run(md: string): Promise<{ report: TypesetReport; pages: PdfPage[] }> {
  if (process.env.FILL_DEBUG) writeFileSync(`/tmp/dens/fill-${md.length}.md`, md);
  const report = await typesetWithReport(bookFromMarkdown(md), await loadWorld({ families: ['liberation-serif'] }));
  const file = tempFile('fill.pdf', report.pdf);
  writeFileSync(file, report.pdf);
  return { report, pages: (await readPdf(file)).pages };
}

const near = (a: number, b: number) => Math.abs(a - b) < 0.3;
/** TeX's distance from the last baseline of the text to the first of the notes, 11 pt book, 9 pt notes. */
const NOTE_GAP = 11 * 0.9 + 9 * 0.85;

/**
 * What the reader sees on one page: the lowest baseline of the body text and the highest of the
 * notes (pdf.js y grows upwards), from the glyph sizes (body 11 pt, notes 9 pt).
 */
function measure(page: PdfPage) {
  const body = page.items.filter((i) => near(i.size, 11) && i.str.trim());
  const notes = page.items.filter((i) => near(i.size, 9) && i.str.trim());
  const lowestBody = Math.min(...body.map((i) => i.y));
  const noteTop = notes.length ? Math.max(...notes.filter((i) => i.y < lowestBody).map((i) => i.y)) : null;
  const lowest = Math.min(...[...body, ...notes].map((i) => i.y));
  return { lowestBody, noteTop, lowest, bodyLines: new Set(body.map((i) => Math.round(i.y))).size };
}

describe('pages inside a chapter', () => {
  it('end on the foot of the text block: notes split rather than leave a hole above them', async () => {
    const { report, pages } = await run(markdown({ paras: 90, noteEvery: 2, noteWords: 45 }));
    const s = report.setup;
    const foot = s.pageHeight - s.top - s.textHeight; // pdf.js y of the text block's foot
    let checked = 0;
    let split = 0;
    report.slack.forEach((p, i) => {
      if (p.sectionEnd || report.pageLabels[i] === '' || i === 0) return;
      const m = measure(pages[i]!);
      if (!Number.isFinite(m.lowestBody)) return;
      checked++;
      // The last line (of text or notes) sits on the foot: at most the part no line can use above it.
      expect(m.lowest - foot, `page ${i + 1}`).toBeLessThanOrEqual(report.gridRest + s.leading + 0.5);
      // Between the text and its notes, TeX's distance (\skip\footins + \footnotesep ≈ 17.5 pt), one
      // line more at most (a widow or an orphan sent on keeps the lines on the grid), not a hole.
      if (m.noteTop !== null) expect(m.lowestBody - m.noteTop, `page ${i + 1}`).toBeLessThanOrEqual(NOTE_GAP + s.leading + report.gridRest + 0.5);
      // A note begun on the previous page continues under a full rule at the head of the notes.
      if (report.footnotes[i]!.continued) split++;
    });
    expect(checked).toBeGreaterThan(10);
    // Every call's note starts on the call's page.
    const starts = new Map<number, number>();
    report.footnotes.forEach((p, i) => p.starts.forEach((id) => starts.set(id, i)));
    report.footnotes.forEach((p, i) => p.calls.forEach((id) => expect(starts.get(id), `note ${id}`).toBe(i)));
    expect(split, 'pages whose notes continue one from the page before').toBeGreaterThan(0);
  });

  it('let the text flow beside a note longer than a page', async () => {
    const { report, pages } = await run(markdown({ paras: 40, noteEvery: 3, noteWords: 20, longNoteAt: 4, longWords: 900 }));
    // The long note's pages still carry text above it: no page of notes alone, no empty text area.
    const callPage = pages.findIndex((p) => p.items.some((it) => it.str.includes('Ghi chú dài')));
    expect(callPage).toBeGreaterThan(0);
    expect(report.slack[callPage + 2]!.sectionEnd).toBe(false);
    for (let i = callPage; i < callPage + 3; i++) {
      const m = measure(pages[i]!);
      expect(m.bodyLines, `page ${i + 1} has text`).toBeGreaterThanOrEqual(8);
      const s = report.setup;
      const foot = s.pageHeight - s.top - s.textHeight;
      expect(m.lowest - foot, `page ${i + 1} ends on the foot`).toBeLessThanOrEqual(s.leading + report.gridRest + 0.5);
      if (m.noteTop !== null) expect(m.lowestBody - m.noteTop, `page ${i + 1}: text meets its notes`).toBeLessThanOrEqual(NOTE_GAP + s.leading + report.gridRest + 0.5);
    }
  });

  it('hold as many lines as TeX: 33 lines of 11/15 pt on an A5 page', async () => {
    const { report, pages } = await run(markdown({ headings: false, paras: 30, noteEvery: 0, noteWords: 0 }));
    const lines = report.slack.map((p, i) => (i > 0 && !p.sectionEnd ? measure(pages[i]!).bodyLines : 0));
    expect(Math.max(...lines)).toBe(33);
  });
});
