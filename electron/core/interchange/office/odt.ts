/**
 * ODT (OpenDocument text, LibreOffice and OpenOffice): content.xml read with JSZip and linkedom's
 * XML parser. Headings (text:h and their outline level), paragraphs, lists, tables, text boxes,
 * footnotes and endnotes (text:note); bold and italic from the styles. Each span's font is found
 * through its style, its paragraph's style and their parents (content.xml's automatic styles,
 * styles.xml's common and default styles), so text set in ".VnTime" or "VNI-Times" is converted.
 */
import JSZip from 'jszip';
import { DOMParser } from 'linkedom';
import { UserFacingError } from '../../../../shared/errors';
import { checkZipPackage, type PackageKind } from '../../archive/importers/zipPackage';
import { convertRuns, convertTitle } from './legacyRuns';
import { decodeXmlEntities, officeDocumentOf, type Block, type Inline, type Note, type OfficeDocument, type TextInline } from './officeDocument';
import { MAX_DOCX_TEXT_PARTS, MAX_DOCX_UNCOMPRESSED } from './docx';

export const ODT_PACKAGE: PackageKind = {
  label: 'tài liệu OpenDocument (.odt)',
  app: 'LibreOffice hoặc Word',
  code: 'odt',
  invalid: 'không phải tài liệu OpenDocument (.odt) hợp lệ hoặc tệp bị hỏng.',
  maxUncompressed: MAX_DOCX_UNCOMPRESSED,
  maxTextParts: MAX_DOCX_TEXT_PARTS,
};

/** Deepest nesting walked (lists in lists, tables in tables); deeper content is read as plain text. */
const MAX_DEPTH = 200;

interface XNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<XNode>;
  getAttribute?(name: string): string | null;
}

interface StyleInfo {
  parent: string | null;
  font: string | null;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** Styles by family and name, with the font faces they refer to. */
class Styles {
  private readonly byName = new Map<string, StyleInfo>();
  private readonly defaults = new Map<string, StyleInfo>();
  private readonly faces = new Map<string, string>();

  add(xml: string | null): void {
    if (!xml) return;
    const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as { getElementsByTagName(n: string): ArrayLike<XNode> };
    for (const f of Array.from(doc.getElementsByTagName('style:font-face'))) {
      const name = f.getAttribute?.('style:name');
      const family = f.getAttribute?.('svg:font-family');
      if (name) this.faces.set(name, (family ?? name).replace(/^['"]|['"]$/g, ''));
    }
    const info = (s: XNode): StyleInfo => {
      const props = Array.from(s.childNodes).find((c) => c.nodeName === 'style:text-properties');
      const font = props?.getAttribute?.('style:font-name') ?? props?.getAttribute?.('fo:font-family') ?? null;
      const weight = props?.getAttribute?.('fo:font-weight');
      const style = props?.getAttribute?.('fo:font-style');
      const underline = props?.getAttribute?.('style:text-underline-style');
      return {
        parent: s.getAttribute?.('style:parent-style-name') ?? null,
        font,
        ...(weight ? { bold: weight === 'bold' || Number(weight) >= 600 } : {}),
        ...(style ? { italic: style === 'italic' || style === 'oblique' } : {}),
        ...(underline ? { underline: underline !== 'none' } : {}),
      };
    };
    for (const s of Array.from(doc.getElementsByTagName('style:style'))) {
      const name = s.getAttribute?.('style:name');
      if (name) this.byName.set(`${s.getAttribute?.('style:family') ?? ''}:${name}`, info(s));
    }
    for (const s of Array.from(doc.getElementsByTagName('style:default-style'))) this.defaults.set(s.getAttribute?.('style:family') ?? '', info(s));
  }

  /** A property of a style, looked up through its parents and then the family's default. */
  private prop<K extends 'font' | 'bold' | 'italic' | 'underline'>(family: string, name: string | null, key: K): StyleInfo[K] | undefined {
    for (let i = 0, n = name; n && i < 30; i++) {
      const s = this.byName.get(`${family}:${n}`);
      if (!s) break;
      if (s[key] !== undefined && s[key] !== null) return s[key];
      n = s.parent;
    }
    const d = this.defaults.get(family);
    return d && d[key] !== null ? d[key] : undefined;
  }

  fontFamily(faceName: string | null | undefined): string | null {
    return faceName ? this.faces.get(faceName) ?? faceName : null;
  }

  /** The formatting of text in span style `span` inside a paragraph of style `para`. */
  format(para: string | null, span: string | null): { font: string | null } & Omit<TextInline, 'text'> {
    const get = <K extends 'font' | 'bold' | 'italic' | 'underline'>(key: K) =>
      (span ? this.prop('text', span, key) : undefined) ?? this.prop('paragraph', para, key);
    const out: { font: string | null } & Omit<TextInline, 'text'> = { font: this.fontFamily(get('font') as string | null | undefined) };
    if (get('bold')) out.bold = true;
    if (get('italic')) out.italic = true;
    if (get('underline')) out.underline = true;
    return out;
  }
}

type RawInline = (TextInline & { font: string | null }) | { note: Note } | { lineBreak: true };
interface RawBlock {
  heading?: number;
  inlines: RawInline[];
  cells?: RawInline[][];
}

export async function readOdtDocument(bytes: Uint8Array, name: string): Promise<OfficeDocument> {
  await checkZipPackage(bytes, name, ODT_PACKAGE);
  const invalid = () => new UserFacingError('import.odt-invalid', `${name}: ${ODT_PACKAGE.invalid}`);
  let content: string | null;
  let stylesXml: string | null;
  let meta: string | null;
  try {
    const zip = await JSZip.loadAsync(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const mimetype = (await zip.file('mimetype')?.async('string'))?.trim();
    if (mimetype && !mimetype.startsWith('application/vnd.oasis.opendocument.text')) throw invalid();
    content = (await zip.file('content.xml')?.async('string')) ?? null;
    stylesXml = (await zip.file('styles.xml')?.async('string')) ?? null;
    meta = (await zip.file('meta.xml')?.async('string')) ?? null;
  } catch (e) {
    if (e instanceof UserFacingError) throw e;
    throw invalid();
  }
  if (!content) throw invalid();
  const styles = new Styles();
  styles.add(stylesXml);
  styles.add(content);
  const doc = new DOMParser().parseFromString(content, 'text/xml') as unknown as { getElementsByTagName(n: string): ArrayLike<XNode> };
  const officeText = doc.getElementsByTagName('office:text')[0];
  if (!officeText) throw invalid();

  const blocks: RawBlock[] = [];
  const notes: Note[] = [];
  const noteBlocks = new Map<Note, RawBlock[]>();
  const counters = { footnote: 0, endnote: 0 };

  /** Reads the inline content of a paragraph or heading into `out`. */
  const inline = (node: XNode, para: string | null, span: string | null, out: RawInline[], depth: number): void => {
    for (const c of Array.from(node.childNodes)) {
      if (c.nodeType === 3) {
        const text = (c.textContent ?? '').replace(/\s+/g, ' ');
        if (text) out.push({ text, ...styles.format(para, span) });
        continue;
      }
      if (c.nodeType !== 1) continue;
      switch (c.nodeName) {
        case 'text:s': {
          const n = Math.min(100, Math.max(1, Number(c.getAttribute?.('text:c') ?? 1) || 1));
          out.push({ text: ' '.repeat(n), ...styles.format(para, span) });
          break;
        }
        case 'text:tab':
          out.push({ text: '\t', font: null });
          break;
        case 'text:line-break':
          out.push({ lineBreak: true });
          break;
        case 'text:note': {
          const kind = c.getAttribute?.('text:note-class') === 'endnote' ? 'endnote' : 'footnote';
          const note: Note = { kind, n: ++counters[kind], blocks: [] };
          const body = Array.from(c.childNodes).find((x) => x.nodeName === 'text:note-body');
          const inner: RawBlock[] = [];
          if (body) block(body, inner, depth + 1);
          noteBlocks.set(note, inner);
          notes.push(note);
          out.push({ note });
          break;
        }
        case 'text:note-citation':
        case 'office:annotation':
        case 'office:annotation-end':
        case 'text:tracked-changes':
        case 'text:bookmark-ref':
          break;
        case 'draw:frame':
        case 'draw:text-box':
          // Text boxes anchored in a paragraph: their paragraphs' text joins this one.
          if (depth < MAX_DEPTH) {
            const inner: RawBlock[] = [];
            block(c, inner, depth + 1);
            for (const b of inner) {
              if (out.length) out.push({ lineBreak: true });
              out.push(...b.inlines);
            }
          }
          break;
        default:
          if (depth < MAX_DEPTH) inline(c, para, c.nodeName === 'text:span' ? c.getAttribute?.('text:style-name') ?? span : span, out, depth + 1);
          else out.push({ text: c.textContent ?? '', font: null });
      }
    }
  };

  /** Reads block content (paragraphs, headings, lists, tables, sections) into `out`. */
  const block = (node: XNode, out: RawBlock[], depth: number): void => {
    for (const c of Array.from(node.childNodes)) {
      if (c.nodeType !== 1) continue;
      switch (c.nodeName) {
        case 'text:p':
        case 'text:h': {
          const inlines: RawInline[] = [];
          const style = c.getAttribute?.('text:style-name') ?? null;
          inline(c, style, null, inlines, depth + 1);
          const level = c.nodeName === 'text:h' ? Math.min(6, Math.max(1, Number(c.getAttribute?.('text:outline-level') ?? 1) || 1)) : 0;
          out.push({ ...(level ? { heading: level } : {}), inlines });
          break;
        }
        case 'table:table-row': {
          // A row of the table; a cell's paragraphs are lines of it (a table inside is flattened).
          const cells: RawInline[][] = [];
          for (const cell of Array.from(c.childNodes).filter((x) => x.nodeName === 'table:table-cell')) {
            const inner: RawBlock[] = [];
            if (depth < MAX_DEPTH) block(cell, inner, depth + 1);
            const inlines: RawInline[] = [];
            for (const b of inner) {
              if (inlines.length) inlines.push({ lineBreak: true });
              inlines.push(...b.inlines, ...(b.cells ?? []).flatMap((x) => [{ text: ' ', font: null }, ...x]));
            }
            cells.push(inlines);
          }
          out.push({ inlines: [], cells });
          break;
        }
        case 'office:forms':
        case 'text:sequence-decls':
        case 'text:variable-decls':
        case 'text:user-field-decls':
        case 'text:tracked-changes':
        case 'table:table-columns':
        case 'table:table-column':
        case 'office:annotation':
          break;
        default:
          // Lists, list items, sections, tables, table headers, index bodies…: their paragraphs.
          if (depth < MAX_DEPTH) block(c, out, depth + 1);
      }
    }
  };

  block(officeText, blocks, 0);

  // Legacy encodings, span by span from the fonts; else the whole text when it reads clearly as one.
  const texts: (TextInline & { font: string | null })[] = [];
  for (const b of [...blocks, ...[...noteBlocks.values()].flat()]) for (const i of [...b.inlines, ...(b.cells ?? []).flat()]) if ('text' in i) texts.push(i);
  const legacy = convertRuns(texts);

  const toInline = (i: RawInline): Inline => {
    if ('note' in i) return { note: { kind: i.note.kind, n: i.note.n } };
    if ('lineBreak' in i) return i;
    const { font: _font, ...t } = i;
    return t;
  };
  const toBlock = (b: RawBlock): Block => ({
    ...(b.heading ? { heading: b.heading } : {}),
    inlines: b.inlines.map(toInline),
    ...(b.cells ? { cells: b.cells.map((c) => c.map(toInline)) } : {}),
  });
  for (const [note, inner] of noteBlocks) note.blocks = inner.map(toBlock);
  const metaTitle = meta ? /<dc:title>([^<]*)<\/dc:title>/.exec(meta)?.[1] : undefined;
  return officeDocumentOf('odt', blocks.map(toBlock), notes, legacy, convertTitle(metaTitle ? decodeXmlEntities(metaTitle) : undefined, legacy));
}

