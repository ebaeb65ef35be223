/**
 * The tagged PDF's logical structure (PDF 1.7 §14.7–14.8): what a screen reader reads and what
 * reflows on a small screen. The drawer wraps every tagged line or image in marked content with
 * a number (MCID) unique on its page; this records which structure element each number belongs
 * to and writes the tree at the end:
 *
 *   StructTreeRoot → Document → H1, P, H2, Note, Figure (/Alt), Caption … in reading order
 *   ParentTree: page's StructParents → [element of MCID 0, element of MCID 1, …]
 *
 * Lines that share one StructTag object are one element, wherever they fall (a paragraph that
 * runs over a page). An element's MCIDs on its first page are plain numbers (its /Pg is that
 * page); those on later pages are marked-content references naming their page. Everything
 * untagged (running heads, folios, rules, crop marks) is drawn as an /Artifact.
 */
import { PDFName, PDFNumber, PDFHexString, PDFInvalidObject, type PDFContext, type PDFDict, type PDFRef } from 'pdf-lib';
import type { StructTag } from '../ir';

interface Element {
  ref: PDFRef;
  tag: StructTag;
  page: PDFRef;
  kids: (number | { page: PDFRef; mcid: number })[];
  bbox?: [number, number, number, number];
}

export class StructureTree {
  private readonly elements: Element[] = [];
  private readonly byTag = new Map<StructTag, Element>();
  /** Per page (its StructParents key): the element of each MCID. */
  private readonly parents: PDFRef[][] = [];
  private page: PDFRef | undefined;
  private current: PDFRef[] = [];

  constructor(private readonly ctx: PDFContext) {}

  /** Starts a page: its MCIDs count from 0. */
  beginPage(page: PDFRef): void {
    this.page = page;
    this.current = [];
    this.parents.push(this.current);
  }

  /**
   * The operator that opens marked content for `tag` on the current page (close it with EMC),
   * e.g. `/P <</MCID 4>> BDC`. A figure's box (PDF space) becomes its layout BBox.
   */
  open(tag: StructTag, bbox?: [number, number, number, number]): string {
    let el = this.byTag.get(tag);
    if (!el) {
      el = { ref: this.ctx.nextRef(), tag, page: this.page!, kids: [] };
      if (bbox) el.bbox = bbox;
      this.byTag.set(tag, el);
      this.elements.push(el);
    }
    const mcid = this.current.length;
    this.current.push(el.ref);
    el.kids.push(el.page === this.page ? mcid : { page: this.page!, mcid });
    return '/' + tag.role + ' <</MCID ' + mcid + '>> BDC ';
  }

  /** Ends the current page: its /StructParents key. */
  endPage(leaf: PDFDict): void {
    leaf.set(PDFName.of('StructParents'), PDFNumber.of(this.parents.length - 1));
    // Tab order follows the structure (PDF/UA asks it of pages with annotations; harmless here).
    leaf.set(PDFName.of('Tabs'), PDFName.of('S'));
  }

  /** Writes the structure tree and marks the document as tagged. */
  write(catalog: PDFDict): void {
    const ctx = this.ctx;
    const root = ctx.nextRef();
    const document = ctx.nextRef();
    // A book has thousands of elements: each is written as its PDF source text (a raw object to
    // pdf-lib), which costs a string; built as pdf-lib dictionaries they doubled the time to save.
    const parent = `/P ${document.objectNumber} 0 R`;
    for (const el of this.elements) {
      const k = el.kids.map((kid) => (typeof kid === 'number' ? String(kid) : `<</Type/MCR/Pg ${kid.page.objectNumber} 0 R/MCID ${kid.mcid}>>`));
      // /Type is optional for structure elements: left out, there are thousands.
      let src = `<</S/${el.tag.role}${parent}/Pg ${el.page.objectNumber} 0 R/K ${k.length === 1 ? k[0] : '[' + k.join(' ') + ']'}`;
      if (el.tag.alt !== undefined) src += '/Alt ' + PDFHexString.fromText(el.tag.alt).toString();
      if (el.bbox) src += `/A<</O/Layout/BBox[${el.bbox.map((v) => Math.round(v * 100) / 100).join(' ')}]>>`;
      ctx.assign(el.ref, PDFInvalidObject.of(Buffer.from(src + '>>', 'latin1')));
    }
    ctx.assign(document, ctx.obj({ Type: 'StructElem', S: 'Document', P: root, K: this.elements.map((e) => e.ref) }));
    const nums: unknown[] = [];
    this.parents.forEach((refs, i) => nums.push(i, refs));
    ctx.assign(
      root,
      ctx.obj({
        Type: 'StructTreeRoot',
        K: document,
        ParentTree: ctx.obj({ Nums: nums as never }),
        ParentTreeNextKey: this.parents.length,
      }),
    );
    catalog.set(PDFName.of('StructTreeRoot'), root);
    catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
  }
}
