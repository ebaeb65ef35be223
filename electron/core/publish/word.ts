/**
 * Word files for reviewers: the neutral book model (the same one the typesetter prints) → DOCX.
 *
 * What a reviewer (hội đồng thẩm định) needs to read and comment in Word: A4, Times New Roman
 * 13 pt, margins of Nghị định 30/2020; generated numbering (PHẦN THỨ NHẤT, CHƯƠNG I, I., 1., a))
 * as Word headings, so the navigation pane shows the structure; real Word footnotes; figures,
 * tables, chronicle entries and reproduced documents; cross-references as text, page references
 * as PAGEREF fields to bookmarks. Index terms print nothing, as in the PDF.
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageReference,
  Paragraph as WParagraph,
  Table as WTable,
  TableCell,
  TableRow,
  TextRun as WTextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { Block, Book, Chapter, DocumentItem, Figure, InlineRun, Paragraph, Table, TextRun } from '../../../shared/book/model';
import { printedDateLead } from '../../../shared/book/chronicle';
import { chapterLabel, chapterName, countSection, partLabel } from '../../../shared/numbering';
import { stripControlsDeep } from '../../../shared/text/controlChars';

/** Twips per centimetre. */
const CM = 567;
/** Body size in half-points (13 pt). */
const BODY = 26;
const NOTE = 22;
/** Widest figure, in pixels at 96 per inch (16 cm); tallest (12 cm). */
const MAX_W = 605;
const MAX_H = 454;

interface Target {
  number: string;
  title: string;
}

/** What the writer carries while it walks the book. */
interface WordContext {
  footnotes: Record<string, { children: WParagraph[] }>;
  nextNote: number;
  targets: Map<string, Target>;
  /** Turned figure images, made before writing (sharp is asynchronous, the walk is not). */
  turned: Map<Figure, Uint8Array>;
  layout: Book['layout'];
  /** Section counters of the current chapter: I., 1., a). */
  counters: number[];
}

/** Word bookmark names: a letter first, letters, digits and underscores, at most 40. */
const bookmarkName = (id: string) => `b_${id.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 40);

const text = (s: string, o: { bold?: boolean; italics?: boolean; size?: number; allCaps?: boolean } = {}) => new WTextRun({ text: s.normalize('NFC'), ...o });

function textRun(r: TextRun, o: { size?: number; italics?: boolean }): WTextRun {
  return new WTextRun({
    text: r.text.normalize('NFC'),
    ...(r.bold ? { bold: true } : {}),
    ...(r.italic || o.italics ? { italics: !(r.italic && o.italics) } : {}),
    ...(r.underline ? { underline: {} } : {}),
    ...(r.superscript ? { superScript: true } : {}),
    ...(r.subscript ? { subScript: true } : {}),
    ...(o.size ? { size: o.size } : {}),
  });
}

/** The runs without white space typed between two footnote calls (index terms print nothing and do not count). */
function closeUpCalls(list: InlineRun[]): InlineRun[] {
  const visible = list.filter((r) => r.kind !== 'index-term');
  const drop = new Set<InlineRun>();
  visible.forEach((r, i) => {
    if (r.kind === 'text' && r.text.trim() === '' && visible[i - 1]?.kind === 'footnote' && visible[i + 1]?.kind === 'footnote') drop.add(r);
  });
  return drop.size ? list.filter((r) => !drop.has(r)) : list;
}

function runs(ctx: WordContext, list: InlineRun[], o: { size?: number; italics?: boolean; inNote?: boolean } = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  // Footnote references one after another are separated by a superscript comma ("sử¹,²"), as
  // the PDF prints them.
  let afterCall = false;
  for (const r of o.inNote ? list : closeUpCalls(list)) {
    const call = r.kind === 'footnote' && !o.inNote;
    if (call && afterCall) out.push(new WTextRun({ text: ',', superScript: true, ...(o.size ? { size: o.size } : {}) }));
    if (r.kind !== 'index-term') afterCall = call;
    switch (r.kind) {
      case 'text':
        out.push(textRun(r, o));
        break;
      case 'footnote': {
        if (o.inNote) break; // Word has no footnotes inside footnotes
        const id = ctx.nextNote++;
        ctx.footnotes[String(id)] = {
          children: r.content.map((p) => new WParagraph({ children: runs(ctx, p.runs, { size: NOTE, inNote: true }), alignment: AlignmentType.JUSTIFIED })),
        };
        out.push(new FootnoteReferenceRun(id));
        break;
      }
      case 'cross-ref': {
        if (r.show === 'page') out.push(new PageReference(bookmarkName(r.targetId)));
        else {
          const t = ctx.targets.get(r.targetId);
          out.push(text((r.show === 'number' ? t?.number : t?.title) ?? '?', o.size ? { size: o.size } : {}));
        }
        break;
      }
      case 'index-term':
        break;
    }
  }
  return out;
}

const plain = (list: InlineRun[]) => list.map((r) => (r.kind === 'text' ? r.text : '')).join('');

/** Chapter, part and heading numbers and titles, for cross-references (as the PDF prints them). */
function targetsOf(book: Book): Map<string, Target> {
  const targets = new Map<string, Target>(Object.entries(book.externalTargets ?? {}));
  let chapterNo = 0;
  let partNo = 0;
  const chapter = (ch: Chapter, numbered: boolean) => {
    let number = '';
    if (numbered && ch.numbered) {
      chapterNo = ch.number ?? chapterNo + 1;
      number = chapterName(chapterNo, book.setup?.chapterLabel);
    }
    if (ch.id) targets.set(ch.id, { number, title: ch.title });
    const counters = [0, 0, 0];
    for (const b of ch.blocks) {
      if (b.kind !== 'heading') continue;
      const label = b.numbered !== false ? countSection(counters, b.level) : '';
      if (b.id) targets.set(b.id, { number: book.layout === 'history' ? label : '', title: plain(b.runs) });
    }
  };
  book.front.forEach((c) => chapter(c, false));
  for (const d of book.body) {
    if (d.kind === 'part') {
      partNo = d.number ?? partNo + 1;
      if (d.id) targets.set(d.id, { number: partLabel(partNo), title: d.title });
      d.chapters.forEach((c) => chapter(c, true));
    } else chapter(d, true);
  }
  book.back.forEach((c) => chapter(c, false));
  return targets;
}

function figureBlocks(ctx: WordContext, f: Figure): WParagraph[] {
  const sideways = f.rotation === 90 || f.rotation === 270;
  const w = sideways ? f.image.height : f.image.width;
  const h = sideways ? f.image.width : f.image.height;
  const scale = Math.min(MAX_W / w, MAX_H / h, 1);
  const data = ctx.turned.get(f) ?? f.image.data;
  return [
    new WParagraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120 },
      keepNext: true,
      children: [new ImageRun({ type: f.image.format === 'jpeg' ? 'jpg' : 'png', data, transformation: { width: Math.round(w * scale), height: Math.round(h * scale) } })],
    }),
    // A figure stays whole on its page: caption and source note are not split either.
    new WParagraph({ alignment: AlignmentType.CENTER, keepNext: !!f.source, keepLines: true, children: runs(ctx, f.caption, { italics: true, size: BODY - 2 }) }),
    ...(f.source ? [new WParagraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, keepLines: true, children: runs(ctx, f.source, { size: NOTE }) })] : []),
  ];
}

function tableBlocks(ctx: WordContext, t: Table): (WParagraph | WTable)[] {
  const rows = t.rows.map(
    (row, i) =>
      new TableRow({
        tableHeader: !!t.header && i === 0,
        children: row.map(
          (cell) =>
            new TableCell({
              children: [new WParagraph({ children: runs(ctx, t.header && i === 0 ? cell.map((r) => (r.kind === 'text' ? { ...r, bold: true } : r)) : cell, { size: BODY - 2 }) })],
            }),
        ),
      }),
  );
  return [
    ...(t.caption ? [new WParagraph({ alignment: AlignmentType.CENTER, keepNext: true, children: runs(ctx, t.caption, { italics: true }) })] : []),
    new WTable({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
    new WParagraph({ children: [] }),
  ];
}

function documentBlocks(ctx: WordContext, d: DocumentItem): (WParagraph | WTable)[] {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const borders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  const centred = (s: string, o: Parameters<typeof text>[1] = {}) => new WParagraph({ alignment: AlignmentType.CENTER, children: [text(s, { size: BODY - 2, ...o })] });
  const left = [...d.header.issuer.map((l, i) => centred(l, { bold: i === d.header.issuer.length - 1 })), ...(d.header.number ? [centred(d.header.number)] : [])];
  const right = [...(d.header.motto ? [centred(d.header.motto, { bold: true })] : []), ...(d.header.placeDate ? [centred(d.header.placeDate, { italics: true })] : [])];
  const header = new WTable({
    borders,
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ children: [new TableCell({ borders, children: left.length ? left : [new WParagraph('')] }), new TableCell({ borders, children: right.length ? right : [new WParagraph('')] })] })],
  });
  return [
    header,
    new WParagraph({ alignment: AlignmentType.CENTER, spacing: { before: 240 }, children: [text(d.title, { bold: true, allCaps: true })] }),
    ...(d.subtitle ? [new WParagraph({ alignment: AlignmentType.CENTER, children: [text(d.subtitle, { italics: true })] })] : []),
    // The signature stays with the end of the text (its last paragraph) and with itself.
    ...d.body.flatMap((b, i) =>
      i === d.body.length - 1 && d.signature?.length && b.kind === 'paragraph' && b.runs.some((r) => r.kind !== 'text' || r.text.trim()) ? [paragraph(ctx, b, { keepNext: true })] : blockParagraphs(ctx, b),
    ),
    ...(d.signature ?? []).map((s, i, all) => new WParagraph({ alignment: AlignmentType.RIGHT, ...(i < all.length - 1 ? { keepNext: true } : {}), children: [text(s, { bold: i === 0 })] })),
    ...(d.sourceNote ? [new WParagraph({ spacing: { before: 120, after: 240 }, children: runs(ctx, d.sourceNote, { italics: true, size: NOTE }) })] : []),
  ];
}

function paragraph(ctx: WordContext, p: Paragraph, o: { indentLeft?: number; italics?: boolean; keepNext?: boolean } = {}): WParagraph {
  const align = p.align ?? 'justify';
  const indent = p.indent !== false && align === 'justify';
  return new WParagraph({
    ...(o.keepNext ? { keepNext: true } : {}),
    alignment: align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : align === 'left' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
    indent: { ...(indent ? { firstLine: Math.round(1 * CM) } : {}), ...(o.indentLeft ? { left: o.indentLeft } : {}) },
    children: runs(ctx, p.runs, o.italics ? { italics: true } : {}),
  });
}

function blockParagraphs(ctx: WordContext, b: Block, depth = 0): (WParagraph | WTable)[] {
  switch (b.kind) {
    case 'paragraph':
      return b.runs.every((r) => r.kind === 'text' && !r.text.trim()) ? [] : [paragraph(ctx, b, depth ? { indentLeft: depth * CM } : {})];
    case 'heading': {
      let number = '';
      if (b.numbered !== false) {
        const label = countSection(ctx.counters, b.level);
        if (ctx.layout === 'history') number = `${label} `;
      }
      const children = [text(number), ...runs(ctx, b.runs)];
      return [
        new WParagraph({
          heading: b.level === 1 ? HeadingLevel.HEADING_2 : b.level === 2 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4,
          keepNext: true,
          children: b.id ? [new Bookmark({ id: bookmarkName(b.id), children })] : children,
        }),
      ];
    }
    case 'quote':
      return b.blocks.flatMap((x) => (x.kind === 'paragraph' ? [paragraph(ctx, { ...x, indent: false }, { indentLeft: (depth + 1) * CM, italics: true })] : blockParagraphs(ctx, x, depth + 1)));
    case 'list':
      return b.items.flatMap((item, i) =>
        item.flatMap((x, j) =>
          x.kind === 'paragraph'
            ? [
                new WParagraph({
                  alignment: AlignmentType.JUSTIFIED,
                  indent: { left: (depth + 1) * CM, hanging: Math.round(0.6 * CM) },
                  children: [text(j === 0 ? (b.ordered ? `${i + 1}. ` : '– ') : ''), ...runs(ctx, x.runs)],
                }),
              ]
            : blockParagraphs(ctx, x, depth + 1),
        ),
      );
    case 'figure':
      return figureBlocks(ctx, b);
    case 'table':
      return tableBlocks(ctx, b);
    case 'page-break':
      return [new WParagraph({ children: [new PageBreak()] })];
    case 'chronicle-entry': {
      const label = printedDateLead(b.dateLabel);
      const first = new WParagraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: CM },
        spacing: { before: 60 },
        children: [text(label, { bold: true }), text(' '), ...runs(ctx, b.body), ...(b.sources?.length && !b.more?.length ? [text(' ['), ...runs(ctx, b.sources), text(']')] : [])],
      });
      const more = (b.more ?? []).map((p, i, all) =>
        i === all.length - 1 && b.sources?.length ? paragraph(ctx, { ...p, runs: [...p.runs, { kind: 'text', text: ' [' }, ...b.sources, { kind: 'text', text: ']' }] }) : paragraph(ctx, p),
      );
      return [first, ...more];
    }
    case 'document-item':
      return documentBlocks(ctx, b);
  }
}

/** A chapter: its label and title (a Word heading, on a new page unless it opens the file), then its blocks. */
function chapterParagraphs(ctx: WordContext, ch: Chapter, label: string, newPage: boolean): (WParagraph | WTable)[] {
  ctx.counters = [0, 0, 0];
  const title = [text(ch.title, { bold: true, allCaps: true })];
  return [
    ...(label ? [new WParagraph({ alignment: AlignmentType.CENTER, pageBreakBefore: newPage, keepNext: true, children: [text(label, { bold: true })] })] : []),
    new WParagraph({
      heading: HeadingLevel.HEADING_1,
      alignment: AlignmentType.CENTER,
      pageBreakBefore: newPage && !label,
      spacing: { after: 240 },
      children: ch.id ? [new Bookmark({ id: bookmarkName(ch.id), children: title })] : title,
    }),
    ...(ch.subtitle ? [new WParagraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text(ch.subtitle, { italics: true })] })] : []),
    ...ch.blocks.flatMap((b) => blockParagraphs(ctx, b)),
  ];
}

/** Turns the images of turned figures (Word turns a drawing without turning its place on the page). */
async function turnFigures(book: Book): Promise<Map<Figure, Uint8Array>> {
  const figures: Figure[] = [];
  const walk = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.kind === 'figure' && b.rotation) figures.push(b);
      else if (b.kind === 'quote') walk(b.blocks);
      else if (b.kind === 'list') b.items.forEach(walk);
      else if (b.kind === 'document-item') walk(b.body);
    }
  };
  for (const c of [...book.front, ...book.back]) walk(c.blocks);
  for (const d of book.body) (d.kind === 'part' ? d.chapters : [d]).forEach((c) => walk(c.blocks));
  const out = new Map<Figure, Uint8Array>();
  if (figures.length === 0) return out;
  const sharp = (await import('sharp')).default;
  for (const f of figures) {
    const img = sharp(f.image.data).rotate(f.rotation);
    out.set(f, new Uint8Array(await (f.image.format === 'jpeg' ? img.jpeg({ quality: 90 }) : img.png()).toBuffer()));
  }
  return out;
}

/**
 * The book as a Word document for reviewers. Control characters are taken out of every string
 * first: one ESC or form feed in a title or a paragraph (a project made elsewhere, an old import)
 * would make document.xml ill-formed, and Word refuses the whole file.
 */
export async function writeWord(given: Book): Promise<Uint8Array> {
  const book = stripControlsDeep(given);
  const ctx: WordContext = { footnotes: {}, nextNote: 1, targets: targetsOf(book), turned: await turnFigures(book), layout: book.layout, counters: [0, 0, 0] };
  const children: (WParagraph | WTable)[] = [];
  if (!book.proof) {
    // Title page.
    if (book.author) children.push(new WParagraph({ alignment: AlignmentType.CENTER, children: [text(book.author, { bold: true, allCaps: true })] }));
    children.push(new WParagraph({ alignment: AlignmentType.CENTER, spacing: { before: 3600, after: 240 }, children: [text(book.title, { bold: true, allCaps: true, size: 40 })] }));
    if (book.subtitle) children.push(new WParagraph({ alignment: AlignmentType.CENTER, children: [text(book.subtitle, { italics: true, size: 30 })] }));
    if (book.placeYear) children.push(new WParagraph({ alignment: AlignmentType.CENTER, spacing: { before: 3600 }, children: [text(book.placeYear)] }));
  }
  for (const c of book.front) children.push(...chapterParagraphs(ctx, c, '', children.length > 0));
  let chapterNo = 0;
  let partNo = 0;
  const numbered = (c: Chapter) => {
    if (!c.numbered) return '';
    chapterNo = c.number ?? chapterNo + 1;
    return chapterLabel(chapterNo, book.setup?.chapterLabel);
  };
  for (const d of book.body) {
    if (d.kind === 'part') {
      partNo = d.number ?? partNo + 1;
      const title = [text(d.title, { bold: true, allCaps: true, size: 32 })];
      children.push(
        new WParagraph({ alignment: AlignmentType.CENTER, pageBreakBefore: children.length > 0, spacing: { before: 2400 }, keepNext: true, children: [text(partLabel(partNo), { bold: true, allCaps: true, size: 30 })] }),
        new WParagraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, children: d.id ? [new Bookmark({ id: bookmarkName(d.id), children: title })] : title }),
      );
      for (const c of d.chapters) children.push(...chapterParagraphs(ctx, c, numbered(c), true));
    } else children.push(...chapterParagraphs(ctx, d, numbered(d), children.length > 0));
  }
  for (const c of book.back) children.push(...chapterParagraphs(ctx, c, '', children.length > 0));

  const font = 'Times New Roman';
  const doc = new Document({
    creator: book.author ?? 'Sử Quán',
    title: book.title,
    description: book.proof ? 'Bản in thử' : 'Bản thảo gửi thẩm định',
    styles: {
      default: {
        document: { run: { font, size: BODY, language: { value: 'vi-VN' } }, paragraph: { spacing: { line: 312, lineRule: LineRuleType.AUTO, after: 60 } } },
        heading1: { run: { font, size: 30, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 240 } } },
        heading2: { run: { font, size: BODY + 2, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { run: { font, size: BODY, bold: true, color: '000000' }, paragraph: { spacing: { before: 180, after: 60 } } },
        heading4: { run: { font, size: BODY, bold: true, italics: true, color: '000000' }, paragraph: { spacing: { before: 120, after: 60 } } },
        footnoteText: { run: { font, size: NOTE } },
      },
    },
    footnotes: ctx.footnotes,
    sections: [
      {
        // The title page (a whole book) has no running head and no page number.
        properties: {
          titlePage: !book.proof,
          page: { size: { width: 21 * CM, height: Math.round(29.7 * CM) }, margin: { top: 2 * CM, bottom: 2 * CM, left: 3 * CM, right: 2 * CM } },
        },
        headers: {
          default: new Header({ children: [new WParagraph({ alignment: AlignmentType.CENTER, children: [text(book.title, { italics: true, size: 20 })] })] }),
          ...(book.proof ? {} : { first: new Header({ children: [] }) }),
        },
        footers: {
          default: new Footer({ children: [new WParagraph({ alignment: AlignmentType.CENTER, children: [new WTextRun({ children: [PageNumber.CURRENT], size: 22 })] })] }),
          ...(book.proof ? {} : { first: new Footer({ children: [] }) }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
