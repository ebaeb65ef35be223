import type { Book } from '../../../../shared/book/model';
import type { IndexMark, Prepared, PreparedSection } from '../ir';
import { faceFor, finishPara, runsToItems, textPara, type PrepareContext } from './prepare';
import { bindTitleWords } from './titleBreaks';
import { compareVietnamese, vietnameseInitial } from '../../../../shared/text/collate';

export interface TocEntry {
  anchor: string;
  title: string;
  level: number;
  label: string;
}

/** The number that opens a TOC entry: "Phần thứ nhất.", "CHƯƠNG IV.", "II.", "3.", "b)". */
const TOC_NUMBER = /^((?:Phần thứ \S+|CHƯƠNG [IVXLCDM\d]+)\.|[IVXLCDM]+\.|\d+\.|[a-zđ]\))\s+\S/u;

/**
 * Mục lục: one entry per part, chapter and section, dot leaders to a right-aligned page number
 * on the entry's last line; a wrapped entry hangs after its number.
 */
export function prepareToc(ctx: PrepareContext, book: Book, entries: TocEntry[], numbering: 'roman' | 'arabic'): PreparedSection {
  const { setup } = ctx;
  const size = setup.bodySize;
  const blocks: Prepared[] = [{ p: 'space', h: setup.leading * 2.5 }];
  const anchor = 'muc-luc';
  const head = textPara(ctx, 'Mục lục', { size: size + 3, bold: true, caps: true }, { align: 'center', leading: (size + 3) * 1.4 });
  head.anchors = [anchor];
  blocks.push(head, { p: 'space', h: setup.leading * 1.5 });
  const numW = ctx.shaper.width('0000', faceFor(ctx, { size }), size);
  const dot = ctx.shaper.box('.', faceFor(ctx, { size }), size);
  for (const e of entries) {
    const bold = e.level <= 1;
    const st = { size: e.level === 0 ? size + 0.5 : size, bold, caps: e.level === 0 };
    const indent = Math.max(0, e.level - 1) * setup.parIndent * 0.8;
    const items = bindTitleWords(runsToItems(ctx, [{ kind: 'text', text: e.title }], st), e.title);
    // A wrapped entry hangs: its second line starts under the title, after "Chương I." or "1.".
    const number = TOC_NUMBER.exec(e.title)?.[1];
    const face = faceFor(ctx, st);
    const numberW = number ? ctx.shaper.width(st.caps ? number.toLocaleUpperCase('vi') : number, face, st.size) + ctx.shaper.glue(face, st.size).w : 0;
    // On a page too narrow for it (a long "Phần thứ …" on a pocket trim) the entry does not hang.
    const hang = numberW < (setup.textWidth - indent - numW - size) / 3 ? numberW : 0;
    const x = indent + hang;
    const p = finishPara(ctx, items, { size: st.size, leading: setup.leading, align: 'left', x, width: setup.textWidth - x - numW - size });
    if (hang) p.hangFirst = hang;
    p.tail = { box: ctx.shaper.box(e.label, faceFor(ctx, { size: st.size, bold }), st.size), right: setup.textWidth, dot };
    if (e.level <= 1) blocks.push({ p: 'space', h: setup.leading * 0.4 });
    blocks.push(p);
  }
  return {
    role: 'toc',
    style: { numbering, printFolio: true, headEven: book.title, headOdd: 'Mục lục', recto: true },
    blocks,
    outline: [{ anchor, title: 'Mục lục', level: 1, top: true }],
    opening: true,
  };
}

/** Moves a Vietnamese tone mark to one fixed place in its syllable so "hoà" and "hòa" sort alike. */
export function normaliseTonePlacement(s: string): string {
  const TONES = /[\u0300\u0301\u0303\u0309\u0323]/;
  return s
    .normalize('NFD')
    .split(/(\s+)/)
    .map((word) => {
      const m = word.match(TONES);
      if (!m) return word;
      const bare = word.replace(new RegExp(TONES.source, 'g'), '');
      // After the last vowel (and its own marks) of the syllable's vowel cluster.
      const chars = [...bare];
      let pos = -1;
      for (let i = 0; i < chars.length; i++) {
        if (/[aeiouyAEIOUY]/.test(chars[i]!)) {
          pos = i;
          while (pos + 1 < chars.length && /[\u0300-\u036f]/.test(chars[pos + 1]!)) pos++;
        }
      }
      if (pos < 0) return word;
      chars.splice(pos + 1, 0, m[0]);
      return chars.join('');
    })
    .join('')
    .normalize('NFC');
}

/** Sort key of an index term: people by given name (last word), others as written. */
function sortKeyOf(m: IndexMark): string {
  if (m.sortKey) return normaliseTonePlacement(m.sortKey);
  const t = normaliseTonePlacement(m.term);
  if (m.index === 'person') {
    const words = t.split(/\s+/);
    const given = words.pop() ?? '';
    return [given, ...words].join(' ');
  }
  return t;
}

export interface IndexEntry {
  mark: IndexMark;
  labels: string[];
}

const INDEX_TITLES: Record<IndexMark['index'], string> = {
  person: 'Tên người',
  place: 'Địa danh',
  organisation: 'Tên cơ quan, tổ chức',
  subject: 'Sự kiện, vấn đề',
};

/**
 * Sorts index entries in Vietnamese dictionary order, syllable by syllable (the app's one
 * collation, shared/text/collate.ts): "Hà Giang, Hà Nội, Hà Tĩnh, Hạ Long, Hải Phòng".
 */
export function sortIndex(entries: IndexEntry[]): IndexEntry[] {
  const keyed = entries.map((e) => ({ e, k: sortKeyOf(e.mark) }));
  keyed.sort((a, b) => compareVietnamese(a.k, b.k) || compareVietnamese(a.e.mark.term, b.e.mark.term));
  return keyed.map((x) => x.e);
}

/** Bảng tra cứu: terms grouped by kind, in Vietnamese order, with their pages, in two columns. */
export function prepareIndex(ctx: PrepareContext, book: Book, entries: IndexEntry[]): PreparedSection {
  const { setup } = ctx;
  const size = setup.bodySize - 1;
  const leading = setup.leading - 1.5;
  const blocks: Prepared[] = [{ p: 'space', h: setup.leading * 2.5 }];
  const anchor = 'bang-tra-cuu';
  const head = textPara(ctx, 'Bảng tra cứu', { size: setup.bodySize + 3, bold: true, caps: true }, { align: 'center', leading: (setup.bodySize + 3) * 1.4 });
  head.anchors = [anchor];
  blocks.push(head, { p: 'space', h: setup.leading });
  const hang = setup.parIndent;
  // Two columns under the title, as printed indexes are set: each entry is short.
  const gap = Math.max(12, setup.parIndent * 1.2);
  const colW = (setup.textWidth - gap) / 2;
  for (const kind of ['person', 'place', 'organisation', 'subject'] as const) {
    const group = sortIndex(entries.filter((e) => e.mark.index === kind));
    if (group.length === 0) continue;
    blocks.push({ p: 'space', h: leading * 0.5 });
    blocks.push(textPara(ctx, INDEX_TITLES[kind], { size: size + 1, bold: true, caps: true }, { align: 'center', leading, keep: true, width: colW }));
    blocks.push({ p: 'space', h: leading * 0.5, keep: true });
    let letter = '';
    for (const e of group) {
      const first = vietnameseInitial(sortKeyOf(e.mark));
      if (first !== letter) {
        letter = first;
        blocks.push({ p: 'space', h: leading * 0.3 });
        blocks.push(textPara(ctx, letter, { size, bold: true }, { align: 'left', leading, keep: true, width: colW }));
      }
      const items = runsToItems(ctx, [{ kind: 'text', text: `${e.mark.term}, ${e.labels.join(', ')}` }], { size });
      // Hanging indent: continuation lines are indented, the first is not.
      const p = finishPara(ctx, items, { size, leading, align: 'left', x: hang, width: colW - hang });
      p.hangFirst = hang;
      blocks.push(p);
    }
  }
  return {
    role: 'index',
    // The first three blocks (space, title, space) run across both columns.
    style: { numbering: 'arabic', printFolio: true, headEven: book.title, headOdd: 'Bảng tra cứu', recto: true, columns: { gap, span: 3 } },
    blocks,
    outline: [{ anchor, title: 'Bảng tra cứu', level: 1, top: true }],
    opening: true,
  };
}
