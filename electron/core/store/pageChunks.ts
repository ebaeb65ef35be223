/**
 * A page's text as the search index holds it: in chunks of about CHUNK_CHARS characters, so that
 * neither indexing nor a search that hits a page of 200 MB (one imported text file, or a crafted
 * project) ever handles the whole text at once. Nearly every page is far shorter and is one chunk,
 * indexed as before (rowid = page id).
 *
 * Chunk n of a page starts near n × CHUNK_CHARS characters (code points, as SQLite counts them),
 * moved forward to the end of the syllable it would cut (at most MAX_WORD characters: a "word"
 * without spaces of 200 MB is still cut). The chunks of a long page are stored (page_chunks,
 * migration 0018), so that a snippet reads one of them, not the page.
 *
 * Index rows: chunk 0 has rowid = page id (existing indexes stay valid); chunk n ≥ 1 has rowid
 * −(page id × CHUNK_ROWS + n), so a search newest-first still sees ordinary pages in page order.
 * Each chunk row repeats the document's title, description and facets, so that words and filters
 * meet in one row. The words of one search must then occur within one chunk of a long page.
 */

/** Characters (code points) per chunk. */
export const CHUNK_CHARS = 65_536;
/** At most this many characters are added to a chunk to finish the word it would cut. */
export const MAX_WORD = 256;
/** Room for chunk numbers in a rowid: more than a SQLite text can hold (10⁹ bytes) in chunks. */
export const CHUNK_ROWS = 2 ** 20;

const WORD = /[\p{L}\p{N}\p{M}]/u;
const isWord = (s: string, i: number) => i >= 0 && i < s.length && WORD.test(s[i]!);

/** The UTF-16 index `count` code points after index `i`, or s.length. */
function advance(s: string, i: number, count: number): number {
  const n = s.length;
  for (let k = 0; k < count && i < n; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return i;
}

/** From the nominal cut at index i: past the end of the word it cuts, at most MAX_WORD code points. */
function cutAt(s: string, i: number): number {
  for (let k = 0; k < MAX_WORD && i < s.length && isWord(s, i - 1) && isWord(s, i); k++) i = advance(s, i, 1);
  return i;
}

/** The page and the chunk a search index rowid stands for. */
export function rowidChunk(rowid: number): { pageId: number; chunk: number } {
  if (rowid > 0) return { pageId: rowid, chunk: 0 };
  const r = -rowid;
  return { pageId: Math.floor(r / CHUNK_ROWS), chunk: r % CHUNK_ROWS };
}

/** The chunks of a page's text, in order (one, the whole text, for every ordinary page; one empty for no text). */
export function* pageChunks(text: string): Generator<{ n: number; text: string }> {
  let nominal = 0;
  let start = 0;
  for (let n = 0; ; n++) {
    nominal = advance(text, nominal, CHUNK_CHARS);
    const end = nominal >= text.length ? text.length : cutAt(text, nominal);
    yield { n, text: text.slice(start, end) };
    if (end >= text.length) return;
    start = end;
  }
}
