/**
 * RTF, read by a small reader of its own: the RTF readers on npm garble Vietnamese (they do not
 * skip the fallback characters after \uN). What it honours:
 * - \uN Unicode characters with their \ucN fallbacks skipped; \'hh bytes decoded with the code
 *   page of the run's font (\fcharset) or the document's (\ansicpg), through iconv-lite;
 * - fonts from \fonttbl: text in ".VnTime" (TCVN3), ".VnTimeH" (TCVN3 capitals) or "VNI-Times"
 *   (VNI) is read byte for byte and converted run by run;
 * - \footnote groups (\ftnalt: endnotes) become notes referred to where they stand;
 * - headings from \outlinelevelN or a "heading N" style of the \stylesheet; \b \i \ul;
 * - \par \line \tab \cell \row, \emdash and the other named characters; fields keep their result;
 * - what is not text is skipped: \fonttbl \colortbl \stylesheet \info (its \title is kept) \pict
 *   \object \header \footer \*\destinations, \bin data, hidden text (\v).
 */
import iconv from 'iconv-lite';
import { UserFacingError } from '../../../../shared/errors';
import { legacyFontEncoding } from '../../../../shared/text/legacyEncoding';
import { convertRuns, convertTitle } from './legacyRuns';
import { officeDocumentOf, type Block, type Inline, type Note, type OfficeDocument, type TextInline } from './officeDocument';

/** Deepest group nesting read; deeper is damage (Word nests a few dozen at most). */
const MAX_GROUP_DEPTH = 2000;
/** Most text read (characters): as much as the archive keeps on one page (32 MiB). */
const MAX_TEXT_CHARS = 32 * 1024 * 1024;

/** \fcharsetN → code page. */
const CHARSET_CODEPAGE: Readonly<Record<number, number>> = {
  0: 0, // ANSI: the document's \ansicpg
  1: 0, // default
  2: 28591, // symbol: bytes as they are
  77: 10000,
  128: 932,
  129: 949,
  134: 936,
  136: 950,
  161: 1253,
  162: 1254,
  163: 1258,
  177: 1255,
  178: 1256,
  186: 1257,
  204: 1251,
  222: 874,
  238: 1250,
  254: 437,
};

/** Destinations whose content is not the document's text. */
const SKIPPED = new Set([
  'colortbl', 'pict', 'object', 'objdata', 'header', 'headerl', 'headerr', 'headerf', 'footer',
  'footerl', 'footerr', 'footerf', 'fldinst', 'xe', 'tc', 'tcn', 'bkmkstart', 'bkmkend', 'datafield', 'themedata', 'colorschememapping',
  'latentstyles', 'datastore', 'xmlnstbl', 'listtable', 'listoverridetable', 'revtbl', 'rsidtbl', 'generator', 'pgdsctbl', 'filetbl',
  'nonshppict', 'shppict', 'sp', 'sn', 'sv', 'shpinst', 'shprslt', 'blipuid', 'userprops', 'docvar', 'template', 'mmathPr', 'pn',
  'atnid', 'atnauthor', 'annotation', 'atndate', 'atnref', 'protusertbl', 'wgrffmtfilter', 'fchars', 'lchars', 'ftnsep', 'ftnsepc',
  'ftncn', 'aftnsep', 'aftnsepc', 'aftncn', 'pxe', 'background',
]);

const NAMED: Readonly<Record<string, string>> = {
  emdash: '\u2014', endash: '\u2013', lquote: '\u2018', rquote: '\u2019', ldblquote: '\u201c', rdblquote: '\u201d', bullet: '\u2022',
  emspace: '\u2003', enspace: '\u2002', qmspace: '\u2005', zwj: '\u200d', zwnj: '\u200c', ltrmark: '', rtlmark: '',
};

interface Font {
  name: string;
  charset?: number;
}

/** Where the text of a group goes. */
type Dest = 'body' | 'note' | 'fonttbl' | 'stylesheet' | 'info' | 'title' | 'skip';

interface State {
  dest: Dest;
  font: number | null;
  uc: number;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  hidden: boolean;
  /** No control word has come yet in this group: the first one may name a destination. */
  first: boolean;
  /** A \* came: the destination named next is skipped unless known. */
  star: boolean;
}

type RawInline = (TextInline & { font: number | null }) | { note: Note } | { lineBreak: true };
interface RawBlock {
  heading?: number;
  inlines: RawInline[];
  cells?: RawInline[][];
}

export async function readRtfDocument(bytes: Uint8Array, name: string): Promise<OfficeDocument> {
  const src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const damaged = (why: string) => new UserFacingError('import.rtf-invalid', `${name}: tài liệu RTF bị hỏng (${why}).`);
  if (!/^(\xEF\xBB\xBF)?\s*\{\\rtf/.test(src.slice(0, 64))) throw damaged('không bắt đầu bằng {\\rtf');

  const fonts = new Map<number, Font>();
  const styles = new Map<number, { outline?: number }>();
  let ansiCodepage = 1252;
  let defaultFont: number | null = null;
  let title = '';

  const body: RawBlock[] = [];
  const notes: Note[] = [];
  const noteBlocks = new Map<Note, RawBlock[]>();

  // Where paragraphs go: the body, or the note being read (a note inside a note is skipped).
  let target: RawBlock[] = body;
  let para: RawBlock = { inlines: [] };
  let paraStyle: number | null = null;
  let paraOutline: number | null = null;
  /** Inside a table (\intbl): \par breaks a line in the cell, \cell ends the cell, \row the row. */
  let inTable = false;
  let rowCells: RawInline[][] = [];
  let saved: { target: RawBlock[]; para: RawBlock; style: number | null; outline: number | null; depth: number } | null = null;

  // The table entry being read: a font (\fN … name;), a style (\sN … name;), the title.
  let entry = '';
  let entryFont: { n: number; charset?: number } | null = null;
  let entryStyle: { n: number; outline?: number } | null = null;

  let state: State = { dest: 'body', font: null, uc: 1, bold: false, italic: false, underline: false, hidden: false, first: true, star: false };
  const stack: State[] = [];
  /** Bytes from \'hh waiting to be decoded together (a double-byte code page needs both). */
  let pendingBytes: number[] = [];
  /** Fallback characters still to skip after a \uN. */
  let skipFallback = 0;
  let textChars = 0;

  const isLegacyFont = (font: number | null) => {
    const f = font !== null ? fonts.get(font) : undefined;
    return !!f && legacyFontEncoding(f.name) !== null;
  };
  const codepageOf = (font: number | null): number => {
    const f = font !== null ? fonts.get(font) : undefined;
    const cp = f?.charset !== undefined ? CHARSET_CODEPAGE[f.charset] ?? 0 : 0;
    return cp || ansiCodepage;
  };

  const finishFont = () => {
    if (entryFont) fonts.set(entryFont.n, { name: entry.trim(), ...(entryFont.charset !== undefined ? { charset: entryFont.charset } : {}) });
    entryFont = null;
    entry = '';
  };
  const finishStyle = () => {
    if (entryStyle) {
      const m = /^heading\s+(\d)$/i.exec(entry.trim());
      const outline = entryStyle.outline ?? (m ? Number(m[1]) - 1 : undefined);
      styles.set(entryStyle.n, outline !== undefined ? { outline } : {});
    }
    entryStyle = null;
    entry = '';
  };

  /** Text, already decoded, into the current destination. */
  const emitText = (text: string) => {
    if (!text) return;
    switch (state.dest) {
      case 'fonttbl':
      case 'stylesheet': {
        // An entry ends at ";".
        const parts = text.split(';');
        parts.forEach((part, k) => {
          if (k > 0) state.dest === 'fonttbl' ? finishFont() : finishStyle();
          entry += part;
        });
        return;
      }
      case 'title':
        title += text;
        return;
      case 'info':
      case 'skip':
        return;
    }
    if (state.hidden) return;
    textChars += text.length;
    if (textChars > MAX_TEXT_CHARS) {
      throw new UserFacingError(
        'import.too-large',
        `${name}: tài liệu RTF quá dài để đọc một lần (hơn ${MAX_TEXT_CHARS / 1024 / 1024} triệu ký tự); hãy tách thành nhiều tài liệu nhỏ hơn rồi nhập lại.`,
      );
    }
    const last = para.inlines[para.inlines.length - 1];
    if (last && 'text' in last && last.font === state.font && !!last.bold === state.bold && !!last.italic === state.italic && !!last.underline === state.underline) {
      last.text += text;
      return;
    }
    para.inlines.push({
      text,
      font: state.font,
      ...(state.bold ? { bold: true } : {}),
      ...(state.italic ? { italic: true } : {}),
      ...(state.underline ? { underline: true } : {}),
    });
  };

  const flushBytes = () => {
    if (!pendingBytes.length) return;
    const buf = Buffer.from(pendingBytes);
    pendingBytes = [];
    const inText = state.dest === 'body' || state.dest === 'note';
    // Legacy fonts: the bytes are the font's own codes, kept as Latin-1 and converted with the run.
    if (inText && isLegacyFont(state.font)) return emitText(buf.toString('latin1'));
    const cp = inText ? codepageOf(state.font) : ansiCodepage;
    const enc = cp === 28591 ? 'latin1' : `cp${cp}`;
    emitText(iconv.encodingExists(enc) ? iconv.decode(buf, enc) : buf.toString('latin1'));
  };

  /** A character from a control word or symbol, honouring the fallback count of a preceding \uN. */
  const textChar = (ch: string) => {
    if (skipFallback > 0) {
      skipFallback--;
      return;
    }
    flushBytes();
    emitText(ch);
  };

  const endCell = () => {
    flushBytes();
    if (state.dest !== 'body' && state.dest !== 'note') return;
    rowCells.push(para.inlines);
    para = { inlines: [] };
  };
  const endRow = () => {
    flushBytes();
    if (state.dest !== 'body' && state.dest !== 'note') return;
    if (para.inlines.length) endCell();
    if (rowCells.length) target.push({ inlines: [], cells: rowCells });
    rowCells = [];
  };
  const endParagraph = () => {
    flushBytes();
    if (state.dest !== 'body' && state.dest !== 'note') return;
    if (inTable) {
      para.inlines.push({ lineBreak: true });
      return;
    }
    if (rowCells.length) endRow();
    const outline = paraOutline ?? (paraStyle !== null ? styles.get(paraStyle)?.outline : undefined);
    if (outline !== undefined && outline < 9 && target === body) para.heading = Math.min(6, outline + 1);
    target.push(para);
    para = { inlines: [] };
  };

  /** The first control word of a group may name a destination; returns whether it did. */
  const destination = (word: string): boolean => {
    const parent = state.dest;
    if (parent === 'skip') return true;
    if (word === 'fonttbl') state.dest = 'fonttbl';
    else if (word === 'stylesheet') state.dest = 'stylesheet';
    else if (word === 'info') state.dest = 'info';
    else if (word === 'title' && parent === 'info') {
      state.dest = 'title';
      title = '';
    } else if (word === 'footnote' && (parent === 'body' || parent === 'note')) {
      if (saved) {
        state.dest = 'skip';
        return true;
      }
      const note: Note = { kind: 'footnote', n: 0, blocks: [] };
      para.inlines.push({ note });
      saved = { target, para, style: paraStyle, outline: paraOutline, depth: stack.length };
      const inner: RawBlock[] = [];
      noteBlocks.set(note, inner);
      notes.push(note);
      target = inner;
      para = { inlines: [] };
      paraStyle = null;
      paraOutline = null;
      state.dest = 'note';
    } else if (state.star || SKIPPED.has(word)) state.dest = 'skip';
    else return false;
    return true;
  };

  const n = src.length;
  let i = 0;
  while (i < n) {
    const c = src[i]!;
    if (c === '{') {
      flushBytes();
      if (stack.length >= MAX_GROUP_DEPTH) throw damaged('các nhóm lồng nhau quá sâu');
      stack.push(state);
      state = { ...state, first: true, star: false };
      // In the style sheet each group is one style; without \sN it is style 0 ("Normal").
      if (state.dest === 'stylesheet' && stack[stack.length - 1]!.dest === 'stylesheet') entryStyle = { n: 0 };
      i++;
      continue;
    }
    if (c === '}') {
      flushBytes();
      if (stack.length === 0) break; // what follows the document's last brace is not part of it
      if (state.dest === 'fonttbl' && entryFont && entry.trim()) finishFont();
      if (state.dest === 'stylesheet' && stack[stack.length - 1]!.dest === 'stylesheet' && entryStyle) finishStyle();
      const open = saved as { target: RawBlock[]; para: RawBlock; style: number | null; outline: number | null; depth: number } | null;
      if (open && open.depth === stack.length) {
        // The note's group closes: back to the body, where the reference stands.
        if (para.inlines.length) target.push(para);
        ({ target, para, style: paraStyle, outline: paraOutline } = open);
        saved = null;
      }
      state = stack.pop()!;
      skipFallback = 0;
      i++;
      continue;
    }
    if (c === '\\') {
      const next = src[i + 1];
      if (next === undefined) break;
      if (next === "'") {
        // \'hh: a byte in the run's code page.
        const hex = src.slice(i + 2, i + 4);
        i += 4;
        if (state.dest === 'skip' || !/^[0-9a-fA-F]{2}$/.test(hex)) continue;
        if (skipFallback > 0) {
          skipFallback--;
          continue;
        }
        pendingBytes.push(parseInt(hex, 16));
        continue;
      }
      if (/[a-zA-Z]/.test(next)) {
        let j = i + 1;
        while (j < n && j - i <= 32 && /[a-zA-Z]/.test(src[j]!)) j++;
        const word = src.slice(i + 1, j);
        let param: number | null = null;
        const m = /^-?\d{1,10}/.exec(src.slice(j, j + 11));
        if (m) {
          param = Number(m[0]);
          j += m[0].length;
        }
        if (src[j] === ' ') j++;
        i = j;
        if (word === 'bin') {
          // Binary data of the given length, skipped whole.
          flushBytes();
          i += Math.max(0, param ?? 0);
          continue;
        }
        if (word !== 'u') flushBytes();
        const first = state.first || state.star;
        state.first = false;
        if (first && destination(word)) {
          state.star = false;
          continue;
        }
        state.star = false;
        if (state.dest === 'skip') continue;
        switch (word) {
          case 'ansicpg':
            if (param && param > 0) ansiCodepage = param;
            break;
          case 'deff':
            defaultFont = param;
            if (state.font === null) state.font = param;
            break;
          case 'f':
            if (state.dest === 'fonttbl') {
              if (entryFont && entry.trim()) finishFont();
              entryFont = { n: param ?? 0 };
              entry = '';
            } else state.font = param;
            break;
          case 'fcharset':
            if (state.dest === 'fonttbl' && entryFont && param !== null) entryFont.charset = param;
            break;
          case 's':
            if (state.dest === 'stylesheet') entryStyle = { n: param ?? 0 };
            else paraStyle = param;
            break;
          case 'cs':
          case 'ds':
          case 'ts':
            if (state.dest === 'stylesheet') entryStyle = { n: -1 - (param ?? 0) - (word === 'cs' ? 0 : 100_000) };
            break;
          case 'outlinelevel':
            if (state.dest === 'stylesheet') {
              if (entryStyle) entryStyle.outline = param ?? 0;
            } else paraOutline = param;
            break;
          case 'pard':
            paraStyle = null;
            paraOutline = null;
            inTable = false;
            break;
          case 'intbl':
            inTable = true;
            break;
          case 'plain':
            state.bold = state.italic = state.underline = state.hidden = false;
            state.font = defaultFont;
            break;
          case 'b':
            state.bold = param !== 0;
            break;
          case 'i':
            state.italic = param !== 0;
            break;
          case 'ul':
          case 'uld':
          case 'uldb':
          case 'ulw':
          case 'uldash':
          case 'ulth':
            state.underline = param !== 0;
            break;
          case 'ulnone':
            state.underline = false;
            break;
          case 'v':
            state.hidden = param !== 0;
            break;
          case 'uc':
            state.uc = Math.max(0, Math.min(10, param ?? 1));
            break;
          case 'u': {
            flushBytes();
            if (skipFallback > 0) {
              skipFallback--;
              break;
            }
            const code = param === null ? 0x3f : param < 0 ? param + 65536 : param;
            emitText(String.fromCharCode(code));
            skipFallback = state.uc;
            break;
          }
          case 'par':
          case 'sect':
          case 'page':
            endParagraph();
            break;
          case 'cell':
            endCell();
            break;
          case 'row':
            endRow();
            break;
          case 'line':
          case 'nestcell':
          case 'nestrow':
            if (state.dest === 'body' || state.dest === 'note') para.inlines.push({ lineBreak: true });
            break;
          case 'tab':
            textChar('\t');
            break;
          case 'ftnalt':
            if (state.dest === 'note' && notes.length) notes[notes.length - 1]!.kind = 'endnote';
            break;
          default:
            if (NAMED[word] !== undefined) textChar(NAMED[word]!);
        }
        continue;
      }
      // A control symbol.
      i += 2;
      if (next === '*') {
        state.star = true;
        continue;
      }
      flushBytes();
      state.first = false;
      if (state.dest === 'skip') continue;
      switch (next) {
        case '\\':
        case '{':
        case '}':
          textChar(next);
          break;
        case '~':
          textChar('\u00a0');
          break;
        case '_':
          textChar('-');
          break;
        case '\n':
        case '\r':
          endParagraph();
          break;
        // \- (optional hyphen), \: (index subentry), \| (formula): nothing to show.
      }
      continue;
    }
    if (c === '\r' || c === '\n') {
      i++;
      continue;
    }
    // Plain text, up to the next special character.
    let j = i;
    while (j < n && src[j] !== '\\' && src[j] !== '{' && src[j] !== '}' && src[j] !== '\r' && src[j] !== '\n') j++;
    let text = src.slice(i, j);
    i = j;
    if (skipFallback > 0) {
      const drop = Math.min(skipFallback, text.length);
      text = text.slice(drop);
      skipFallback -= drop;
    }
    if (!text || state.dest === 'skip') continue;
    state.first = false;
    // Characters above 0x7F written as they are (the specification asks for \'hh; some programs
    // do not): bytes in the run's code page, like \'hh.
    if (/[\x80-\xff]/.test(text)) {
      pendingBytes.push(...Buffer.from(text, 'latin1'));
      flushBytes();
    } else {
      flushBytes();
      emitText(text);
    }
  }
  flushBytes();
  if (stack.length > 0) throw damaged('tệp bị cắt cụt, thiếu dấu đóng nhóm "}"');
  if (rowCells.length) endRow();
  if (para.inlines.length) target.push(para);

  // Notes are numbered in the order they are referred to, footnotes and endnotes apart.
  const counters = { footnote: 0, endnote: 0 };
  for (const note of notes) note.n = ++counters[note.kind];

  // Legacy encodings, run by run from the fonts; else the whole text when it reads clearly as one.
  const inlines: (TextInline & { font: number | null })[] = [];
  for (const b of [...body, ...[...noteBlocks.values()].flat()]) for (const x of [...b.inlines, ...(b.cells ?? []).flat()]) if ('text' in x) inlines.push(x);
  const runs = inlines.map((x) => ({ text: x.text, font: x.font !== null ? fonts.get(x.font)?.name ?? null : null }));
  const legacy = convertRuns(runs);
  runs.forEach((r, k) => (inlines[k]!.text = r.text));

  const toInline = (x: RawInline): Inline => {
    if ('note' in x) return { note: { kind: x.note.kind, n: x.note.n } };
    if ('lineBreak' in x) return x;
    const { font: _font, ...t } = x;
    return t;
  };
  const toBlock = (b: RawBlock): Block => ({
    ...(b.heading ? { heading: b.heading } : {}),
    inlines: b.inlines.map(toInline),
    ...(b.cells ? { cells: b.cells.map((c) => c.map(toInline)) } : {}),
  });
  for (const [note, inner] of noteBlocks) {
    note.blocks = inner.map(toBlock);
    const first = note.blocks[0]?.inlines[0];
    if (first && 'text' in first) first.text = first.text.replace(/^\s+/, '');
  }
  return officeDocumentOf('rtf', body.map(toBlock), notes, legacy, convertTitle(title.trim() || undefined, legacy));
}
