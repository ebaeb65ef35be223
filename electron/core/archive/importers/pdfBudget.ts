/**
 * How much drawing a PDF page asks for, measured before pdf.js is let near it. pdf.js holds a
 * page's whole operator list in memory, about a hundred times the size of its decompressed
 * drawing instructions, and builds it without letting the event loop run: a 51 KB file whose one
 * page inflates to 20 MB of "m l S" took 33 s and 2 GB; 204 KB took 140 s and 6.4 GB; a form of
 * 100 lines drawn 10,000 times by a 60 KB page took 33 s and 1.7 GB; a little more kills the
 * process.
 *
 * So the page's drawing is counted as pdf.js would unfold it: the decompressed bytes of its
 * content streams, plus, for every `/Name Do` of a form XObject, that form's own count (through
 * nested forms). Streams are decoded a chunk at a time and the count stops as soon as the budget
 * is passed, so measuring never holds more than the budget.
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFPage } from 'pdf-lib';

/**
 * Drawing allowed on one page, in decompressed bytes of instructions with every form unfolded:
 * text pages hold tens of KB, detailed maps a few MB; the densest 4 MiB (path operators) took
 * pdf.js 8 s and 620 MB.
 */
export const MAX_PAGE_CONTENT_BYTES = 4 * 1024 * 1024;

const CHUNK = 256 * 1024;
/** `/Name Do`: a form or image drawn (names as the content stream writes them). */
const DO = /\/([^\s/[\]<>(){}%]+)\s*Do(?![A-Za-z0-9_])/g;

/** The decoded bytes of a stream, or null once they pass `limit`. */
function decoded(stream: PDFStream, limit: number): Uint8Array | null {
  if (!(stream instanceof PDFRawStream)) {
    const size = stream.getContentsSize();
    return size > limit ? null : stream.getContents();
  }
  if (!stream.dict.has(PDFName.of('Filter'))) return stream.contents.length > limit ? null : stream.contents;
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const decoder = decodePDFRawStream(stream);
    for (;;) {
      const chunk = decoder.getBytes(CHUNK);
      if (chunk.length === 0) break;
      total += chunk.length;
      if (total > limit) return null;
      chunks.push(new Uint8Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength)));
    }
  } catch {
    // A filter pdf-lib cannot decode, or damaged data: what was decoded is what pdf.js will draw at most.
  }
  return Buffer.concat(chunks);
}

/**
 * What the page draws, in decompressed bytes with every form unfolded as many times as it is
 * drawn, or a number above `limit` as soon as it passes it.
 */
export function pageContentBytes(page: PDFPage, limit = MAX_PAGE_CONTENT_BYTES): number {
  const ctx = page.doc.context;
  const over = limit + 1;
  /** Unfolded size of each form met so far (a form drawing itself counts once: pdf.js stops the loop). */
  const formSize = new Map<PDFStream, number>();
  const resolve = (o: unknown) => (o instanceof PDFRef ? ctx.lookup(o) : o);

  /** One stream's unfolded size, within `budget`; `resources` names the forms it can draw. */
  const unfolded = (stream: PDFStream, resources: PDFDict | undefined, budget: number, depth: number): number => {
    // Forms nested a thousand deep are not a document: refused rather than followed further.
    if (depth > 1000) return over;
    const bytes = decoded(stream, budget);
    if (!bytes) return over;
    let total = bytes.length;
    if (!resources) return total;
    const xobjects = resolve(resources.get(PDFName.of('XObject')));
    if (!(xobjects instanceof PDFDict)) return total;
    const draws = new Map<string, number>();
    for (const m of Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').matchAll(DO)) draws.set(m[1]!, (draws.get(m[1]!) ?? 0) + 1);
    for (const [name, times] of draws) {
      const form = resolve(xobjects.get(PDFName.of(name)));
      if (!(form instanceof PDFRawStream) || form.dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Form')) continue;
      let size = formSize.get(form);
      if (size === undefined) {
        formSize.set(form, 0); // a loop back to this form adds nothing
        const own = resolve(form.dict.get(PDFName.of('Resources')));
        size = unfolded(form, own instanceof PDFDict ? own : resources, budget - total, depth + 1);
        formSize.set(form, size);
      }
      total += times * size;
      if (total > budget) return over;
    }
    return total;
  };

  const resources = page.node.Resources();
  const contents = resolve(page.node.Contents());
  const streams = contents instanceof PDFArray ? contents.asArray().map(resolve) : [contents];
  let total = 0;
  for (const s of streams) {
    if (!(s instanceof PDFStream)) continue;
    total += unfolded(s, resources, limit - total, 0);
    if (total > limit) return over;
  }
  return total;
}
