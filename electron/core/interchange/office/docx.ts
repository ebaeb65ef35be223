/**
 * DOCX (Word 2007 and later) with mammoth: headings, paragraphs, lists, tables, footnotes and
 * endnotes. Text typed in a legacy Vietnamese font is converted run by run, from the font of the
 * run, its character style, its paragraph's style or the document's default (styles.xml): mammoth
 * keeps a run's own font only.
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { DOMParser } from 'linkedom';
import { UserFacingError } from '../../../../shared/errors';
import { checkZipPackage, type PackageKind } from '../../archive/importers/zipPackage';
import { toNFC } from '../../text';
import { convertRuns, convertTitle } from './legacyRuns';
import { chooseTitle, decodeXmlEntities, firstHeadingOfHtml, type OfficeDocument } from './officeDocument';

/** Largest total uncompressed size of a DOCX's parts (a zip bomb expands far beyond this). */
export const MAX_DOCX_UNCOMPRESSED = 512 * 1024 * 1024;
/**
 * Largest total size of the parts mammoth parses (XML and relationships, images excluded):
 * mammoth holds each as a DOM, about 55 times its size (measured: 10 MB of document.xml took
 * 580 MB and 7 s, 40 MB took 1.9 GB), so beyond this a process could run out of memory.
 */
export const MAX_DOCX_TEXT_PARTS = 16 * 1024 * 1024;

export const DOCX_PACKAGE: PackageKind = {
  label: 'tài liệu Word',
  app: 'Word',
  code: 'docx',
  invalid: 'không phải tài liệu Word (.docx) hợp lệ hoặc tệp bị hỏng.',
  maxUncompressed: MAX_DOCX_UNCOMPRESSED,
  maxTextParts: MAX_DOCX_TEXT_PARTS,
};

// Images are never read: only the text is imported, and mammoth would otherwise inline each one as base64.
const noImages = mammoth.images.imgElement(async () => ({ src: '' }));

/** What this reader uses of linkedom's XML elements. */
interface XEl {
  tagName: string;
  childNodes: ArrayLike<unknown>;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XEl>;
}

interface StyleFonts {
  /** styleId → its own font and the style it is based on. */
  styles: Map<string, { font: string | null; basedOn: string | null }>;
  defaultFont: string | null;
  defaultParagraphStyle: string | null;
}

/** The run font of an rPr's rFonts: the one for Latin letters above ASCII first (what Word uses for TCVN3 bytes). */
function rFontsOf(el: XEl | null | undefined): string | null {
  if (!el) return null;
  const f = el.getElementsByTagName('w:rFonts')[0];
  if (!f) return null;
  return f.getAttribute('w:hAnsi') || f.getAttribute('w:ascii') || null;
}

function readStyleFonts(xml: string | null): StyleFonts {
  const out: StyleFonts = { styles: new Map(), defaultFont: null, defaultParagraphStyle: null };
  if (!xml) return out;
  const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as XEl;
  out.defaultFont = rFontsOf(doc.getElementsByTagName('w:rPrDefault')[0]);
  for (const s of Array.from(doc.getElementsByTagName('w:style'))) {
    const id = s.getAttribute('w:styleId');
    if (!id) continue;
    const children = Array.from(s.childNodes) as XEl[];
    const rPr = children.find((c) => c.tagName === 'w:rPr');
    const basedOn = children.find((c) => c.tagName === 'w:basedOn')?.getAttribute('w:val') ?? null;
    out.styles.set(id, { font: rFontsOf(rPr), basedOn });
    if (s.getAttribute('w:type') === 'paragraph' && (s.getAttribute('w:default') === '1' || s.getAttribute('w:default') === 'true')) out.defaultParagraphStyle = id;
  }
  return out;
}

function styleFont(fonts: StyleFonts, id: string | null): string | null {
  for (let i = 0, s = id; s && i < 20; i++) {
    const style = fonts.styles.get(s);
    if (!style) return null;
    if (style.font) return style.font;
    s = style.basedOn;
  }
  return null;
}

// The parts of mammoth's document model this reader walks.
interface MElement {
  type: string;
  children?: MElement[];
  value?: string;
  styleId?: string | null;
  font?: string | null;
  body?: MElement[];
}

export async function readDocxDocument(bytes: Uint8Array, name: string): Promise<OfficeDocument> {
  await checkZipPackage(bytes, name, DOCX_PACKAGE);
  const invalid = () => new UserFacingError('import.docx-invalid', `${name}: ${DOCX_PACKAGE.invalid}`);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let stylesXml: string | null = null;
  let coreXml: string | null = null;
  try {
    const zip = await JSZip.loadAsync(buffer);
    stylesXml = (await zip.file('word/styles.xml')?.async('string')) ?? null;
    coreXml = (await zip.file('docProps/core.xml')?.async('string')) ?? null;
  } catch {
    throw invalid();
  }
  const fonts = readStyleFonts(stylesXml);
  let legacy: ReturnType<typeof convertRuns> = [];

  const transformDocument = (document: MElement & { notes?: { _notes?: Record<string, MElement> } }) => {
    // Every text of the body and the notes, with the font it is shown in.
    const texts: { el: MElement; font: string | null }[] = [];
    const walk = (el: MElement, paraStyle: string | null, runFont: string | null) => {
      if (el.type === 'text') {
        texts.push({ el, font: runFont });
        return;
      }
      let p = paraStyle;
      let f = runFont;
      if (el.type === 'paragraph') {
        p = el.styleId ?? fonts.defaultParagraphStyle;
        f = null;
      } else if (el.type === 'run') {
        f = el.font ?? styleFont(fonts, el.styleId ?? null) ?? styleFont(fonts, p) ?? fonts.defaultFont;
      }
      for (const c of el.children ?? []) walk(c, p, f);
      for (const c of el.body ?? []) walk(c, p, f);
    };
    walk(document, null, null);
    for (const note of Object.values(document.notes?._notes ?? {})) walk(note, null, null);
    const runs = texts.map((t) => ({ text: t.el.value ?? '', font: t.font }));
    legacy = convertRuns(runs);
    runs.forEach((r, k) => (texts[k]!.el.value = r.text));
    return document;
  };

  let html: string;
  let warnings: string[];
  try {
    const result = await mammoth.convertToHtml({ buffer }, { convertImage: noImages, transformDocument } as Parameters<typeof mammoth.convertToHtml>[1]);
    html = toNFC(result.value);
    warnings = result.messages.filter((m) => m.type === 'error').map((m) => m.message);
  } catch {
    throw invalid();
  }
  const coreTitle = coreXml ? /<dc:title>([^<]*)<\/dc:title>/.exec(coreXml)?.[1] : undefined;
  const title = chooseTitle(firstHeadingOfHtml(html), convertTitle(coreTitle ? decodeXmlEntities(coreTitle) : undefined, legacy));
  return { format: 'docx', html, legacy, warnings, ...(title ? { title } : {}) };
}
