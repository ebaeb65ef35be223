/**
 * Old office files made by the tests, as the programs of the time wrote them: Word 97–2003 .doc
 * (an OLE compound file holding the FIB, the text pieces, the font table, the style sheet, the
 * character and paragraph runs, footnotes and the document's properties), RTF written by hand,
 * ODT zipped with JSZip, DOCX with the `docx` package, a PDF whose fonts are named ".VnTime" —
 * each carrying TCVN3 (or VNI) text in legacy fonts, as produced by encodeLegacy.
 */
import JSZip from 'jszip';
import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { encodeLegacy } from '../../../shared/text/legacyEncoding';

export const tcvn3 = (s: string) => encodeLegacy(s, 'tcvn3');
export const vni = (s: string) => encodeLegacy(s, 'vni');

// ---------------------------------------------------------------------------------------------
// OLE compound file (CFB version 3, 512-byte sectors, with a mini stream for small streams)

const ENDOFCHAIN = -2;
const FREESECT = -1;
const FATSECT = -3;

/** CFB's order of names in a directory: shorter first, then by upper-case code units. */
function cfbCompare(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  const A = a.toUpperCase();
  const B = b.toUpperCase();
  return A < B ? -1 : A > B ? 1 : 0;
}

/** Writes root-level streams into a compound file. `corrupt: 'fat-loop'` makes the directory's chain loop. */
export function writeCfb(streams: { name: string; data: Uint8Array }[], opts: { corrupt?: 'fat-loop' } = {}): Buffer {
  const SEC = 512;
  const MINI = 64;
  const CUTOFF = 4096;
  const sorted = [...streams].sort((a, b) => cfbCompare(a.name, b.name));
  const small = sorted.filter((s) => s.data.length < CUTOFF);
  const large = sorted.filter((s) => s.data.length >= CUTOFF);

  // The mini stream: small streams in 64-byte sectors, chained in the mini FAT.
  const miniFat: number[] = [];
  const miniStart = new Map<string, number>();
  const miniChunks: Buffer[] = [];
  for (const s of small) {
    const n = Math.ceil(s.data.length / MINI);
    if (n === 0) {
      miniStart.set(s.name, ENDOFCHAIN);
      continue;
    }
    const first = miniFat.length;
    miniStart.set(s.name, first);
    for (let i = 0; i < n; i++) miniFat.push(i === n - 1 ? ENDOFCHAIN : first + i + 1);
    const padded = Buffer.alloc(n * MINI);
    Buffer.from(s.data).copy(padded);
    miniChunks.push(padded);
  }
  const miniStream = Buffer.concat(miniChunks);

  // Regular sectors: each large stream, the mini stream, the mini FAT, the directory, then the FAT.
  const entries = 1 + sorted.length;
  const dirSectors = Math.ceil((entries * 128) / SEC);
  const miniFatSectors = Math.ceil((miniFat.length * 4) / SEC);
  const sectorsOf = (bytes: number) => Math.ceil(bytes / SEC);
  let dataSectors = large.reduce((n, s) => n + sectorsOf(s.data.length), 0) + sectorsOf(miniStream.length) + miniFatSectors + dirSectors;
  let fatSectors = 1;
  while (fatSectors * (SEC / 4) < dataSectors + fatSectors) fatSectors++;
  const total = dataSectors + fatSectors;
  const fat = new Array<number>(fatSectors * (SEC / 4)).fill(FREESECT);
  const body = Buffer.alloc(total * SEC);
  let next = 0;
  const place = (data: Uint8Array): number => {
    const n = sectorsOf(data.length);
    if (n === 0) return ENDOFCHAIN;
    const first = next;
    for (let i = 0; i < n; i++) fat[first + i] = i === n - 1 ? ENDOFCHAIN : first + i + 1;
    Buffer.from(data).copy(body, first * SEC);
    next += n;
    return first;
  };
  const start = new Map<string, number>();
  for (const s of large) start.set(s.name, place(s.data));
  const miniStreamStart = place(miniStream);
  const miniFatBuf = Buffer.alloc(miniFatSectors * SEC, 0xff);
  miniFat.forEach((v, i) => miniFatBuf.writeInt32LE(v, i * 4));
  const miniFatStart = miniFat.length ? place(miniFatBuf) : ENDOFCHAIN;

  // The directory: the root, then the streams as a chain of right siblings, in CFB order.
  const dir = Buffer.alloc(dirSectors * SEC);
  const entry = (i: number, name: string, type: number, startSector: number, size: number, child: number, right: number) => {
    const o = i * 128;
    dir.write(name, o, 'utf16le');
    dir.writeUInt16LE((name.length + 1) * 2, o + 64);
    dir[o + 66] = type;
    dir[o + 67] = 1; // black
    dir.writeInt32LE(-1, o + 68);
    dir.writeInt32LE(right, o + 72);
    dir.writeInt32LE(child, o + 76);
    dir.writeInt32LE(startSector, o + 116);
    dir.writeUInt32LE(size, o + 120);
  };
  for (let i = entries; i < dirSectors * 4; i++) {
    dir.writeInt32LE(-1, i * 128 + 68);
    dir.writeInt32LE(-1, i * 128 + 72);
    dir.writeInt32LE(-1, i * 128 + 76);
  }
  entry(0, 'Root Entry', 5, miniStream.length ? miniStreamStart : ENDOFCHAIN, miniStream.length, sorted.length ? 1 : -1, -1);
  sorted.forEach((s, k) => {
    const sec = s.data.length >= CUTOFF ? start.get(s.name)! : miniStart.get(s.name)!;
    entry(k + 1, s.name, 2, sec, s.data.length, -1, k + 2 <= sorted.length ? k + 2 : -1);
  });
  const dirStart = place(dir);
  if (opts.corrupt === 'fat-loop') fat[dirStart + dirSectors - 1] = dirStart; // A → … → A

  const fatStart = next;
  for (let i = 0; i < fatSectors; i++) fat[fatStart + i] = FATSECT;
  const fatBuf = Buffer.alloc(fatSectors * SEC);
  fat.forEach((v, i) => fatBuf.writeInt32LE(v, i * 4));
  fatBuf.copy(body, fatStart * SEC);
  next += fatSectors;
  if (fatSectors > 109) throw new Error('test CFB too large');

  const header = Buffer.alloc(SEC);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(fatSectors, 0x2c);
  header.writeInt32LE(dirStart, 0x30);
  header.writeUInt32LE(CUTOFF, 0x38);
  header.writeInt32LE(miniFatStart, 0x3c);
  header.writeUInt32LE(miniFatSectors, 0x40);
  header.writeInt32LE(ENDOFCHAIN, 0x44);
  header.writeUInt32LE(0, 0x48);
  for (let i = 0; i < 109; i++) header.writeInt32LE(i < fatSectors ? fatStart + i : FREESECT, 0x4c + i * 4);
  dataSectors = next;
  return Buffer.concat([header, body.subarray(0, dataSectors * SEC)]);
}

// ---------------------------------------------------------------------------------------------
// Word 97–2003 (.doc)

export interface DocRun {
  /** The characters as Word stores them: TCVN3 codes as their Latin-1 characters, or Unicode. */
  text: string;
  /** Index into `fonts`; absent: the font of the paragraph's style. */
  font?: number;
  /** A footnote reference: the note's text (the run's own text is ignored). */
  footnote?: DocRun[];
}

export interface DocParagraph {
  runs: DocRun[];
  /** Style index: 0 Normal, 1 heading 1. */
  style?: number;
}

export interface DocSpec {
  fonts: string[];
  /** Fonts of the styles: Normal's and heading 1's (indexes into `fonts`). */
  normalFont?: number;
  headingFont?: number;
  paragraphs: DocParagraph[];
  /** The title in the document's properties (SummaryInformation), as stored in code page 1252. */
  title?: string;
  /** Marks the FIB as encrypted, as Word does for a password-protected document. */
  encrypted?: boolean;
  /** Writes a Word 95 FIB number. */
  word95?: boolean;
}

const sprm = (op: number, value: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt16LE(op, 0);
  b.writeUInt16LE(value, 2);
  return b;
};
const fontSprms = (ftc: number) => Buffer.concat([sprm(0x4a4f, ftc), sprm(0x4a51, ftc)]);

function fontTable(names: string[]): Buffer {
  const ffns = names.map((name) => {
    const ffn = Buffer.alloc(40 + (name.length + 1) * 2);
    ffn[0] = ffn.length - 1;
    ffn[1] = 0x04; // TrueType, roman family bits unset
    ffn.writeUInt16LE(400, 2);
    ffn[4] = 0; // ANSI charset: the legacy fonts' bytes travel as Windows-1252 characters
    ffn.write(name, 40, 'utf16le');
    return ffn;
  });
  const head = Buffer.alloc(4);
  head.writeUInt16LE(names.length, 0);
  return Buffer.concat([head, ...ffns]);
}

function styleSheet(normalFont: number | undefined, headingFont: number | undefined): Buffer {
  const stshi = Buffer.alloc(18);
  stshi.writeUInt16LE(2, 0); // cstd
  stshi.writeUInt16LE(10, 2); // cbSTDBaseInFile
  stshi.writeUInt16LE(1, 4); // fStdStylenamesWritten
  stshi.writeUInt16LE(0x5b, 6);
  stshi.writeUInt16LE(15, 8);
  stshi.writeUInt16LE(0, 10);
  stshi.writeUInt16LE(0, 12); // default fonts: index 0
  stshi.writeUInt16LE(0, 14);
  stshi.writeUInt16LE(0, 16);
  const std = (sti: number, base: number, name: string, font: number | undefined) => {
    const stdf = Buffer.alloc(10);
    stdf.writeUInt16LE(sti, 0);
    stdf.writeUInt16LE(1 | (base << 4), 2); // stk 1: paragraph style
    stdf.writeUInt16LE(2 | (0 << 4), 4); // cupx 2, istdNext 0
    const nameBuf = Buffer.alloc(2 + name.length * 2 + 2);
    nameBuf.writeUInt16LE(name.length, 0);
    nameBuf.write(name, 2, 'utf16le');
    const upxPapx = Buffer.from([2, 0, 0, 0]); // cbUPX 2, istd 0 (not checked by readers)
    const chpx = font !== undefined ? fontSprms(font) : Buffer.alloc(0);
    const upxChpx = Buffer.concat([Buffer.from([chpx.length, 0]), chpx]);
    const body = Buffer.concat([stdf, nameBuf, upxPapx, upxChpx]);
    const cb = Buffer.alloc(2);
    cb.writeUInt16LE(body.length, 0);
    return Buffer.concat([cb, body, body.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const cbStshi = Buffer.alloc(2);
  cbStshi.writeUInt16LE(18, 0);
  return Buffer.concat([cbStshi, stshi, std(0, 0x0fff, 'Normal', normalFont), std(1, 0, 'heading 1', headingFont)]);
}

/** A property set stream holding the code page and the title (VT_LPSTR). */
function summaryInformation(title: string): Buffer {
  const titleBytes = Buffer.from(title + '\0', 'latin1');
  const titlePad = Buffer.alloc((4 - (titleBytes.length % 4)) % 4);
  const codepage = Buffer.alloc(8);
  codepage.writeUInt32LE(2, 0); // VT_I2
  codepage.writeUInt16LE(1252, 4);
  const titleProp = Buffer.concat([Buffer.from([0x1e, 0, 0, 0]), Buffer.alloc(4), titleBytes, titlePad]);
  titleProp.writeUInt32LE(titleBytes.length, 4);
  const sectionHead = Buffer.alloc(8 + 2 * 8);
  const size = sectionHead.length + codepage.length + titleProp.length;
  sectionHead.writeUInt32LE(size, 0);
  sectionHead.writeUInt32LE(2, 4);
  sectionHead.writeUInt32LE(1, 8);
  sectionHead.writeUInt32LE(sectionHead.length, 12);
  sectionHead.writeUInt32LE(2, 16);
  sectionHead.writeUInt32LE(sectionHead.length + codepage.length, 20);
  const head = Buffer.alloc(48);
  head.writeUInt16LE(0xfffe, 0);
  head.writeUInt32LE(1, 24);
  Buffer.from('e0859ff2f94f6810ab9108002b27b3d9', 'hex').copy(head, 28); // FMTID_SummaryInformation
  head.writeUInt32LE(48, 44);
  return Buffer.concat([head, sectionHead, codepage, titleProp]);
}

/** A Word 97 document: text in pieces (8-bit where Windows-1252 holds it, else UTF-16), fonts per run, styles, footnotes. */
export function makeDoc(spec: DocSpec): Buffer {
  // The stories' text as CPs: the body, then the footnotes (each begins with its mark), then a last paragraph mark.
  interface Span { text: string; font: number | undefined; para: number }
  const spans: Span[] = [];
  const paraStyles: number[] = [];
  const footnotes: DocRun[][] = [];
  const refCps: number[] = [];
  let cp = 0;
  const push = (text: string, font: number | undefined, para: number) => {
    spans.push({ text, font, para });
    cp += text.length;
  };
  spec.paragraphs.forEach((p, pi) => {
    paraStyles.push(p.style ?? 0);
    for (const r of p.runs) {
      if (r.footnote) {
        refCps.push(cp);
        footnotes.push(r.footnote);
        push('\u0002', r.font, pi);
      } else push(r.text, r.font, pi);
    }
    push('\r', undefined, pi);
  });
  const ccpText = cp;
  const noteStarts: number[] = [];
  footnotes.forEach((runs) => {
    const pi = paraStyles.length;
    paraStyles.push(0);
    noteStarts.push(cp - ccpText);
    push('\u0002', undefined, pi);
    push(' ', undefined, pi);
    for (const r of runs) push(r.text, r.font, pi);
    push('\r', undefined, pi);
  });
  const ccpFtn = cp - ccpText;
  if (ccpFtn > 0) {
    paraStyles.push(0);
    push('\r', undefined, paraStyles.length - 1);
  }

  // Pieces: one per paragraph, compressed (8-bit) when Windows-1252 would hold it.
  const TEXT_START = 0x400;
  const pieceBytes: Buffer[] = [];
  const pieces: { cpStart: number; cpEnd: number; fc: number; bytes: number; compressed: boolean }[] = [];
  let fc = TEXT_START;
  let at = 0;
  /** The file position of each CP's character. */
  const fcOfCp: number[] = [];
  for (let pi = 0; pi < paraStyles.length; pi++) {
    const text = spans.filter((s) => s.para === pi).map((s) => s.text).join('');
    const compressed = [...text].every((c) => c.charCodeAt(0) <= 0xff && (c.charCodeAt(0) < 0x80 || c.charCodeAt(0) > 0x9f));
    const bytes = compressed ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf16le');
    pieces.push({ cpStart: at, cpEnd: at + text.length, fc, bytes: bytes.length, compressed });
    for (let k = 0; k < text.length; k++) fcOfCp.push(fc + (compressed ? k : 2 * k));
    pieceBytes.push(bytes);
    fc += bytes.length;
    at += text.length;
  }
  const textBytes = Buffer.concat(pieceBytes);

  // Character runs: one per span, with its font (or none); paragraph runs: one per paragraph.
  const chpxRuns: { fcStart: number; fcEnd: number; grpprl: Buffer }[] = [];
  let c0 = 0;
  for (const s of spans) {
    const fcStart = fcOfCp[c0]!;
    const last = c0 + s.text.length - 1;
    const piece = pieces.find((p) => last >= p.cpStart && last < p.cpEnd)!;
    const fcEnd = fcOfCp[last]! + (piece.compressed ? 1 : 2);
    chpxRuns.push({ fcStart, fcEnd, grpprl: s.font !== undefined ? fontSprms(s.font) : Buffer.alloc(0) });
    c0 += s.text.length;
  }
  const papxRuns = pieces.map((p, pi) => ({ fcStart: p.fc, fcEnd: p.fc + p.bytes, istd: paraStyles[pi]! }));

  const fkpStart = Math.ceil((TEXT_START + textBytes.length) / 512) * 512;
  const chpxPage = Buffer.alloc(512);
  {
    const crun = chpxRuns.length;
    if ((crun + 1) * 4 + crun + chpxRuns.reduce((n, r) => n + r.grpprl.length + 2, 0) > 510) throw new Error('test .doc too long for one FKP');
    let free = 511;
    chpxRuns.forEach((r, j) => {
      chpxPage.writeUInt32LE(r.fcStart, j * 4);
      if (r.grpprl.length === 0) return;
      free -= r.grpprl.length + 1;
      if (free & 1) free--;
      chpxPage[free] = r.grpprl.length;
      r.grpprl.copy(chpxPage, free + 1);
      chpxPage[(crun + 1) * 4 + j] = free / 2;
    });
    chpxPage.writeUInt32LE(chpxRuns[crun - 1]!.fcEnd, crun * 4);
    chpxPage[511] = crun;
  }
  const papxPage = Buffer.alloc(512);
  {
    const crun = papxRuns.length;
    let free = 511;
    papxRuns.forEach((r, j) => {
      papxPage.writeUInt32LE(r.fcStart, j * 4);
      free -= 4;
      if (free & 1) free--;
      papxPage[free] = 0;
      papxPage[free + 1] = 1;
      papxPage.writeUInt16LE(r.istd, free + 2);
      papxPage[(crun + 1) * 4 + j * 13] = free / 2;
    });
    papxPage.writeUInt32LE(papxRuns[crun - 1]!.fcEnd, crun * 4);
    papxPage[511] = crun;
  }

  // The table stream: piece table (Clx), fonts, styles, bin tables, footnote PLCs.
  const parts: Buffer[] = [];
  let tableSize = 0;
  const add = (b: Buffer) => {
    const fcPart = tableSize;
    parts.push(b);
    tableSize += b.length;
    return { fc: fcPart, lcb: b.length };
  };
  const u32 = (...v: number[]) => {
    const b = Buffer.alloc(v.length * 4);
    v.forEach((x, i) => b.writeUInt32LE(x >>> 0, i * 4));
    return b;
  };
  const plcPcd = Buffer.concat([
    u32(...pieces.map((p) => p.cpStart), pieces[pieces.length - 1]!.cpEnd),
    ...pieces.map((p) => {
      const pcd = Buffer.alloc(8);
      pcd.writeUInt32LE(p.compressed ? (p.fc * 2) | 0x40000000 : p.fc, 2);
      return pcd;
    }),
  ]);
  const clxHead = Buffer.alloc(5);
  clxHead[0] = 2;
  clxHead.writeUInt32LE(plcPcd.length, 1);
  const clx = add(Buffer.concat([clxHead, plcPcd]));
  const ffn = add(fontTable(spec.fonts));
  const stsh = add(styleSheet(spec.normalFont, spec.headingFont));
  const binChpx = add(u32(chpxRuns[0]!.fcStart, chpxRuns[chpxRuns.length - 1]!.fcEnd, fkpStart / 512));
  const binPapx = add(u32(papxRuns[0]!.fcStart, papxRuns[papxRuns.length - 1]!.fcEnd, fkpStart / 512 + 1));
  const fndRef = refCps.length ? add(Buffer.concat([u32(...refCps, ccpText), Buffer.alloc(refCps.length * 2, 1)])) : { fc: 0, lcb: 0 };
  const fndTxt = refCps.length ? add(u32(...noteStarts, ccpFtn - 1, ccpFtn)) : { fc: 0, lcb: 0 };
  const table = Buffer.concat(parts);

  // The FIB.
  const fib = Buffer.alloc(TEXT_START);
  fib.writeUInt16LE(0xa5ec, 0);
  fib.writeUInt16LE(spec.word95 ? 0x68 : 0xc1, 2);
  fib.writeUInt16LE(0x0409, 6);
  fib.writeUInt16LE(0x0200 | 0x1000 | (spec.encrypted ? 0x0100 : 0), 0x0a); // 1Table, fExtChar
  fib.writeUInt16LE(0xbf, 0x0c);
  fib.writeUInt16LE(14, 0x20);
  fib.writeUInt16LE(22, 0x3e);
  fib.writeUInt32LE(fkpStart + 1024, 0x40); // cbMac
  fib.writeUInt32LE(ccpText, 0x4c);
  fib.writeUInt32LE(ccpFtn, 0x50);
  fib.writeUInt16LE(0x5d, 0x98);
  const fcLcb = (offset: number, part: { fc: number; lcb: number }) => {
    fib.writeUInt32LE(part.fc, offset);
    fib.writeUInt32LE(part.lcb, offset + 4);
  };
  fcLcb(0xa2, stsh);
  fcLcb(0xaa, fndRef);
  fcLcb(0xb2, fndTxt);
  fcLcb(0xfa, binChpx);
  fcLcb(0x102, binPapx);
  fcLcb(0x112, ffn);
  fcLcb(0x1a2, clx);
  const word = Buffer.alloc(fkpStart + 1024);
  fib.copy(word, 0);
  textBytes.copy(word, TEXT_START);
  chpxPage.copy(word, fkpStart);
  papxPage.copy(word, fkpStart + 512);

  const streams: { name: string; data: Uint8Array }[] = [
    { name: 'WordDocument', data: word },
    { name: '1Table', data: table },
  ];
  if (spec.title !== undefined) streams.push({ name: '\u0005SummaryInformation', data: summaryInformation(spec.title) });
  return writeCfb(streams);
}

// ---------------------------------------------------------------------------------------------
// RTF, written the way Word writes it: \'hh for bytes above 0x7F, \uN? for characters beyond the code page

/** Escapes text for RTF: bytes above 0x7F as \'hh (legacy-font text), other characters above 0xFF as \uN?. */
export function rtfText(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '{' || ch === '}') out += `\\${ch}`;
    else if (c < 0x80) out += ch;
    else if (c <= 0xff) out += `\\'${c.toString(16).padStart(2, '0')}`;
    else out += `\\u${c > 0x7fff ? c - 0x10000 : c}?`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// ODT

export async function makeOdt(content: string, opts: { styles?: string; fonts?: string[]; title?: string; mimetype?: string } = {}): Promise<Buffer> {
  const ns =
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"';
  const faces = (opts.fonts ?? []).map((f) => `<style:font-face style:name="${f}" svg:font-family="'${f}'"/>`).join('');
  const zip = new JSZip();
  zip.file('mimetype', opts.mimetype ?? 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
  zip.file(
    'content.xml',
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ns} office:version="1.3"><office:font-face-decls>${faces}</office:font-face-decls>${content}</office:document-content>`,
  );
  zip.file(
    'styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${ns} office:version="1.3"><office:font-face-decls>${faces}</office:font-face-decls>${opts.styles ?? ''}</office:document-styles>`,
  );
  zip.file('meta.xml', `<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${ns}><office:meta>${opts.title !== undefined ? `<dc:title>${opts.title}</dc:title>` : ''}</office:meta></office:document-meta>`);
  zip.file(
    'META-INF/manifest.xml',
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
      '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
      '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>' +
      '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>',
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ---------------------------------------------------------------------------------------------
// DOCX in legacy fonts

/**
 * A DOCX typed in TCVN3: a heading in ".VnTimeH" (lower-case codes shown as capitals), body runs
 * in ".VnTime", a paragraph whose font comes from its style only, a footnote in ".VnTime", a
 * Unicode run in Times New Roman, and a TCVN3 title in the core properties.
 */
export async function makeLegacyDocx(parts: { heading: string; body: string; styled: string; note: string; unicode: string; title: string }): Promise<Buffer> {
  const doc = new Document({
    title: tcvn3(parts.title),
    styles: {
      paragraphStyles: [{ id: 'VanBan', name: 'Van ban', basedOn: 'Normal', run: { font: '.VnTime' } }],
    },
    footnotes: { 1: { children: [new Paragraph({ children: [new TextRun({ text: tcvn3(parts.note), font: '.VnTime' })] })] } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: tcvn3(parts.heading.toLowerCase()), font: '.VnTimeH' })] }),
          new Paragraph({ children: [new TextRun({ text: tcvn3(parts.body), font: '.VnTime' }), new FootnoteReferenceRun(1)] }),
          new Paragraph({ style: 'VanBan', children: [new TextRun(tcvn3(parts.styled))] }),
          new Paragraph({ children: [new TextRun({ text: parts.unicode, font: 'Times New Roman' })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// ---------------------------------------------------------------------------------------------
// PDF printed from a TCVN3 document

/**
 * A PDF as old Vietnamese PDFs are: Type 1/TrueType fonts named ".VnTime" and ".VnTimeH,Bold"
 * (not embedded), WinAnsi codes that are TCVN3 bytes, and a title in the same bytes.
 */
export async function makeTcvn3Pdf(lines: { text: string; capitals?: boolean }[], title?: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const body = await doc.embedFont(StandardFonts.TimesRoman);
  const caps = await doc.embedFont(StandardFonts.TimesRomanBold);
  const page = doc.addPage([595.28, 841.89]);
  lines.forEach((l, i) =>
    page.drawText(tcvn3(l.capitals ? l.text.toLowerCase() : l.text), { x: 60, y: 760 - i * 24, size: 13, font: l.capitals ? caps : body }),
  );
  await (doc as unknown as { flush(): Promise<void> }).flush();
  (doc.context.lookup(body.ref) as unknown as { set(k: PDFName, v: PDFName): void }).set(PDFName.of('BaseFont'), PDFName.of('ABCDEF+.VnTime'));
  (doc.context.lookup(caps.ref) as unknown as { set(k: PDFName, v: PDFName): void }).set(PDFName.of('BaseFont'), PDFName.of('.VnTimeH,Bold'));
  // The title in PDFDocEncoding, byte for byte what the old program wrote (TCVN3 codes).
  if (title !== undefined) (doc as unknown as { getInfoDict(): { set(k: PDFName, v: PDFString): void } }).getInfoDict().set(PDFName.of('Title'), PDFString.of(tcvn3(title)));
  return doc.save({ updateFieldAppearances: false });
}
