/**
 * The typesetter: a Book (shared/book/model.ts) → a print-ready PDF.
 *
 * Four stages, each a folder that imports no sibling, called in order below:
 *   measure/  book → sections of shaped words (fontkit, kerning, width cache per word and face),
 *             with numbering (Phần thứ nhất, CHƯƠNG I, I., 1., a)), styles and layouts;
 *   break/    paragraphs → justified lines (Knuth–Plass), blocks → a flow of known heights;
 *   paginate/ flow → pages: footnotes on their call's page, widows/orphans, kept headings,
 *             running heads, folios; the TOC and index are rebuilt until their pages are stable;
 *   draw/     pages → PDF with pdf-lib: one TJ per line and face, subset CID fonts, outline;
 *             a print file (TrimBox, BleedBox, crop marks, PDF/X-4) and a tagged PDF.
 * Everything external (fonts, date) comes from the TypesetWorld: same book + world → same bytes.
 */
import type { Book } from '../../../shared/book/model';
import type { IndexMark, PreparedSection, Section } from './ir';
import { createContext, createShaper, prepareBook, prepareIndex, prepareToc, type IndexEntry, type TocEntry } from './measure';
import { breakSection } from './break';
import { finishPages, gridRest, paginate, type Pagination } from './paginate';
import { drawPdf, type DrawStats } from './draw';
import { DEFAULT_FAMILY, loadWorld, shippedFamilies, type TypesetWorld } from './world';
import { MM, resolveSetup, type ResolvedSetup } from './setup';

export { loadWorld, type TypesetWorld, type LoadWorldOptions } from './world';
export { bookFromMarkdown } from './markdown';
export { resolveSetup, TRIM_SIZES } from './setup';
export { normaliseTonePlacement, sortIndex } from './measure';

/** What a typesetting run produced besides the PDF: for tests, the CLI and the benchmark. */
export interface TypesetReport {
  pdf: Uint8Array;
  pageCount: number;
  setup: ResolvedSetup;
  /** Stretch ratio of every justified line that is not the last of its paragraph. */
  ratios: number[];
  /** Inter-word gaps on those lines, points. */
  gaps: number[];
  /** Milliseconds spent in each stage. */
  timings: Record<string, number>;
  /** Printed label of the page of every TOC anchor. */
  labels: Map<string, string>;
  /**
   * Per physical page: footnote ids called there, footnote ids whose text begins there, and whether
   * its notes begin with the rest of a note from the page before.
   */
  footnotes: { calls: number[]; starts: number[]; continued: boolean }[];
  /** Page labels by physical index ('' for blank pages). */
  pageLabels: string[];
  /** Table of contents entries with the page labels printed in it. */
  toc: TocEntry[];
  /** Per physical page: empty height of the text block (points) and whether it ends its section. */
  slack: { slack: number; sectionEnd: boolean; spread: number }[];
  /** Height at the foot of a full page that no body line can use, points (paginate's gridRest). */
  gridRest: number;
}

/** Typesets a book into a print-ready PDF. The same book and world give the same bytes. */
export async function typeset(book: Book, world?: TypesetWorld): Promise<Uint8Array> {
  return (await typesetWithReport(book, world)).pdf;
}

/** The stages of a typesetting run, in order (each pass of a two-pass book goes through the first three again). */
export type TypesetStage = 'measure' | 'break' | 'paginate' | 'draw';

export interface TypesetHooks {
  /**
   * Called before each stage. A host running other work in the same process awaits here: to
   * report progress, to read its messages (a cancel) and to stop by throwing.
   */
  stage?(stage: TypesetStage): Promise<void> | void;
}

export async function typesetWithReport(book: Book, world?: TypesetWorld, hooks: TypesetHooks = {}): Promise<TypesetReport> {
  // Without a world, load only the family the book asks for (or the default one).
  const wanted = book.setup?.fontFamily && shippedFamilies().includes(book.setup.fontFamily) ? book.setup.fontFamily : DEFAULT_FAMILY;
  const w = world ?? (await loadWorld({ families: [wanted] }));
  const setup = resolveSetup(book, Object.keys(w.families), w.families[DEFAULT_FAMILY] ? DEFAULT_FAMILY : Object.keys(w.families)[0]!);
  const shaper = createShaper(w);
  const timings: Record<string, number> = {};
  const t0 = performance.now();

  let labels = new Map<string, string>();
  let result!: Pagination;
  let toc: TocEntry[] = [];
  let targets: Map<string, { title: string; number: string }> | undefined;
  for (let pass = 0; pass < 2; pass++) {
    // 1. Measure: the book → prepared sections of shaped words, numbered and styled.
    await hooks.stage?.('measure');
    let t = performance.now();
    const ctx = createContext(setup, shaper, pass > 0 ? labels : undefined, targets ?? (book.externalTargets ? new Map(Object.entries(book.externalTargets)) : undefined));
    const prepared = prepareBook(book, ctx);
    shaper.resolve();
    timings.measure = (timings.measure ?? 0) + performance.now() - t;
    // 2. Break: paragraphs → justified lines (Knuth–Plass); every block → flow of known height.
    await hooks.stage?.('break');
    t = performance.now();
    const sections = prepared.map(breakSection);
    timings.break = (timings.break ?? 0) + performance.now() - t;
    // 3. Paginate; generated matter (TOC, index) is rebuilt from the page labels until stable.
    await hooks.stage?.('paginate');
    t = performance.now();
    let signature = '';
    for (let round = 0; round < 5; round++) {
      if (round > 0) await hooks.stage?.('paginate');
      toc = tocEntries(sections, labels, setup.tocDepth);
      const index = indexEntries(result, round === 0);
      replaceGenerated(prepared, sections, (role, numbering) => {
        const s = role === 'toc' ? prepareToc(ctx, book, toc, numbering) : prepareIndex(ctx, book, index);
        shaper.resolve();
        return s;
      });
      result = paginate(sections, { setup, shaper, draft: true, bookEnd: !book.proof });
      labels = result.labels;
      const sig = JSON.stringify([tocEntries(sections, labels, setup.tocDepth), indexEntries(result, false)]);
      if (sig === signature) break;
      signature = sig;
    }
    // The pages for real, now that the generated matter is final.
    result = paginate(sections, { setup, shaper, bookEnd: !book.proof });
    timings.paginate = (timings.paginate ?? 0) + performance.now() - t;
    targets = ctx.targets;
    if (!ctx.usesPageRefs) break;
  }

  finishPages(result.pages, { setup, shaper });

  // 4. Draw: pages → PDF (fonts subset and embedded, outline, metadata).
  await hooks.stage?.('draw');
  const stats: DrawStats = { ratios: [], gaps: [], phases: {} };
  timings.layout = performance.now() - t0;
  const t1 = performance.now();
  const pdf = await drawPdf(
    {
      pages: result.pages,
      pageWidth: setup.pageWidth,
      pageHeight: setup.pageHeight,
      faces: shaper.faces,
      outline: result.outline,
      firstArabic: result.firstArabic,
      print: { bleed: setup.bleed * MM, cropMarks: setup.cropMarks, pdfx: setup.pdfx ? w.outputIntent : undefined },
      meta: {
        title: book.title.normalize('NFC'),
        author: book.author?.normalize('NFC'),
        subject: book.subtitle?.normalize('NFC'),
        language: book.language ?? 'vi',
        date: w.date,
        producer: w.producer,
      },
    },
    stats,
  );
  return {
    pdf,
    pageCount: result.pages.length,
    setup,
    ratios: stats.ratios,
    gaps: stats.gaps,
    timings: { ...timings, draw: performance.now() - t1, ...Object.fromEntries(Object.entries(stats.phases).map(([k, v]) => ['draw.' + k, v])) },
    labels,
    footnotes: result.pages.map((p) => ({ calls: p.calls, starts: p.noteStarts, continued: p.notesContinued ?? false })),
    pageLabels: result.pages.map((p) => p.label),
    toc,
    slack: result.pages.map((p) => ({ slack: p.slack ?? 0, sectionEnd: p.sectionEnd ?? false, spread: p.spread ?? 0 })),
    gridRest: gridRest(setup),
  };
}

function tocEntries(sections: Section[], labels: Map<string, string>, depth: number): TocEntry[] {
  const out: TocEntry[] = [];
  for (const s of sections) {
    if (s.role === 'toc') continue;
    for (const o of s.outline) if (o.level <= depth) out.push({ anchor: o.anchor, title: o.title, level: o.level, label: labels.get(o.anchor) ?? '000' });
  }
  return out;
}

function indexEntries(result: Pagination | undefined, dummy: boolean): IndexEntry[] {
  const map = new Map<string, { mark: IndexMark; labels: string[] }>();
  if (!result) return [];
  for (const p of result.pages)
    for (const m of p.marks) {
      const key = m.index + '\u0001' + m.term;
      let e = map.get(key);
      if (!e) map.set(key, (e = { mark: m, labels: [] }));
      const label = dummy ? '000' : p.label;
      if (e.labels[e.labels.length - 1] !== label) e.labels.push(label);
    }
  return [...map.values()];
}

function replaceGenerated(
  prepared: PreparedSection[],
  sections: Section[],
  build: (role: 'toc' | 'index', numbering: 'roman' | 'arabic') => PreparedSection,
): void {
  prepared.forEach((ps, i) => {
    if (ps.role === 'toc' || ps.role === 'index') sections[i] = breakSection(build(ps.role, ps.style.numbering));
  });
}
