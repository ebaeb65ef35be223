/**
 * DOC (Word 97–2003, the binary format). word-extractor reads the text: the piece table, deleted
 * revisions, table rows. Around it this reader adds what word-extractor does not keep, from the
 * same streams:
 * - the font of every character (direct formatting, else its paragraph's style, else the
 *   document's default), from the font table (SttbfFfn), the character runs (CHPX) and the style
 *   sheet (STSH), so that TCVN3, VNI and ".VnTimeH" capitals are converted run by run;
 * - headings (paragraphs in the built-in "heading 1…9" styles);
 * - footnote and endnote references where they stand in the text, and each note's own text;
 * - the title from the document's properties (SummaryInformation).
 * The container is read by cfb.ts, which refuses damaged sector chains (word-extractor's own
 * reader can loop on them until memory runs out).
 */
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
// word-extractor's Word reader, given the streams read here (types: wordExtractor.d.ts).
import WordOleExtractor from 'word-extractor/lib/word-ole-extractor.js';
import { UserFacingError } from '../../../../shared/errors';
import { CfbError, openCfb, type CfbFile } from './cfb';
import { convertRuns, convertTitle } from './legacyRuns';
import { officeDocumentOf, type Block, type Inline, type Note, type NoteRef, type OfficeDocument } from './officeDocument';

/** A piece of the text, as word-extractor leaves it (see its writePieces). */
interface Piece {
  startCp: number;
  endCp: number;
  startFilePos: number;
  endFilePos: number;
  bpc: 1 | 2;
  text: string;
}

interface ExtractorState {
  _pieces: Piece[];
  _boundaries: { ccpText: number; ccpFtn: number; ccpHdd: number; ccpAtn: number; ccpEdn: number; ccpTxbx: number; ccpHdrTxbx: number };
  wordBuffer?: Buffer;
  tableBuffer?: Buffer;
  extractWordDocument(document: unknown, buffer: Buffer): Promise<unknown>;
}

const Extractor = WordOleExtractor as unknown as new () => ExtractorState & {
  documentStream(document: unknown, name: string): Promise<Readable>;
  writePieces(buffer: Buffer, table: Buffer): void;
};

/** word-extractor's reader, fed from our container and keeping the two streams it parsed. */
class StreamExtractor extends Extractor {
  constructor(private readonly cfb: CfbFile) {
    super();
  }
  override documentStream(_document: unknown, name: string): Promise<Readable> {
    const bytes = this.cfb.stream(name);
    return bytes ? Promise.resolve(Readable.from([bytes])) : Promise.reject(new Error(`no ${name} stream`));
  }
  override writePieces(buffer: Buffer, table: Buffer): void {
    this.wordBuffer = buffer;
    this.tableBuffer = table;
    super.writePieces(buffer, table);
  }
}

// ---------------------------------------------------------------------------------------------
// The FIB (File Information Block) fields read here: fixed offsets in Word 97 and later.

const FIB = {
  nFib: 0x02,
  flags: 0x0a,
  ccpText: 0x4c,
  ccpFtn: 0x50,
  ccpHdd: 0x54,
  ccpMcr: 0x58,
  ccpAtn: 0x5c,
  ccpEdn: 0x60,
  ccpTxbx: 0x64,
  fcStshf: 0xa2,
  fcPlcffndRef: 0xaa,
  fcPlcffndTxt: 0xb2,
  fcPlcfBteChpx: 0xfa,
  fcPlcfBtePapx: 0x102,
  fcSttbfFfn: 0x112,
  fcPlcfendRef: 0x20a,
  fcPlcfendTxt: 0x212,
} as const;

/**
 * Longest text read (in characters, all stories): the archive holds a document's text as one page
 * of at most 32 MiB, and the per-character tables here take 6 bytes a character.
 */
const MAX_DOC_CHARS = 32 * 1024 * 1024;

/** Word 97 writes nFib 0xC1; Word 6.0 and 95 wrote 101–105, a different layout. */
const WORD97_NFIB = 0xc1;

/** A structure in the table stream named by an fc/lcb pair of the FIB, or null when absent or out of range. */
function tablePart(word: Buffer, table: Buffer, fcAt: number): Buffer | null {
  if (fcAt + 8 > word.length) return null;
  const fc = word.readUInt32LE(fcAt);
  const lcb = word.readUInt32LE(fcAt + 4);
  if (lcb === 0 || fc + lcb > table.length) return null;
  return table.subarray(fc, fc + lcb);
}

/** Calls `each(sprm, operand)` for every property modifier of a grpprl. */
function eachSprm(grpprl: Buffer, each: (sprm: number, operand: Buffer) => void): void {
  let at = 0;
  while (at + 2 <= grpprl.length) {
    const sprm = grpprl.readUInt16LE(at);
    at += 2;
    const spra = sprm >> 13;
    let size: number;
    if (spra === 0 || spra === 1) size = 1;
    else if (spra === 2 || spra === 4 || spra === 5) size = 2;
    else if (spra === 3) size = 4;
    else if (spra === 7) size = 3;
    else if (sprm === 0xd608 || sprm === 0xc615) {
      // sprmTDefTable and sprmPChgTabs: a two-byte length (sprmPChgTabs: one byte, 255 = more).
      if (at + 2 > grpprl.length) return;
      size = sprm === 0xd608 ? grpprl.readUInt16LE(at) + 1 : grpprl[at]! + 1;
    } else {
      if (at >= grpprl.length) return;
      size = grpprl[at]! + 1;
    }
    each(sprm, grpprl.subarray(at, Math.min(at + size, grpprl.length)));
    at += size;
  }
}

const sprmCRgFtc0 = 0x4a4f; // font for ASCII letters
const sprmCRgFtc2 = 0x4a51; // font for other (non East Asian) letters: what TCVN3 bytes above 0x7F use
const sprmCIstd = 0x4a30; // character style

/** The font a grpprl sets (the non-ASCII one first), or undefined. */
function fontOfGrpprl(grpprl: Buffer): { ftc?: number; istd?: number } {
  let ftc0: number | undefined;
  let ftc2: number | undefined;
  let istd: number | undefined;
  eachSprm(grpprl, (sprm, op) => {
    if (op.length < 2) return;
    if (sprm === sprmCRgFtc0) ftc0 = op.readUInt16LE(0);
    else if (sprm === sprmCRgFtc2) ftc2 = op.readUInt16LE(0);
    else if (sprm === sprmCIstd) istd = op.readUInt16LE(0);
  });
  const ftc = ftc2 ?? ftc0;
  return { ...(ftc !== undefined ? { ftc } : {}), ...(istd !== undefined ? { istd } : {}) };
}

/** Font names by index (SttbfFfn: a count, then FFN records with the name at byte 40). */
function readFontNames(word: Buffer, table: Buffer): string[] {
  const sttb = tablePart(word, table, FIB.fcSttbfFfn);
  if (!sttb || sttb.length < 4) return [];
  const count = sttb.readUInt16LE(0);
  const names: string[] = [];
  let at = 4;
  for (let i = 0; i < count && at < sttb.length; i++) {
    const size = sttb[at]! + 1;
    const ffn = sttb.subarray(at, at + size);
    let name = '';
    for (let k = 40; k + 1 < ffn.length; k += 2) {
      const c = ffn.readUInt16LE(k);
      if (c === 0) break;
      name += String.fromCharCode(c);
    }
    names.push(name);
    at += size;
  }
  return names;
}

interface Style {
  /** Built-in style identifier: 1–9 are "heading 1…9". */
  sti: number;
  base: number;
  ftc?: number;
}

/** The style sheet: each style's built-in identifier, base style and font; the default fonts. */
function readStyles(word: Buffer, table: Buffer): { styles: (Style | null)[]; defaultFtc?: number } {
  const stsh = tablePart(word, table, FIB.fcStshf);
  if (!stsh || stsh.length < 4) return { styles: [] };
  const cbStshi = stsh.readUInt16LE(0);
  if (cbStshi < 6 || 2 + cbStshi > stsh.length) return { styles: [] };
  const cstd = stsh.readUInt16LE(2);
  const cbBase = stsh.readUInt16LE(4);
  const defaultFtc = cbStshi >= 18 ? stsh.readUInt16LE(2 + 16) : cbStshi >= 14 ? stsh.readUInt16LE(2 + 12) : undefined;
  const styles: (Style | null)[] = [];
  let at = 2 + cbStshi;
  for (let i = 0; i < cstd && at + 2 <= stsh.length; i++) {
    const cb = stsh.readUInt16LE(at);
    at += 2;
    if (cb === 0) {
      styles.push(null);
      continue;
    }
    const std = stsh.subarray(at, Math.min(at + cb, stsh.length));
    at += cb + (cb & 1);
    if (std.length < Math.max(cbBase, 6)) {
      styles.push(null);
      continue;
    }
    const sti = std.readUInt16LE(0) & 0x0fff;
    const stk = std.readUInt16LE(2) & 0x000f;
    const base = std.readUInt16LE(2) >> 4;
    const cupx = std.readUInt16LE(4) & 0x000f;
    const style: Style = { sti, base };
    // The name (a length and UTF-16 letters, then a 0), then the UPXs, each padded to even.
    let p = cbBase;
    if (p + 2 <= std.length) {
      const cch = std.readUInt16LE(p);
      p += 2 + cch * 2 + 2;
      for (let u = 0; u < cupx && p + 2 <= std.length; u++) {
        const cbUpx = std.readUInt16LE(p);
        const upx = std.subarray(p + 2, Math.min(p + 2 + cbUpx, std.length));
        p += 2 + cbUpx + (cbUpx & 1);
        // Paragraph styles: UPX 0 is the paragraph's (istd + grpprl), UPX 1 the characters'. Character styles: UPX 0.
        const isChpx = (stk === 1 && u === 1) || (stk === 2 && u === 0);
        if (isChpx) {
          const f = fontOfGrpprl(upx);
          if (f.ftc !== undefined) style.ftc = f.ftc;
        }
      }
    }
    styles.push(style);
  }
  return { styles, ...(defaultFtc !== undefined ? { defaultFtc } : {}) };
}

function styleFtc(styles: (Style | null)[], istd: number): number | undefined {
  for (let i = 0, s = istd; i < 12 && s < styles.length && s !== 0x0fff; i++) {
    const st = styles[s];
    if (!st) return undefined;
    if (st.ftc !== undefined) return st.ftc;
    if (st.base === s) return undefined;
    s = st.base;
  }
  return undefined;
}

function headingOf(styles: (Style | null)[], istd: number): number | undefined {
  const sti = styles[istd]?.sti;
  return sti !== undefined && sti >= 1 && sti <= 9 ? Math.min(sti, 6) : undefined;
}

/**
 * Runs of file positions with their properties, from the FKP pages a bin table points to
 * (CHPX: the run's grpprl; PAPX: the paragraph's istd and grpprl).
 */
function readFkpRuns(word: Buffer, table: Buffer, fcAt: number, kind: 'chpx' | 'papx'): { fcStart: number; fcEnd: number; grpprl: Buffer; istd?: number }[] {
  const plc = tablePart(word, table, fcAt);
  if (!plc || plc.length < 12) return [];
  const n = Math.floor((plc.length - 4) / 8);
  const out: { fcStart: number; fcEnd: number; grpprl: Buffer; istd?: number }[] = [];
  for (let i = 0; i < n; i++) {
    const pn = plc.readUInt32LE((n + 1) * 4 + i * 4) & 0x3fffff;
    const page = word.subarray(pn * 512, pn * 512 + 512);
    if (page.length < 512) continue;
    const crun = page[511]!;
    for (let j = 0; j < crun && (j + 1) * 4 + 4 <= 511; j++) {
      const fcStart = page.readUInt32LE(j * 4);
      const fcEnd = page.readUInt32LE((j + 1) * 4);
      if (kind === 'chpx') {
        const b = page[(crun + 1) * 4 + j];
        if (!b) continue;
        const cb = page[b * 2]!;
        out.push({ fcStart, fcEnd, grpprl: page.subarray(b * 2 + 1, b * 2 + 1 + cb) });
      } else {
        const b = page[(crun + 1) * 4 + j * 13];
        if (!b) continue;
        let cb = page[b * 2]!;
        let start = b * 2 + 1;
        if (cb === 0) {
          cb = page[b * 2 + 1]! * 2;
          start = b * 2 + 2;
        } else cb = cb * 2 - 1;
        const papx = page.subarray(start, start + cb);
        if (papx.length < 2) continue;
        out.push({ fcStart, fcEnd, grpprl: papx.subarray(2), istd: papx.readUInt16LE(0) });
      }
    }
  }
  return out;
}

/**
 * Sets `value` for every character position whose file position lies in [fcStart, fcEnd).
 * `byFc`: the pieces in file order, found by binary search (a document saved quickly many times
 * has thousands of pieces, and as many character runs).
 */
function fillByFilePos(byFc: Piece[], fcStart: number, fcEnd: number, target: Int16Array, value: number): void {
  let lo = 0;
  let hi = byFc.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byFc[mid]!.endFilePos <= fcStart) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < byFc.length && byFc[k]!.startFilePos < fcEnd; k++) {
    const p = byFc[k]!;
    const from = Math.max(fcStart, p.startFilePos);
    const to = Math.min(fcEnd, p.endFilePos);
    if (from >= to) continue;
    const a = p.startCp + Math.floor((from - p.startFilePos) / p.bpc);
    const b = p.startCp + Math.ceil((to - p.startFilePos) / p.bpc);
    target.fill(value, Math.max(0, a), Math.min(target.length, b));
  }
}

/** The CPs a PLC begins with (n + 1 of them for n data elements of `dataSize` bytes). */
function plcCps(plc: Buffer | null, dataSize: number): number[] {
  if (!plc) return [];
  const n = dataSize === 0 ? plc.length / 4 - 1 : Math.floor((plc.length - 4) / (4 + dataSize));
  const cps: number[] = [];
  for (let i = 0; i <= n && (i + 1) * 4 <= plc.length; i++) cps.push(plc.readUInt32LE(i * 4));
  return cps;
}

// ---------------------------------------------------------------------------------------------
// The document's properties (SummaryInformation): its title

function summaryTitle(cfb: CfbFile): string | undefined {
  let s: Buffer | null;
  try {
    s = cfb.stream('\u0005SummaryInformation');
  } catch {
    return undefined;
  }
  if (!s || s.length < 48) return undefined;
  const section = s.readUInt32LE(44);
  if (section + 8 > s.length) return undefined;
  const count = s.readUInt32LE(section + 4);
  let codepage = 1252;
  let raw: Buffer | null = null;
  for (let i = 0; i < count && section + 8 + i * 8 + 8 <= s.length; i++) {
    const id = s.readUInt32LE(section + 8 + i * 8);
    const off = section + s.readUInt32LE(section + 12 + i * 8);
    if (off + 8 > s.length) continue;
    const type = s.readUInt32LE(off);
    if (id === 1 && type === 2) codepage = s.readUInt16LE(off + 4);
    if (id === 2 && type === 0x1e) {
      const len = s.readUInt32LE(off + 4);
      raw = s.subarray(off + 8, Math.min(off + 8 + len, s.length));
    }
  }
  if (!raw) return undefined;
  const cp = codepage === 1200 ? 'utf16le' : codepage === 65001 ? 'utf8' : `cp${codepage}`;
  const text = iconv.encodingExists(cp) ? iconv.decode(raw, cp) : raw.toString('latin1');
  return text.replace(/\0[\s\S]*$/, '').trim() || undefined;
}

// ---------------------------------------------------------------------------------------------

type RawItem = { text: string; font: string | null } | { note: NoteRef } | { lineBreak: true };
interface RawPara {
  heading?: number;
  items: RawItem[];
  /** A table row: its cells (then `items` is empty). */
  cells?: RawItem[][];
}

export async function readDocDocument(bytes: Uint8Array, name: string): Promise<OfficeDocument> {
  const damaged = () => new UserFacingError('import.doc-invalid', `${name}: tài liệu Word (.doc) bị hỏng, không đọc được.`);
  let cfb: CfbFile;
  let word: Buffer | null;
  try {
    cfb = openCfb(bytes);
    word = cfb.stream('WordDocument');
  } catch (e) {
    if (e instanceof CfbError) throw damaged();
    throw e;
  }
  if (!word) {
    const streams = cfb.streams();
    const what = streams.includes('Workbook') || streams.includes('Book')
      ? 'bảng tính Excel (.xls)'
      : streams.includes('PowerPoint Document')
        ? 'bản trình chiếu PowerPoint (.ppt)'
        : 'tài liệu Word';
    if (what === 'tài liệu Word') throw new UserFacingError('import.doc-invalid', `${name}: tệp Office cũ này không phải tài liệu Word (.doc), hoặc bị hỏng.`);
    throw new UserFacingError('import.unsupported', `${name}: đây là ${what}, không phải tài liệu Word; Sử Quán chưa nhập được loại tệp này.`);
  }
  if (word.length < 0x220 || word.readUInt16LE(0) !== 0xa5ec) throw damaged();
  const nFib = word.readUInt16LE(FIB.nFib);
  const flags = word.readUInt16LE(FIB.flags);
  if (flags & 0x0100) {
    throw new UserFacingError('import.doc-password', `${name}: tài liệu Word có mật khẩu bảo vệ; hãy mở bằng Word, bỏ mật khẩu rồi nhập lại.`);
  }
  if (nFib < WORD97_NFIB) {
    throw new UserFacingError(
      'import.doc-old',
      `${name}: tài liệu Word 6.0/95 (định dạng trước Word 97) chưa đọc được; hãy mở bằng Word hoặc LibreOffice và lưu lại thành .docx rồi nhập lại.`,
    );
  }

  const ex = new StreamExtractor(cfb);
  try {
    await ex.extractWordDocument(null, word);
  } catch {
    throw damaged();
  }
  const table = ex.tableBuffer!;
  const pieces = [...ex._pieces].sort((a, b) => a.startCp - b.startCp);
  const byFc = [...pieces].sort((a, b) => a.startFilePos - b.startFilePos);
  const total = pieces.reduce((n, p) => n + p.text.length, 0);
  if (total > MAX_DOC_CHARS) {
    throw new UserFacingError(
      'import.too-large',
      `${name}: tài liệu Word quá dài để đọc một lần (${Math.round(total / 1e6)} triệu ký tự); hãy tách thành nhiều tài liệu nhỏ hơn rồi nhập lại.`,
    );
  }
  const all = pieces.map((p) => p.text).join('');

  // Fonts and paragraph styles, per character position.
  const fontNames = readFontNames(word, table);
  const { styles, defaultFtc } = readStyles(word, table);
  const directFtc = new Int16Array(total).fill(-1);
  const charStyle = new Int16Array(total).fill(-1);
  for (const r of readFkpRuns(word, table, FIB.fcPlcfBteChpx, 'chpx')) {
    const f = fontOfGrpprl(r.grpprl);
    if (f.ftc !== undefined) fillByFilePos(byFc, r.fcStart, r.fcEnd, directFtc, f.ftc);
    if (f.istd !== undefined) fillByFilePos(byFc, r.fcStart, r.fcEnd, charStyle, f.istd);
  }
  const paraStyle = new Int16Array(total).fill(0);
  for (const r of readFkpRuns(word, table, FIB.fcPlcfBtePapx, 'papx')) fillByFilePos(byFc, r.fcStart, r.fcEnd, paraStyle, r.istd ?? 0);
  const fontAt = (cp: number): string | null => {
    let ftc = directFtc[cp]!;
    if (ftc < 0 && charStyle[cp]! >= 0) ftc = styleFtc(styles, charStyle[cp]!) ?? -1;
    if (ftc < 0) ftc = styleFtc(styles, paraStyle[cp]!) ?? defaultFtc ?? -1;
    return ftc >= 0 ? fontNames[ftc] ?? null : null;
  };

  // Where the stories begin.
  const b = ex._boundaries;
  const ccpMcr = word.readUInt32LE(FIB.ccpMcr);
  const ftnStart = b.ccpText;
  const hddStart = ftnStart + b.ccpFtn;
  const atnStart = hddStart + b.ccpHdd + ccpMcr;
  const ednStart = atnStart + b.ccpAtn;
  const txbxStart = ednStart + b.ccpEdn;

  const footnoteRefs = new Set(plcCps(tablePart(word, table, FIB.fcPlcffndRef), 2).slice(0, -1));
  const endnoteRefs = new Set(plcCps(tablePart(word, table, FIB.fcPlcfendRef), 2).slice(0, -1));
  let footnotesSeen = 0;
  let endnotesSeen = 0;

  /** The paragraphs of the text between two positions. */
  const story = (from: number, to: number, kind: 'body' | 'note'): RawPara[] => {
    const paras: RawPara[] = [];
    let items: RawItem[] = [];
    let cells: RawItem[][] = [];
    let run: { text: string; font: string | null } | null = null;
    const fields: boolean[] = []; // for each open field: still in its instructions?
    const endRun = () => {
      if (run?.text) items.push(run);
      run = null;
    };
    const endCell = () => {
      endRun();
      cells.push(items);
      items = [];
    };
    const endPara = (cp: number) => {
      endRun();
      if (cells.length) {
        // The row's end mark (word-extractor leaves it as a line feed) closes the row.
        if (items.length) endCell();
        paras.push({ items: [], cells });
        cells = [];
        return;
      }
      const heading = kind === 'body' ? headingOf(styles, paraStyle[Math.min(cp, total - 1)] ?? 0) : undefined;
      paras.push({ ...(heading ? { heading } : {}), items });
      items = [];
    };
    const put = (ch: string, font: string | null) => {
      if (run && run.font !== font) endRun();
      run ??= { text: '', font };
      run.text += ch;
    };
    for (let cp = Math.max(0, from); cp < Math.min(to, total); cp++) {
      const ch = all[cp]!;
      if (ch === '\u0013') {
        fields.push(true);
        continue;
      }
      if (ch === '\u0014') {
        if (fields.length) fields[fields.length - 1] = false;
        continue;
      }
      if (ch === '\u0015') {
        fields.pop();
        continue;
      }
      if (fields.some((inInstructions) => inInstructions)) continue;
      switch (ch) {
        case '\r':
        case '\n':
        case '\u000c':
        case '\u000e':
          endPara(cp);
          continue;
        case '\u0007':
          endCell();
          continue;
        case '\u000b':
          endRun();
          items.push({ lineBreak: true });
          continue;
        case '\u0002':
          if (kind === 'body') {
            endRun();
            const isEndnote = endnoteRefs.has(cp) && !footnoteRefs.has(cp);
            items.push({ note: isEndnote ? { kind: 'endnote', n: ++endnotesSeen } : { kind: 'footnote', n: ++footnotesSeen } });
          }
          continue;
        case '\u001e':
          put('-', fontAt(cp));
          continue;
        default:
          if (ch < ' ' && ch !== '\t') continue; // deleted text (0), pictures (1, 8), comment marks (5), optional hyphens (31)
          put(ch, fontAt(cp));
      }
    }
    if (run || items.length || cells.length) endPara(to - 1);
    return paras;
  };

  /** The notes of a note story, split where each begins (its PLC), else at each reference mark. */
  const notesOf = (start: number, length: number, fcAt: number): RawPara[][] => {
    if (length <= 0) return [];
    let cps = plcCps(tablePart(word!, table, fcAt), 0).filter((c) => c <= length);
    if (cps.length < 2) {
      cps = [];
      for (let cp = start; cp < start + length; cp++) if (all[cp] === '\u0002') cps.push(cp - start);
      cps.push(length);
    }
    const notes: RawPara[][] = [];
    for (let i = 0; i + 1 < cps.length; i++) {
      if (cps[i + 1]! <= cps[i]!) continue;
      notes.push(story(start + cps[i]!, start + cps[i + 1]!, 'note'));
    }
    return notes;
  };

  const body = story(0, b.ccpText, 'body');
  const footnoteTexts = notesOf(ftnStart, b.ccpFtn, FIB.fcPlcffndTxt);
  const endnoteTexts = notesOf(ednStart, b.ccpEdn, FIB.fcPlcfendTxt);
  // Text boxes: their place on the page is not known here; their text follows the body.
  const boxes = b.ccpTxbx > 0 ? story(txbxStart, txbxStart + b.ccpTxbx, 'body') : [];

  // Legacy encodings, run by run from the fonts; else the whole text when it reads clearly as one.
  const runs: { text: string; font: string | null }[] = [];
  for (const p of [...body, ...boxes, ...footnoteTexts.flat(), ...endnoteTexts.flat()]) {
    for (const i of [...p.items, ...(p.cells ?? []).flat()]) if ('text' in i) runs.push(i);
  }
  const legacy = convertRuns(runs);

  const toInline = (i: RawItem): Inline => ('text' in i ? { text: i.text } : i);
  const toBlock = (p: RawPara): Block => ({
    ...(p.heading ? { heading: p.heading } : {}),
    inlines: p.items.map(toInline),
    ...(p.cells ? { cells: p.cells.map((c) => c.map(toInline)) } : {}),
  });
  const noteBlocks = (paras: RawPara[]): Block[] => {
    const blocks = paras.map(toBlock);
    // The note's own number mark has been dropped; the space Word puts after it goes too.
    const first = blocks[0]?.inlines[0];
    if (first && 'text' in first) first.text = first.text.replace(/^\s+/, '');
    return blocks;
  };
  const notes: Note[] = [
    ...footnoteTexts.slice(0, footnotesSeen || footnoteTexts.length).map((paras, i) => ({ kind: 'footnote' as const, n: i + 1, blocks: noteBlocks(paras) })),
    ...endnoteTexts.slice(0, endnotesSeen || endnoteTexts.length).map((paras, i) => ({ kind: 'endnote' as const, n: i + 1, blocks: noteBlocks(paras) })),
  ];
  return officeDocumentOf('doc', [...body, ...boxes].map(toBlock), notes, legacy, convertTitle(summaryTitle(cfb), legacy));
}
