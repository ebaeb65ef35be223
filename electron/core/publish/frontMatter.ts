/**
 * The YAML front matter of a Markdown book (`suquan typeset`): split from the text, its page
 * setup read with units, and the keys it does not know listed for one warning. The keys
 * themselves are described for users at the top of markdown.ts.
 *
 * Values are read the way people write them on a print shop's order: a trim as "148x210mm" or
 * "148 × 210", margins in mm (the default), cm, in or pt, type sizes in pt (the default) or mm.
 * A value that cannot be read stops the run with one sentence naming the key and the value: a
 * book set at a size nobody asked for costs a proof round, a warning on a console does not stop it.
 */
import YAML from 'yaml';
import type { PageSetup } from '../../../shared/book/model';
import { UserFacingError } from '../../../shared/errors';
import { MM, parseTrim } from './setup';
import { shippedFamilies } from './world';
import { isSignature, MAX_BLEED_MM, SIGNATURES } from '../../../shared/book/printSettings';

export type FrontMatter = Record<string, unknown>;

/** Splits a YAML front-matter block from the Markdown body; `bodyLine` is the body's first line (0-based) in the file. */
export function splitFrontMatter(src: string): { meta: FrontMatter; body: string; bodyLine: number } {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(src);
  if (!m) return { meta: {}, body: src, bodyLine: 0 };
  let meta: unknown;
  try {
    meta = YAML.parse(m[1]!);
  } catch (e) {
    throw new UserFacingError('typeset.bad-front-matter', `Phần khai báo YAML đầu tệp bị lỗi: ${(e as Error).message.split('\n')[0]}`);
  }
  const bodyLine = (m[0].match(/\n/g) ?? []).length;
  return { meta: meta && typeof meta === 'object' && !Array.isArray(meta) ? (meta as FrontMatter) : {}, body: src.slice(m[0].length), bodyLine };
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.normalize('NFC') : typeof v === 'number' ? String(v) : undefined);
export const strList = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.map((x) => String(x).normalize('NFC')) : typeof v === 'string' ? [v.normalize('NFC')] : undefined;

/** Every key the reader uses, by where it sits: top level, or inside one of the maps. */
export const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': (
    'title subtitle author placeYear place year layout lang language trim khổ margins font fontFamily bodySize size leading ' +
    'footnoteSize footnoteLeading footnoteNumbering footnotes toc tocPosition tocDepth chapterLabel chapterOpening parIndent ' +
    'signature bleed cropMarks pdfx credits colophon references'
  ).split(' '),
  margins: ['top', 'bottom', 'inner', 'outer'],
  credits: ['direction', 'board', 'editorInChief', 'research'],
  colophon: (
    'publisher directorResponsible editorResponsible editors designer technicalEditor proofreader printRun printer ' +
    'registration decision licence isbn legalDeposit price'
  ).split(' '),
};

/** Names people reach for from word processors and CSS, and the key that means it here. */
const MEANT: Record<string, string> = { fontsize: 'bodySize', lineheight: 'leading', linespacing: 'leading', papersize: 'trim', pagesize: 'trim', format: 'trim' };

const squash = (k: string) => k.toLowerCase().replace(/[-_\s]/g, '');

/**
 * One line naming every front-matter key the reader ignores ("margins.left" inside a map), each
 * with the key it probably meant; undefined when there is none.
 */
export function unknownKeysWarning(meta: FrontMatter): string | undefined {
  const unknown: string[] = [];
  const check = (obj: Record<string, unknown>, where: string) => {
    const known = KNOWN_KEYS[where]!;
    for (const k of Object.keys(obj)) {
      if (known.includes(k)) {
        if (where === '' && k in KNOWN_KEYS && obj[k] && typeof obj[k] === 'object' && !Array.isArray(obj[k])) check(obj[k] as Record<string, unknown>, k);
        continue;
      }
      const meant = known.find((x) => squash(x) === squash(k)) ?? (where === '' ? MEANT[squash(k)] : undefined);
      unknown.push((where ? `${where}.${k}` : k) + (meant ? ` (có phải ${where ? `${where}.` : ''}${meant}?)` : ''));
    }
  };
  check(meta, '');
  if (!unknown.length) return undefined;
  return `Bỏ qua ${unknown.length} khóa không dùng đến ở phần khai báo đầu tệp: ${unknown.join(', ')}.`;
}

/** The value as the user wrote it, for messages. */
const shown = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));

function bad(key: string, v: unknown, hint: string, code = 'typeset.bad-front-matter-value'): UserFacingError {
  return new UserFacingError(code, `Không đọc được "${key}: ${shown(v)}" ở phần khai báo đầu tệp: ${hint}.`);
}

/** Points per unit. */
const UNIT: Record<string, number> = { pt: 1, mm: MM, cm: 10 * MM, in: 72 };

/**
 * A length in `unit` (mm for margins and bleed, pt for type): a bare number is already in it;
 * "2cm", "0.8in", "57pt", "20 mm", "2,5cm" (a Vietnamese decimal comma) are converted. Rounded to
 * a hundredth, so 57pt reads back as 20.11mm rather than a float's tail.
 */
export function readLength(key: string, v: unknown, unit: 'mm' | 'pt', min: number, max: number): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  let value: number | undefined;
  if (typeof v === 'number') value = v;
  else if (typeof v === 'string') {
    const m = /^([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*(mm|cm|in|pt)?$/i.exec(v.trim());
    if (m) value = (Number(m[1]!.replace(',', '.')) * UNIT[(m[2] ?? unit).toLowerCase()]!) / UNIT[unit]!;
  }
  const example = unit === 'mm' ? '20mm, 2cm, 0.8in hoặc 57pt' : '11pt, 11 hoặc 4mm';
  if (value === undefined || !Number.isFinite(value)) throw bad(key, v, `hãy ghi một số, có thể kèm đơn vị (ví dụ ${example}; không ghi đơn vị là ${unit})`);
  value = Math.round(value * 100) / 100;
  if (value < min || value > max)
    throw new UserFacingError('typeset.front-matter-out-of-range', `Giá trị "${key}: ${shown(v)}" ở phần khai báo đầu tệp nằm ngoài khoảng cho phép, từ ${min} đến ${max} ${unit}.`);
  return value;
}

function readBool(key: string, v: unknown): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  const s = typeof v === 'string' ? v.trim().toLowerCase().normalize('NFC') : '';
  if (['true', 'yes', 'on', 'có', '1'].includes(s) || v === 1) return true;
  if (['false', 'no', 'off', 'không', '0'].includes(s) || v === 0) return false;
  throw bad(key, v, 'hãy ghi true hoặc false');
}

export function readChoice<T extends string>(key: string, v: unknown, choices: readonly T[], code?: string): T | undefined {
  const s = str(v)?.trim();
  if (s === undefined || s === '') return undefined;
  if ((choices as readonly string[]).includes(s)) return s as T;
  throw bad(key, v, `hãy ghi ${choices.slice(0, -1).join(', ')} hoặc ${choices[choices.length - 1]}`, code);
}

/** The first of several spellings of a key that is present, with the spelling used (for messages). */
function pick(meta: FrontMatter, ...keys: string[]): [string, unknown] {
  for (const k of keys) if (meta[k] !== undefined && meta[k] !== null) return [k, meta[k]];
  return [keys[0]!, undefined];
}

/** The page setup the front matter asks for; only the keys it gives. */
export function setupFromFrontMatter(meta: FrontMatter): Partial<PageSetup> {
  const s: Partial<PageSetup> = {};
  const [trimKey, trimRaw] = pick(meta, 'trim', 'khổ');
  if (trimRaw !== undefined) {
    const trim = parseTrim(str(trimRaw) ?? '');
    if (!trim)
      throw bad(trimKey, trimRaw, 'hãy ghi tên khổ (145x205, 160x240, 190x270, A4, A5, B5) hoặc rộng x cao bằng mm, từ 50 đến 1000, ví dụ 148x210mm', 'typeset.bad-trim');
    s.trim = trim;
  }
  const margins = meta.margins;
  if (margins !== undefined && margins !== null) {
    // One value for all four sides, or a map of the sides given.
    if (typeof margins !== 'object' || Array.isArray(margins)) {
      const all = readLength('margins', margins, 'mm', 0, 100)!;
      s.margins = { top: all, bottom: all, inner: all, outer: all };
    } else {
      const m = margins as Record<string, unknown>;
      const sides: Partial<PageSetup['margins']> = {};
      for (const side of ['top', 'bottom', 'inner', 'outer'] as const) {
        const v = readLength(`margins.${side}`, m[side], 'mm', 0, 100);
        if (v !== undefined) sides[side] = v;
      }
      s.margins = sides as PageSetup['margins'];
    }
  }
  const [fontKey, fontRaw] = pick(meta, 'font', 'fontFamily');
  if (fontRaw !== undefined) {
    // A family the app does not ship would be set in the default one without a word.
    const family = str(fontRaw)?.trim().toLowerCase().replace(/\s+/g, '-');
    const families = shippedFamilies();
    if (!family || !families.includes(family)) throw bad(fontKey, fontRaw, `hãy chọn ${families.slice(0, -1).join(', ')} hoặc ${families[families.length - 1]}`);
    s.fontFamily = family;
  }
  const sizes = [
    ['bodySize', ['bodySize', 'size'], 5, 30],
    ['leading', ['leading'], 5, 60],
    ['footnoteSize', ['footnoteSize'], 4, 30],
    ['footnoteLeading', ['footnoteLeading'], 4, 60],
    ['parIndent', ['parIndent'], 0, 100],
  ] as const;
  for (const [field, keys, min, max] of sizes) {
    const [key, raw] = pick(meta, ...keys);
    const v = readLength(key, raw, 'pt', min, max);
    if (v !== undefined) s[field] = v;
  }
  const [fnKey, fnRaw] = pick(meta, 'footnoteNumbering', 'footnotes');
  const fnum = readChoice(fnKey, fnRaw, ['page', 'chapter', 'book'] as const, 'typeset.bad-footnote-numbering');
  if (fnum) s.footnoteNumbering = fnum;
  const [tocKey, tocRaw] = pick(meta, 'toc', 'tocPosition');
  const toc = readChoice(tocKey, tocRaw, ['front', 'end', 'none'] as const, 'typeset.bad-toc');
  if (toc) s.tocPosition = toc;
  if (meta.tocDepth !== undefined && meta.tocDepth !== null) {
    const depth = Number(str(meta.tocDepth));
    // 1 lists the chapters, 2 adds sections (I.), 3 and 4 the levels below.
    if (![1, 2, 3, 4].includes(depth)) throw bad('tocDepth', meta.tocDepth, 'hãy ghi một số từ 1 (chỉ các chương) đến 4');
    s.tocDepth = depth;
  }
  const label = readChoice('chapterLabel', meta.chapterLabel, ['roman', 'arabic'] as const);
  if (label) s.chapterLabel = label;
  const opening = readChoice('chapterOpening', meta.chapterOpening, ['recto', 'any'] as const);
  if (opening) s.chapterOpening = opening;
  if (meta.signature !== undefined && meta.signature !== null) {
    const sig = Number(str(meta.signature));
    if (!isSignature(sig)) throw bad('signature', meta.signature, `hãy ghi ${SIGNATURES.join(', ')} (số trang một tay sách)`);
    s.signature = sig;
  }
  const bleed = readLength('bleed', meta.bleed, 'mm', 0, MAX_BLEED_MM);
  if (bleed !== undefined) s.bleed = bleed;
  const crop = readBool('cropMarks', meta.cropMarks);
  if (crop !== undefined) s.cropMarks = crop;
  const pdfx = readBool('pdfx', meta.pdfx);
  if (pdfx !== undefined) s.pdfx = pdfx;
  return s;
}
