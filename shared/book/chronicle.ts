/**
 * Chronicle entries (biên niên sự kiện) from plain paragraphs, as compilers type them, and the
 * chronicle's printed order.
 *
 *   **Ngày 19-8-1945**, nhân dân …      a paragraph that opens in bold: the bold text is the date lead
 *   Ngày 19-8-1945, nhân dân …          or one that opens with a date followed by ",", ":" or "."
 *   Cuối tháng 3-1946: …                  (ngày / tháng / năm, with đầu, giữa, cuối, thượng tuần …,
 *   Từ ngày 13-3 đến ngày 7-5-1954, …     ranges, seasons, lunar dates "(âm lịch)", Tết …)
 *
 * A lead is "date-shaped" when it is made only of date words (ngày, tháng, năm, từ, đến, cuối,
 * mùa xuân, âm lịch …) and numbers, with at least one number. A date-shaped lead that does not
 * read as a real date ("Ngày 30-2-1950", "Ngày 5-3" with no year before it) still makes an entry,
 * without a `sortKey`: `orderChronicle` reports it instead of losing it among the text.
 *
 * The date lead keeps the punctuation that follows it ("Ngày 19-8-1945,"), so the entry reads as
 * typed; the typesetter sets it in bold and runs the text on. Other blocks stay as they are.
 */
import { comparePartialDates, parsePartialDate, type ParseDateOptions, type PartialDate } from '../text/partialDate';
import type { Block, ChronicleEntry, Heading, InlineRun } from './model';

// Words a date lead may be made of (lower case, NFC): the date grammar's vocabulary.
const DATE_WORDS = new Set(
  (
    'từ đến tới cho sang ngày các tháng năm những đầu giữa cuối thượng trung hạ tuần khoảng chừng vào lúc ' +
    'đêm rạng sáng sớm tảng trưa chiều tối khuya nửa hôm mồng mùng và mùa xuân hè thu đông khô mưa quý tết ' +
    'nguyên đán giờ phút âm lịch theo nhiệm kỳ thập niên kỷ kỉ thế sau của giai đoạn thời ' +
    'giêng chạp một hai ba tư bốn sáu bảy bẩy tám chín mười i ii iii iv xix xx xxi ' +
    'giáp ất bính đinh mậu canh tân nhâm quí tý tí sửu dần mão mẹo thìn tỵ tị ngọ mùi thân dậu tuất hợi'
  ).split(' '),
);
const NUMBER_TOKEN = /^\d[\d\-/.–]*(?:h\d{0,2}|g\d{0,2}|')?$/u;

function dateTokens(lead: string): { foreign: boolean; digit: boolean; count: number } {
  const tokens = lead
    .normalize('NFC')
    .toLowerCase()
    .replace(/[()[\]]/gu, ' ')
    .replace(/[,:.;]+$/u, '')
    .split(/[\s,]+/u)
    .filter(Boolean);
  let digit = false;
  let foreign = false;
  for (const tok of tokens) {
    if (NUMBER_TOKEN.test(tok)) digit = true;
    else if (!DATE_WORDS.has(tok) && !['-', '–', '/'].includes(tok)) foreign = true;
  }
  return { foreign, digit, count: tokens.length };
}

/** Whether a lead is made only of date words and numbers, with at least one number. */
export function isDateShaped(lead: string): boolean {
  const t = dateTokens(lead);
  return t.digit && !t.foreign && t.count <= 16;
}

const strip = (label: string) => label.replace(/\s+/g, ' ').trim().replace(/[\s,:;.]+$/u, '');

function entry(label: string, body: InlineRun[], opts: ParseDateOptions): ChronicleEntry {
  const clean = label.replace(/\s+/g, ' ').trim();
  const date = parsePartialDate(strip(clean), opts);
  return { kind: 'chronicle-entry', dateLabel: clean, ...(date?.start ? { sortKey: date.start } : {}), body };
}

/**
 * The date lead at the start of a plain text: the longest prefix that ends at ",", ":", ";" or "."
 * (not between two digits, followed by a space or the end) and reads as a date, else the longest
 * such prefix that is date-shaped. Null when the text does not open with a date lead.
 */
function leadOf(text: string, opts: ParseDateOptions): { lead: string; rest: string } | null {
  const start = text.length - text.trimStart().length;
  const head = text.slice(0, start + 140);
  const cuts: number[] = [];
  for (let i = start + 1; i < head.length; i++) {
    if (!/[,:;.]/u.test(head[i]!)) continue;
    if (/\d/u.test(head[i - 1]!) && /\d/u.test(head[i + 1] ?? '')) continue;
    if (i + 1 < text.length && !/\s/u.test(text[i + 1]!)) continue;
    const prefix = head.slice(start, i);
    // Words only add up: once a prefix holds a word that is not a date word, longer ones do too.
    if (dateTokens(prefix).foreign) break;
    if (isDateShaped(prefix)) cuts.push(i);
  }
  if (!cuts.length) return null;
  const pick = cuts.slice().reverse().find((i) => parsePartialDate(strip(text.slice(start, i)), opts)) ?? cuts[cuts.length - 1]!;
  return { lead: text.slice(start, pick + 1), rest: text.slice(pick + 1).replace(/^\s+/u, '') };
}

/**
 * A paragraph as a chronicle entry, or null when it does not open with a date lead. `opts.defaultYear`
 * dates a lead without a year ("Ngày 5-3,"): the year of the entry or heading before it.
 */
export function chronicleEntryOf(runs: InlineRun[], opts: ParseDateOptions = {}): ChronicleEntry | null {
  const first = runs[0];
  if (!first || first.kind !== 'text') return null;
  if (first.bold) {
    let k = 0;
    let label = '';
    while (k < runs.length) {
      const r = runs[k]!;
      if (r.kind !== 'text' || !r.bold) break;
      label += r.text;
      k++;
    }
    const body = runs.slice(k);
    const head = body[0];
    // A comma or colon typed just after the bold lead belongs to the lead.
    if (head && head.kind === 'text') {
      const punct = /^[,:]/.exec(head.text)?.[0] ?? '';
      label += punct;
      body[0] = { ...head, text: head.text.slice(punct.length).replace(/^\s+/, '') };
    }
    // A bold opening that is not a date ("Ghi chú:") is not an entry.
    if (!label.trim() || (!parsePartialDate(strip(label), opts) && !isDateShaped(label))) return null;
    return entry(label, body, opts);
  }
  const m = leadOf(first.text, opts);
  if (!m) return null;
  return entry(m.lead.charAt(0).toLocaleUpperCase('vi') + m.lead.slice(1), [...(m.rest ? [{ ...first, text: m.rest }] : []), ...runs.slice(1)], opts);
}

const textOf = (runs: InlineRun[]) => runs.map((r) => (r.kind === 'text' ? r.text : '')).join('').normalize('NFC').replace(/\s+/g, ' ').trim();

/** The year a date gives to the year-less dates after it: the year it ends in, or starts in for a span of years. */
function contextYear(d: PartialDate): number {
  const [s, e] = d.calendar === 'lunar' && d.lunarStart && d.lunarEnd ? [d.lunarStart, d.lunarEnd] : [d.start, d.end];
  const ys = Number(s.slice(0, 4));
  const ye = Number(e.slice(0, 4));
  return ye - ys <= 1 ? ye : ys;
}

/** A date that is only a year or a period of years ("Năm 1930", "1945-1954", "Thời kỳ 1930 - 1945"). */
function isYearOrPeriod(d: PartialDate): boolean {
  if (d.precision === 'year') return !d.qualifier;
  if (d.precision === 'decade') return !d.qualifier;
  return d.precision === 'range' && !!d.from && !!d.to && (d.from.precision === 'year' || d.from.precision === 'decade') && !d.from.qualifier && !d.to.qualifier;
}

/** A heading or a paragraph that is nothing but a date ("Năm 1930", "Tháng 8-1945"), or null. */
function labelDate(b: Block, opts: ParseDateOptions): PartialDate | null {
  if (b.kind !== 'heading' && b.kind !== 'paragraph') return null;
  const text = textOf(b.runs);
  if (!text || text.length > 60) return null;
  return parsePartialDate(text.replace(/^(?:thời kỳ|thời kì|giai đoạn)\s+/iu, ''), opts) ?? parsePartialDate(text, opts);
}

/**
 * A chronicle chapter's blocks, in typed order: paragraphs that open with a date lead become entries
 * (each year-less date read in the year of the entry or heading before it). No reordering.
 */
export function toChronicleEntries(blocks: Block[], opts: ParseDateOptions = {}): Block[] {
  let year = opts.defaultYear;
  return blocks.map((b) => {
    const ctx: ParseDateOptions = year !== undefined ? { defaultYear: year } : {};
    if (b.kind === 'heading') {
      const d = labelDate(b, ctx);
      if (d) year = contextYear(d);
      return b;
    }
    if (b.kind !== 'paragraph') return b;
    const e = chronicleEntryOf(b.runs, ctx);
    const d = e ? parsePartialDate(strip(e.dateLabel), ctx) : null;
    if (d) year = contextYear(d);
    return e ?? b;
  });
}

// ---------------------------------------------------------------------------------------------
// Chronicle order

export type UnreadReason = 'no-year' | 'impossible' | 'unreadable';

/** An entry whose date lead could not be read as a date: printed where it was typed, and reported. */
export interface UnreadEntry {
  /** The date lead as typed ("Ngày 30-2-1950,"). */
  label: string;
  /** Its block's position in the blocks given to `orderChronicle` (typed order, 0-based). */
  index: number;
  /**
   * 'no-year': a date without a year ("Ngày 5-3") and no dated entry or year heading before it;
   * 'impossible': a day that does not exist ("Ngày 30-2-1950", "Tháng 13-1950");
   * 'unreadable': looks like a date but the date grammar does not read it.
   */
  reason: UnreadReason;
  /** One sentence in Vietnamese for the user. */
  message: string;
}

export interface OrderChronicleOptions {
  /** The year for year-less dates before the first dated entry (e.g. from a chapter titled "Năm 1954"). */
  defaultYear?: number;
}

/** A chapter titled with one year ("Năm 1954") dates the year-less entries at its start. */
export function chapterDateOptions(title: string): OrderChronicleOptions {
  const d = parsePartialDate(title);
  return d && d.precision === 'year' ? { defaultYear: Number(d.start.slice(0, 4)) } : {};
}

export interface OrderedChronicle {
  blocks: Block[];
  unread: UnreadEntry[];
}

function unreadReason(label: string, hasYear: boolean): UnreadReason {
  const l = label.normalize('NFC').toLowerCase();
  const real = (d: number, m: number, y: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  for (const m of l.matchAll(/(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{3,4})/gu)) if (!real(+m[1]!, +m[2]!, +m[3]!)) return 'impossible';
  for (const m of l.matchAll(/(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{3,4})/gu)) if (!real(+m[1]!, +m[2]!, +m[3]!)) return 'impossible';
  for (const m of l.matchAll(/tháng\s+(\d{1,2})\s*[-/]\s*\d{3,4}/gu)) if (+m[1]! < 1 || +m[1]! > 12) return 'impossible';
  if (!/\d{3,4}/u.test(l) && !hasYear) return 'no-year';
  return 'unreadable';
}

const MESSAGE: Readonly<Record<UnreadReason, (label: string) => string>> = {
  'no-year': (l) => `Sự kiện "${l}" không có năm và không có sự kiện ghi năm nào đứng trước: chưa xếp được theo thời gian, được in ở chỗ đã gõ.`,
  impossible: (l) => `Ngày "${l}" không có thật (ngày hoặc tháng sai): chưa xếp được theo thời gian, được in ở chỗ đã gõ.`,
  unreadable: (l) => `Không đọc được ngày tháng "${l}": chưa xếp được theo thời gian, được in ở chỗ đã gõ.`,
};

interface Group {
  date: PartialDate | null;
  index: number;
  blocks: Block[];
}

/**
 * A chronicle chapter in print order: its entries sorted by date (`comparePartialDates`: within a
 * year "Đầu năm" first, then dated entries, "Cuối năm", the bare "Năm X"; entries of the same
 * date keep their typed order), under a level-1 heading "Năm 1930" before the first entry of
 * each year, generated from the dates and never from where an entry was typed.
 *
 * - Blocks before the first entry (the chapter's introduction) stay first.
 * - The blocks after an entry up to the next one (its further paragraphs, its "Nguồn: …" line,
 *   a figure or table) move with it.
 * - Headings and paragraphs that are only a year or a period ("Năm 1930", "NĂM 1945", "Thời kỳ
 *   1945-1954") are dropped: the year headings are regenerated (a dropped heading's id passes to
 *   the generated heading of the same year, so cross-references to it still land). Other headings
 *   (a topic, a month "Tháng 8-1945"), with any paragraphs typed under them before the next entry,
 *   travel with the entry typed after them.
 * - A year-less date ("Ngày 5-3") takes the year of the dated entry or date heading before it in
 *   typed order (`opts.defaultYear` before the first).
 * - An entry whose date cannot be read ("Ngày 30-2-1950") keeps its place right after the entry
 *   typed before it (with its own paragraphs) and is listed in `unread` with its index in `blocks`.
 * - A chapter without any dated entry is returned in typed order (paragraphs become entries, no
 *   heading is dropped or added).
 *
 * Pure: used by the export (bookModel) and by the check before printing.
 */
export function orderChronicle(blocks: Block[], opts: OrderChronicleOptions = {}): OrderedChronicle {
  let year = opts.defaultYear;
  const converted: Block[] = [];
  const preamble: Block[] = [];
  const groups: Group[] = [];
  const unread: UnreadEntry[] = [];
  const labelIds = new Map<number, string>();
  let pending: Block[] = [];

  blocks.forEach((b, index) => {
    const ctx: ParseDateOptions = year !== undefined ? { defaultYear: year } : {};
    const label = labelDate(b, ctx);
    if (label) {
      converted.push(b);
      year = contextYear(label);
      const y = Number(label.start.slice(0, 4));
      if (isYearOrPeriod(label)) {
        if (b.kind === 'heading' && b.id && !labelIds.has(y)) labelIds.set(y, b.id);
      } else pending.push(b); // a month or day heading goes with the entry after it
      return;
    }
    const e = b.kind === 'paragraph' ? chronicleEntryOf(b.runs, ctx) : b.kind === 'chronicle-entry' ? redated(b, ctx) : null;
    if (!e) {
      converted.push(b);
      if (pending.length || (groups.length && b.kind === 'heading')) pending.push(b);
      else if (groups.length) groups[groups.length - 1]!.blocks.push(b);
      else preamble.push(b);
      return;
    }
    converted.push(e);
    const date = parsePartialDate(strip(e.dateLabel), ctx);
    groups.push({ date, index, blocks: [...pending, e] });
    pending = [];
    if (date) year = contextYear(date);
    else {
      const reason = unreadReason(e.dateLabel, year !== undefined);
      const text = e.dateLabel.replace(/[\s,:;.]+$/u, '');
      unread.push({ label: text, index, reason, message: MESSAGE[reason](text) });
    }
  });
  (groups.length ? groups[groups.length - 1]!.blocks : preamble).push(...pending);

  if (!groups.some((g) => g.date)) return { blocks: converted, unread };

  // Unread entries ride on the dated entry typed before them (or the introduction).
  const units: Group[] = [];
  for (const g of groups) {
    if (g.date) units.push({ ...g, blocks: [...g.blocks] });
    else if (units.length) units[units.length - 1]!.blocks.push(...g.blocks);
    else preamble.push(...g.blocks);
  }
  units.sort((a, b) => comparePartialDates({ ...a.date!, original: '' }, { ...b.date!, original: '' }) || a.index - b.index);
  const out: Block[] = [...preamble];
  let lastYear = -Infinity;
  for (const u of units) {
    const y = Number(u.date!.start.slice(0, 4));
    if (y > lastYear) {
      const id = labelIds.get(y);
      const heading: Heading = { kind: 'heading', level: 1, runs: [{ kind: 'text', text: `Năm ${y}` }], numbered: false, ...(id ? { id } : {}) };
      out.push(heading);
      lastYear = y;
    }
    out.push(...u.blocks);
  }
  return { blocks: out, unread };
}

/** An entry already made, dated again in its place (its year-less date may read differently). */
function redated(e: ChronicleEntry, opts: ParseDateOptions): ChronicleEntry {
  const d = parsePartialDate(strip(e.dateLabel), opts);
  const out: ChronicleEntry = { ...e };
  if (d) out.sortKey = d.start;
  else delete out.sortKey;
  return out;
}

/** The date lead as printed: as typed, closed with a full stop when it has no punctuation of its own. */
export function printedDateLead(label: string): string {
  const l = label.normalize('NFC').trim();
  return /[.:,;]$/.test(l) ? l : `${l}.`;
}
