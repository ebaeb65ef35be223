// word-extractor ships no types: what this project uses of it.

declare module 'word-extractor' {
  interface WordExtractorText {
    getBody(options?: { filterUnicode?: boolean }): string;
    getFootnotes(options?: { filterUnicode?: boolean }): string;
    getEndnotes(options?: { filterUnicode?: boolean }): string;
    getHeaders(options?: { filterUnicode?: boolean; includeFooters?: boolean }): string;
    getTextboxes(options?: { filterUnicode?: boolean }): string;
  }
  export default class WordExtractor {
    extract(source: string | Buffer): Promise<WordExtractorText>;
  }
}

/** The Word 97–2003 reader inside word-extractor (doc.ts feeds it streams and reads its pieces). */
declare module 'word-extractor/lib/word-ole-extractor.js' {
  const WordOleExtractor: new () => unknown;
  export default WordOleExtractor;
}
