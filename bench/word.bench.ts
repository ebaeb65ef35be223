/**
 * Benchmark of the Word export for reviewers: the same generated ~600-page Vietnamese book as the
 * typesetter's benchmark (1 footnote per 2 paragraphs) → .docx. Prints one JSON object.
 */
import { writeWord } from '../electron/core/publish/word';
import { generateBook } from '../tests/unit/publish/fixtures';

const book = generateBook({ seed: 42, chapters: 12, sectionsPerChapter: 6, parasPerSection: 31, words: 100, footnoteRate: 0.5 });
let footnotes = 0;
for (const d of book.body) if (d.kind === 'chapter') for (const b of d.blocks) if (b.kind === 'paragraph') footnotes += b.runs.filter((r) => r.kind === 'footnote').length;

const runs: number[] = [];
let bytes = 0;
let peak = process.memoryUsage().rss;
for (let i = 0; i < 4; i++) {
  const t = performance.now();
  bytes = (await writeWord(book)).length;
  runs.push(performance.now() - t);
  peak = Math.max(peak, process.memoryUsage().rss);
}
const ms = (v: number) => Math.round(v);
console.log(
  JSON.stringify(
    {
      bench: 'word',
      book: { typesetPages: 591, footnotes },
      wallMs: { cold: ms(runs[0]!), warm: runs.slice(1).map(ms) },
      docxBytes: bytes,
      peakRssMB: Math.round(peak / 1048576),
    },
    null,
    2,
  ),
);
