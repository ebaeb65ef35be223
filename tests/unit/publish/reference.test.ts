/**
 * Reference images (STYLE.md §14): a few pages of small deterministic books, rendered at low
 * resolution with pdftoppm and compared with PNGs in tests/ref/publish/. On a difference the test
 * writes the new rendering and a diff image next to a small HTML report and fails with its path.
 * After an intended change of the layout, refresh the references with UPDATE_REFS=1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Book } from '../../../shared/book/model';
import { loadWorld, typeset, type TypesetWorld } from '../../../electron/core/publish/index';
import { generateBook, generateChronicle, generateDocuments, resetMarks, tempFile } from './fixtures';

const REF_DIR = path.resolve(__dirname, '../../ref/publish');
const UPDATE = process.env.UPDATE_REFS === '1';

let world: TypesetWorld;
beforeAll(async () => {
  world = await loadWorld();
});

async function render(pdf: string, page: number): Promise<{ data: Buffer; width: number; height: number }> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'suquan-ref-')), 'p');
  execFileSync('pdftoppm', ['-png', '-gray', '-r', '40', '-f', String(page), '-l', String(page), '-singlefile', pdf, out]);
  const { data, info } = await sharp(out + '.png').greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function compare(name: string, book: Book, pages: number[]): Promise<void> {
  const pdf = tempFile(`${name}.pdf`, await typeset(book, world));
  for (const page of pages) {
    const ref = path.join(REF_DIR, `${name}-p${page}.png`);
    const got = await render(pdf, page);
    const png = await sharp(got.data, { raw: { width: got.width, height: got.height, channels: 1 } }).png().toBuffer();
    if (UPDATE || !existsSync(ref)) {
      mkdirSync(REF_DIR, { recursive: true });
      writeFileSync(ref, png);
      if (!UPDATE) throw new Error(`Reference ${ref} was missing and has been written: check it and commit it.`);
      continue;
    }
    const want = await sharp(readFileSync(ref)).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect([got.width, got.height], `${name} p${page} size`).toEqual([want.info.width, want.info.height]);
    let differing = 0;
    const diff = Buffer.alloc(got.data.length, 255);
    for (let i = 0; i < got.data.length; i++) {
      const d = Math.abs(got.data[i]! - want.data[i]!);
      if (d > 64) {
        differing++;
        diff[i] = 0;
      }
    }
    const share = differing / got.data.length;
    if (share > 0.002) {
      const dir = mkdtempSync(path.join(tmpdir(), 'suquan-ref-diff-'));
      writeFileSync(path.join(dir, 'actual.png'), png);
      await sharp(diff, { raw: { width: got.width, height: got.height, channels: 1 } }).png().toFile(path.join(dir, 'diff.png'));
      writeFileSync(
        path.join(dir, 'report.html'),
        `<h1>${name} page ${page}: ${(share * 100).toFixed(2)}% of pixels differ</h1><img src="${ref}"> <img src="actual.png"> <img src="diff.png">`,
      );
      throw new Error(`${name} page ${page} differs from its reference (${(share * 100).toFixed(2)}% of pixels): see ${dir}/report.html`);
    }
  }
}

describe('rendered pages match their reference images', () => {
  it('history: title page, a chapter opening with footnotes, a text page with running head', async () => {
    resetMarks();
    const book = generateBook({ seed: 21, chapters: 2, sectionsPerChapter: 2, parasPerSection: 4, words: 70, footnoteRate: 0.5 });
    await compare('history', book, [3, 7, 8]);
  });

  it('chronicle and document collection pages', async () => {
    await compare('chronicle', generateChronicle(), [5]);
    await compare('documents', generateDocuments(), [6]);
  });
});
