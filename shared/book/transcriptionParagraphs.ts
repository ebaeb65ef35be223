/**
 * The paragraphs of an archived document's text when it is reproduced (văn kiện): the editor's
 * "Chèn văn kiện" and the sample project's builder read a document's pages the same way.
 */
import type { TextSource } from '../api/archive';

/** A page's text and where it came from (a transcription is 'typed'). A bare string is taken as typed. */
export type PageText = string | { text: string; textSource?: TextSource };

/**
 * The paragraphs of a document's page texts, for reproducing it. A transcription (typed text) keeps
 * its line breaks: every line is a paragraph, as the transcriber laid out the header, the body and
 * the signature. Text taken from the file or read by OCR is wrapped at the page's margin: where it
 * has blank lines they separate paragraphs and the lines between them are one paragraph; without
 * blank lines every line is a paragraph. Empty when no page has any text.
 */
export function transcriptionParagraphs(pages: readonly PageText[]): string[] {
  const out: string[] = [];
  for (const page of pages) {
    const { text: raw, textSource } = typeof page === 'string' ? { text: page, textSource: 'typed' as TextSource } : page;
    const text = raw.normalize('NFC').replace(/\r\n?/g, '\n').trim();
    if (!text) continue;
    const wrapped = textSource === 'extracted' || textSource === 'ocr';
    const blocks = wrapped && /\n\s*\n/.test(text) ? text.split(/\n\s*\n/).map((b) => b.replace(/\s*\n\s*/g, ' ')) : text.split('\n');
    for (const b of blocks) if (b.trim()) out.push(b.replace(/[ \t]+/g, ' ').trim());
  }
  return out;
}
