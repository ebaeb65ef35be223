/**
 * What every office-file reader (DOCX, DOC, ODT, RTF) gives back, the same for the archive and
 * for the manuscript: the document as HTML in mammoth's conventions, its title, and what was
 * converted from a legacy Vietnamese encoding. One reader per format, two users:
 * - the archive importer turns the HTML into the page's text (`officeHtmlToText`);
 * - the draft importer turns it into chapters (htmlToRichDoc).
 *
 * The HTML: headings h1–h6, paragraphs, lists, tables; a note is referred to by
 * `<sup><a href="#footnote-N" id="footnote-ref-N">[N]</a></sup>` (or endnote-N) and its text is an
 * `<li id="footnote-N">` of a trailing `<ol>`, as mammoth writes them.
 */
import { parseHTML } from 'linkedom';
import type { LegacyEncoding } from '../../../../shared/text/legacyEncoding';
import { toNFC } from '../../text';
import { textOfNode } from '../../archive/importers/htmlText';

export type OfficeFormat = 'docx' | 'doc' | 'odt' | 'rtf';

export interface OfficeDocument {
  format: OfficeFormat;
  /** The body, NFC, legacy encodings already converted (see the module comment). */
  html: string;
  /**
   * The same as the archive's text (what `officeHtmlToText(html)` gives), when the reader built it
   * from its own blocks: parsing the HTML again costs seconds on a long document.
   */
  text?: string;
  /** The document's title: its first heading, else the title in its properties; converted too. */
  title?: string;
  /** The legacy encodings found and converted, in the order met (empty for a Unicode document). */
  legacy: LegacyEncoding[];
  /** What the reader could not keep (in Vietnamese). */
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Building the HTML (DOC, ODT and RTF readers)

/** A stretch of text with one formatting. */
export interface TextInline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}
export type Inline = TextInline | { note: NoteRef } | { lineBreak: true };

export interface NoteRef {
  kind: 'footnote' | 'endnote';
  /** 1-based, in order of reference, per kind. */
  n: number;
}

export interface Block {
  /** 1–6 for a heading, absent for a paragraph. */
  heading?: number;
  inlines: Inline[];
  /** A table row: the content of each cell (then `inlines` is empty); consecutive rows make a table. */
  cells?: Inline[][];
}

export interface Note extends NoteRef {
  blocks: Block[];
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function inlineHtml(inlines: readonly Inline[]): string {
  let out = '';
  for (const i of inlines) {
    if ('note' in i) {
      const id = `${i.note.kind}-${i.note.n}`;
      out += `<sup><a href="#${id}" id="${i.note.kind}-ref-${i.note.n}">[${i.note.n}]</a></sup>`;
    } else if ('lineBreak' in i) {
      out += '<br>';
    } else if (i.text) {
      let t = escapeHtml(i.text);
      if (i.underline) t = `<u>${t}</u>`;
      if (i.italic) t = `<em>${t}</em>`;
      if (i.bold) t = `<strong>${t}</strong>`;
      out += t;
    }
  }
  return out;
}

const hasContent = (inlines: readonly Inline[]) => inlines.some((i) => 'note' in i || ('text' in i && i.text.trim() !== ''));

/** Whether a block has any visible text or a note reference. */
export function blockHasContent(b: Block): boolean {
  return hasContent(b.inlines) || (b.cells?.some(hasContent) ?? false);
}

function blockHtml(b: Block): string {
  const inner = inlineHtml(b.inlines);
  return b.heading ? `<h${b.heading}>${inner}</h${b.heading}>` : `<p>${inner}</p>`;
}

/** Blocks as HTML; consecutive table rows make one table. */
function blocksHtml(blocks: readonly Block[], separator: string): string {
  const out: string[] = [];
  let rows: string[] = [];
  const closeTable = () => {
    if (rows.length) out.push(`<table>${rows.join('')}</table>`);
    rows = [];
  };
  for (const b of blocks.filter(blockHasContent)) {
    if (b.cells) {
      rows.push(`<tr>${b.cells.map((c) => `<td>${inlineHtml(c)}</td>`).join('')}</tr>`);
      continue;
    }
    closeTable();
    out.push(blockHtml(b));
  }
  closeTable();
  return out.join(separator);
}

/** The body and its notes as HTML (see the module comment); empty blocks are left out. */
export function blocksToHtml(blocks: readonly Block[], notes: readonly Note[]): string {
  let html = blocksHtml(blocks, '\n');
  const referenced = notes.filter((n) => n.blocks.some(blockHasContent));
  if (referenced.length) {
    html += '\n<ol>';
    for (const n of referenced) html += `<li id="${n.kind}-${n.n}">${blocksHtml(n.blocks, '')}</li>`;
    html += '</ol>';
  }
  return toNFC(html);
}

/** A run of inline content as the archive's text: note markers "[n]", line breaks, spaces collapsed. */
function inlineText(inlines: readonly Inline[]): string {
  let out = '';
  for (const i of inlines) {
    if ('note' in i) out += `[${i.note.n}]`;
    else if ('lineBreak' in i) out += '\n';
    else out += i.text.replace(/\s+/g, ' ');
  }
  return out;
}

/** Lines as textOfNode leaves them: runs of spaces and tabs made one, ends trimmed, no empty line. */
function tidyLines(s: string): string[] {
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, (m) => (m.includes('\t') ? '\t' : ' ')).trim())
    .filter((l) => l !== '');
}

/**
 * The archive's text of blocks and notes, built directly: the same as
 * `officeHtmlToText(blocksToHtml(blocks, notes))` (paragraphs apart by a blank line, table cells
 * by tabs, notes after the body as "[n] …"), without parsing HTML.
 */
export function blocksToText(blocks: readonly Block[], notes: readonly Note[]): string {
  const paragraphs: string[] = [];
  for (const b of blocks) {
    if (!blockHasContent(b)) continue;
    const lines = tidyLines(b.cells ? b.cells.map(inlineText).join('\t') : inlineText(b.inlines));
    if (lines.length) paragraphs.push(lines.join('\n'));
  }
  let text = paragraphs.join('\n\n');
  const noteLines = notes
    .filter((n) => n.blocks.some(blockHasContent))
    .map((n) => {
      const inner = n.blocks
        .filter(blockHasContent)
        .map((b) => tidyLines(b.cells ? b.cells.map(inlineText).join('\t') : inlineText(b.inlines)).join(' '))
        .join(' ');
      return `[${n.n}] ${inner.replace(/\s+/g, ' ').trim()}`;
    });
  if (noteLines.length) text += `\n\n${noteLines.join('\n')}`;
  return toNFC(text.trim());
}

/** The text of the first heading of level 1 or 2, if any. */
function headingOfBlocks(blocks: readonly Block[]): string | undefined {
  const h = blocks.find((b) => (b.heading === 1 || b.heading === 2) && blockHasContent(b));
  const t = h ? inlineText(h.inlines.filter((i) => !('note' in i))).replace(/\s+/g, ' ').trim() : '';
  return t ? toNFC(t) : undefined;
}

/** What a reader that builds blocks gives back: HTML and text from the same blocks, and the title. */
export function officeDocumentOf(
  format: OfficeFormat,
  blocks: readonly Block[],
  notes: readonly Note[],
  legacy: LegacyEncoding[],
  propertiesTitle: string | undefined,
): OfficeDocument {
  const title = chooseTitle(headingOfBlocks(blocks), propertiesTitle);
  return { format, html: blocksToHtml(blocks, notes), text: blocksToText(blocks, notes), legacy, warnings: [], ...(title ? { title } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Reading the HTML back as text (the archive)

/**
 * The text of a document for the archive: one line per block; note markers stay in the text as
 * "[1]" and the notes follow the body, one per line, as "[1] …".
 */
export function officeHtmlToText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const body = document.body;
  const notes: string[] = [];
  for (const li of [...body.querySelectorAll('li[id^="footnote-"], li[id^="endnote-"]')]) {
    for (const back of [...li.querySelectorAll('a[href^="#footnote-ref-"], a[href^="#endnote-ref-"]')]) back.remove();
    const n = /(\d+)$/.exec(li.getAttribute('id') ?? '')?.[1] ?? '?';
    notes.push(`[${n}] ${textOfNode(li as never).replace(/\n+/g, ' ').trim()}`);
    const list = li.parentElement;
    li.remove();
    if (list && list.children.length === 0) list.remove();
  }
  let text = textOfNode(body as never);
  if (notes.length) text += `\n\n${notes.join('\n')}`;
  return toNFC(text.trim());
}

/**
 * The text of the first h1 or h2 of HTML as mammoth writes it (tags without attributes on the
 * headings), read without parsing the whole document.
 */
export function firstHeadingOfHtml(html: string): string | undefined {
  const m = /<h([12])>([\s\S]*?)<\/h\1>/.exec(html);
  if (!m) return undefined;
  const t = decodeXmlEntities(m[2]!.replace(/<sup>[\s\S]*?<\/sup>/g, '').replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
  return t ? toNFC(t) : undefined;
}

/**
 * Titles that a program filled in, not a person: "Microsoft Word - x.doc", "Document1",
 * "Untitled", a lone file name.
 */
export function isMeaningfulTitle(t: string | undefined): t is string {
  if (!t) return false;
  const s = t.trim();
  if (s.length < 2 || !/\p{L}/u.test(s)) return false;
  return !/^(microsoft word\b|document\s*\d*$|untitled|new document|tài liệu\s*\d*$|\S+\.(docx?|odt|rtf|txt)$)/iu.test(s);
}

/** The title a document gives itself: its first heading, else its properties' title. */
export function chooseTitle(heading: string | undefined, propertiesTitle: string | undefined): string | undefined {
  if (heading) return heading.length > 300 ? heading.slice(0, 300).trim() : heading;
  if (isMeaningfulTitle(propertiesTitle)) return toNFC(propertiesTitle.replace(/\s+/g, ' ').trim());
  return undefined;
}

const XML_NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of an XML element read with a regular expression (a title in core.xml, meta.xml). */
export function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] !== '#') return XML_NAMED[e.toLowerCase()]!;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}
