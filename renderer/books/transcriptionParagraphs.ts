/**
 * The paragraphs of a document's page texts, for reproducing it: where the text has blank lines
 * they separate paragraphs and the lines between them are one paragraph (a typescript wrapped at
 * the margin); without blank lines every line is a paragraph.
 */
export function transcriptionParagraphs(pages: readonly string[]): string[] {
  const out: string[] = [];
  for (const page of pages) {
    const text = page.normalize('NFC').replace(/\r\n?/g, '\n').trim();
    if (!text) continue;
    const blocks = /\n\s*\n/.test(text) ? text.split(/\n\s*\n/).map((b) => b.replace(/\s*\n\s*/g, ' ')) : text.split('\n');
    for (const b of blocks) if (b.trim()) out.push(b.replace(/[ \t]+/g, ' ').trim());
  }
  return out;
}
