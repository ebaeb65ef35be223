/**
 * Benchmark of the `suquan` command as a whole process (issue 9): what a user waits for, start-up
 * and loading included.
 *   help:    `suquan --help` (target: under 150 ms), beside an empty Node ES module (the floor no
 *            CLI on this Node can go under);
 *   typeset: `suquan typeset book.md` on the 600-page benchmark book of typeset.bench.ts (same
 *            generator, same setup), written out as Markdown; beside XeLaTeX's two passes on the
 *            same book written out as LaTeX, when `xelatex` is installed (Debian: texlive-xetex,
 *            texlive-latex-recommended for fontspec). Target: the suquan process takes at most
 *            half the time of the two XeLaTeX passes.
 * Runs alternate (suquan, XeLaTeX, suquan, …) so a machine that slows down weighs on both, and the
 * ratio is taken pair by pair. Prints one JSON object to stdout.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { book, toLatex, toMarkdown } from './benchBook';

const root = path.resolve(import.meta.dirname, '..');
const suquanBin = path.join(root, 'bin', 'suquan.js');
const HELP_RUNS = 15;
const TYPESET_PAIRS = 3;

const ms = (v: number) => Math.round(v);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const summary = (xs: number[]) => ({ median: ms(median(xs)), min: ms(Math.min(...xs)), max: ms(Math.max(...xs)), runs: xs.map(ms) });

/** Wall time of one whole process, ms; throws when it fails. */
function timed(cmd: string, args: string[], cwd: string): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - t;
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')}: exit ${r.status}\n${(r.stderr || r.stdout).slice(-2000)}`);
  return elapsed;
}

// --- The benchmark book: typeset.bench.ts's generator and setup, as Markdown and LaTeX (benchBook.ts)
const pdfPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
const hasXelatex = spawnSync('xelatex', ['--version'], { encoding: 'utf8' }).status === 0;

const dir = mkdtempSync(path.join(tmpdir(), 'suquan-bench-cli-'));
writeFileSync(path.join(dir, 'book.md'), toMarkdown(book));
writeFileSync(path.join(dir, 'book.tex'), toLatex(book));
const empty = path.join(dir, 'empty.mjs');
writeFileSync(empty, '');

// Warm-up, not counted: builds the bundle if it is stale, fills the file cache.
timed(process.execPath, [suquanBin, '--help'], dir);
timed(process.execPath, [empty], dir);

// --- suquan --help ---------------------------------------------------------------------------
const help: number[] = [];
const floor: number[] = [];
for (let i = 0; i < HELP_RUNS; i++) {
  help.push(timed(process.execPath, [suquanBin, '--help'], dir));
  floor.push(timed(process.execPath, [empty], dir));
}

// --- suquan typeset vs XeLaTeX × 2 -----------------------------------------------------------
const typesetArgs = [suquanBin, 'typeset', 'book.md', '--out', 'suquan.pdf', '--json'];
const xelatexArgs = ['-interaction=batchmode', '-halt-on-error', 'book.tex'];
timed(process.execPath, typesetArgs, dir);
const typeset: number[] = [];
const xelatex: number[] = [];
const ratios: number[] = [];
let xelatexError: string | null = hasXelatex ? null : 'xelatex is not installed (apt-get install --no-install-recommends texlive-xetex texlive-latex-recommended): only suquan was timed';
for (let i = 0; i < TYPESET_PAIRS; i++) {
  typeset.push(timed(process.execPath, typesetArgs, dir));
  if (xelatexError) continue;
  try {
    xelatex.push(timed('xelatex', xelatexArgs, dir) + timed('xelatex', xelatexArgs, dir));
    ratios.push(typeset.at(-1)! / xelatex.at(-1)!);
  } catch (e) {
    // A TeX installation without fontspec, say: say so, and still time suquan.
    xelatexError = `xelatex failed: ${String(e).slice(0, 500)}`;
  }
}
const compared = ratios.length > 0;
const report = JSON.parse(spawnSync(process.execPath, typesetArgs, { cwd: dir, encoding: 'utf8' }).stdout) as { result: { pages: number; ms: number } };

console.log(
  JSON.stringify(
    {
      bench: 'cli',
      help: { wallMs: summary(help), emptyNodeModuleMs: summary(floor), targetMs: 150, met: median(help) < 150 },
      typeset: {
        book: { pages: report.result.pages, pdfPages: pdfPages(path.join(dir, 'suquan.pdf')), markdownBytes: readFileSync(path.join(dir, 'book.md')).length },
        suquanWallMs: summary(typeset),
        // The typesetter's own time inside the process (what `typeset --json` reports).
        suquanTypesetMs: report.result.ms,
        xelatexTwoPassesWallMs: compared ? summary(xelatex) : null,
        xelatexPdfPages: compared ? pdfPages(path.join(dir, 'book.pdf')) : null,
        ratio: compared ? { median: Math.round(median(ratios) * 1000) / 1000, pairs: ratios.map((r) => Math.round(r * 1000) / 1000) } : null,
        target: 'suquan ≤ 0.5 × XeLaTeX (two passes)',
        met: compared ? median(ratios) <= 0.5 : null,
        ...(xelatexError ? { note: xelatexError } : {}),
      },
      loadAverage: (await import('node:os')).loadavg().map((v) => Math.round(v * 10) / 10),
    },
    null,
    2,
  ),
);
