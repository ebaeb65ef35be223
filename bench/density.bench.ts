/**
 * Density of the typesetter's pages beside XeLaTeX's (issue 13): the 600-page benchmark book
 * (benchBook.ts) typeset by Sử Quán and, when `xelatex` is installed, by XeLaTeX at the same
 * geometry. Reports both page counts and, for Sử Quán, the pages inside a chapter (not its last
 * page) whose text block is left more than one line short (beyond the part of the text block no
 * line can use, its height modulo the leading): a hole above the notes or at the foot.
 * Targets: page count within 1 % of XeLaTeX's; no such page.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadWorld, typesetWithReport } from '../electron/core/publish/index';
import { book, toLatex } from './benchBook';

const world = await loadWorld({ families: ['liberation-serif'] });
const report = await typesetWithReport(book, world);
const leading = report.setup.leading;
const holes = report.slack
  .map((p, i) => ({ page: i + 1, label: report.pageLabels[i], slackPt: Math.round(p.slack * 10) / 10, sectionEnd: p.sectionEnd }))
  .filter((p) => !p.sectionEnd && p.label !== '' && p.slackPt > leading + report.gridRest + 0.05);

// Pages ended on the foot by spreading the leftover among paragraph starts and spaces (TeX's
// \flushbottom): how many, and the largest addition to one gap.
const spread = report.slack.map((p) => p.spread).filter((v) => v > 0);
let xelatexPages: number | null = null;
let note: string | undefined;
if (spawnSync('xelatex', ['--version']).status === 0) {
  const dir = mkdtempSync(path.join(tmpdir(), 'suquan-density-'));
  writeFileSync(path.join(dir, 'book.tex'), toLatex(book));
  try {
    for (let i = 0; i < 2; i++) execFileSync('xelatex', ['-interaction=batchmode', '-halt-on-error', 'book.tex'], { cwd: dir, stdio: 'ignore' });
    xelatexPages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path.join(dir, 'book.pdf')], { encoding: 'utf8' }))![1]);
  } catch (e) {
    note = `xelatex failed: ${String(e).slice(0, 300)}`;
  }
} else note = 'xelatex is not installed (apt-get install texlive-xetex texlive-latex-recommended): only Sử Quán was measured';

console.log(
  JSON.stringify(
    {
      bench: 'density',
      suquanPages: report.pageCount,
      xelatexPages,
      pageRatio: xelatexPages ? Math.round((report.pageCount / xelatexPages) * 1000) / 1000 : null,
      leadingPt: leading,
      pagesWithHoles: holes.length,
      spreadPages: spread.length,
      spreadPt: spread.length ? { median: Math.round([...spread].sort((a, b) => a - b)[spread.length >> 1]! * 10) / 10, max: Math.round(Math.max(...spread) * 10) / 10 } : null,
      largestSpreads: report.slack.map((p, i) => ({ page: i + 1, spreadPt: Math.round(p.spread * 10) / 10 })).sort((a, b) => b.spreadPt - a.spreadPt).slice(0, 5),
      worstHolesPt: [...holes].sort((a, b) => b.slackPt - a.slackPt).slice(0, 10),
      targets: { pageRatio: '≤ 1.01', pagesWithHoles: 0 },
      ...(note ? { note } : {}),
    },
    null,
    2,
  ),
);
