/**
 * How a page's text is cut for the search index (store/pageChunks.ts): the chunks give back the
 * text, none cuts a syllable (within MAX_WORD), their size is bounded even for a text without
 * spaces, characters outside the BMP count once as SQLite counts them, and index rowids give back
 * their page and chunk.
 */
import { describe, expect, it } from 'vitest';
import { CHUNK_CHARS, CHUNK_ROWS, MAX_WORD, pageChunks, rowidChunk } from '../../../electron/core/store/pageChunks';

const chunks = (text: string) => [...pageChunks(text)];
const codePoints = (s: string) => [...s].length;

describe('a page cut in chunks', () => {
  it('is one chunk when short, and one empty chunk when empty', () => {
    expect(chunks('Đảng bộ xã')).toEqual([{ n: 0, text: 'Đảng bộ xã' }]);
    expect(chunks('')).toEqual([{ n: 0, text: '' }]);
  });

  it('gives back the text, cutting between syllables, each chunk about CHUNK_CHARS characters', () => {
    const text = 'Nghị quyết Đảng bộ tỉnh lãnh đạo nhân dân. '.repeat(7000);
    const cs = chunks(text);
    expect(cs.length).toBeGreaterThan(3);
    expect(cs.map((c) => c.text).join('')).toBe(text);
    expect(cs.map((c) => c.n)).toEqual(cs.map((_, i) => i));
    const word = /[\p{L}\p{M}\p{N}]/u;
    for (const [i, c] of cs.slice(0, -1).entries()) {
      expect(codePoints(c.text)).toBeGreaterThanOrEqual(CHUNK_CHARS - MAX_WORD);
      expect(codePoints(c.text)).toBeLessThanOrEqual(CHUNK_CHARS + MAX_WORD);
      // No syllable is cut: a letter never meets a letter across the cut.
      expect(word.test(c.text.at(-1)!) && word.test(cs[i + 1]!.text[0]!)).toBe(false);
    }
  });

  it('cuts a "word" of a megabyte without spaces anyway, and counts a character outside the BMP once', () => {
    const blob = 'a'.repeat(1_000_000);
    const cs = chunks(blob);
    expect(cs.map((c) => c.text).join('')).toBe(blob);
    expect(Math.max(...cs.map((c) => c.text.length))).toBeLessThanOrEqual(CHUNK_CHARS + MAX_WORD);

    const astral = '𠀀'.repeat(CHUNK_CHARS + 10); // each two UTF-16 units, one character for SQLite
    const as = chunks(astral);
    expect(as.map((c) => c.text).join('')).toBe(astral);
    expect(codePoints(as[0]!.text)).toBeLessThanOrEqual(CHUNK_CHARS + MAX_WORD);
    expect(as.every((c) => !/^[\uDC00-\uDFFF]/.test(c.text))).toBe(true);
  });

  it('names a chunk in the index by a rowid that gives back its page and number', () => {
    expect(rowidChunk(42)).toEqual({ pageId: 42, chunk: 0 });
    expect(rowidChunk(-(42 * CHUNK_ROWS + 7))).toEqual({ pageId: 42, chunk: 7 });
    expect(rowidChunk(-(2 ** 32 * CHUNK_ROWS + CHUNK_ROWS - 1))).toEqual({ pageId: 2 ** 32, chunk: CHUNK_ROWS - 1 });
  });
});
