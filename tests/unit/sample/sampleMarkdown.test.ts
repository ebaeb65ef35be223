/**
 * The sample's manuscript dialect → the editor's chapter JSON: each construct gives the nodes the
 * editor itself makes, the result is valid for the schema, reads back through the book model as
 * the typesetter reads it (a citation's footnote in one piece, chronicle entries with their date
 * leads), and mistakes in a source file stop with one sentence naming the file and line.
 *
 * The resolver is an input (documents and names of a small fictional archive), not a stand-in for
 * one of our components.
 */
// @vitest-environment happy-dom
import { Editor, type JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { sampleMarkdownToRichDoc, type SampleResolver } from '../../../electron/core/sample/sampleMarkdown';
import { manuscriptExtensions } from '../../../renderer/books/editor/extensions';
import { toChronicleEntries } from '../../../shared/book/chronicle';
import { blocksOf } from '../../../shared/book/fromRichDoc';
import type { Block, ChronicleEntry, FootnoteRun, InlineRun } from '../../../shared/book/model';
import { UserFacingError } from '../../../shared/errors';
import { citationSourceFromMetadata, citationSpans, formatCitation } from '../../../shared/manuscript/citation';
import { withCitationsAsText, type RichNode } from '../../../shared/manuscript/richDoc';
import { validateRichDoc } from '../../../shared/manuscript/schema';

// A small archive: two documents with their catalogue metadata, and the names registry.
const DOCS: Record<string, { id: number; title: string; pages: number; metadata: Record<string, unknown>; paragraphs: string[] }> = {
  D02: {
    id: 12,
    title: 'Nghị quyết về nhiệm vụ kháng chiến',
    pages: 2,
    metadata: {
      code: '05-NQ/CB',
      docType: 'Nghị quyết',
      issuer: 'Chi bộ Hòa Lam',
      date: { text: 'Ngày 12 tháng 3 năm 1947', start: '1947-03-12', end: '1947-03-12' },
      abstract: 'Về nhiệm vụ kháng chiến, xây dựng làng chiến đấu',
      location: { repository: 'Kho Lưu trữ Đảng ủy xã Hòa Lam', fond: 'Phông Đảng bộ xã Hòa Lam', inventory: '1', file: '14', folio: '3-5' },
    },
    paragraphs: ['CHI BỘ HÒA LAM', 'NGHỊ QUYẾT', 'Chi bộ nhất trí xây dựng làng chiến đấu.'],
  },
  D05: {
    id: 15,
    title: 'Chỉ thị về tuyên truyền Hiệp định Giơnevơ',
    pages: 1,
    metadata: { code: '12-CT/HU', docType: 'Chỉ thị', issuer: 'Huyện ủy Vân Khê', date: { text: 'Ngày 20 tháng 7 năm 1954', start: '1954-07-20' }, abstract: 'Về tuyên truyền Hiệp định Giơnevơ', location: { repository: 'Kho Lưu trữ Huyện ủy Vân Khê', fond: '2', file: '7' } },
    paragraphs: ['Huyện ủy chỉ thị.'],
  },
};
const NAMES = new Map<string, number>([
  ['person:Lê Văn Khang', 1],
  ['person:Lò Văn Puộn', 2],
  ['place:Hòa Lam', 3],
  ['organisation:Chi bộ Hòa Lam', 4],
]);
const TARGETS: Record<string, { targetId: string; number: string; title: string }> = {
  'chuong-1': { targetId: 'node-7', number: 'Chương I', title: 'Những ngày đầu' },
  '#lang-chien-dau': { targetId: 'lang-chien-dau', number: 'II.', title: 'Làng chiến đấu' },
};

const docOf = (key: string) => {
  const d = DOCS[key];
  if (!d) throw new UserFacingError('sample.unknown-document', `Tài liệu "${key}" không có trong kho của dự án mẫu.`);
  return d;
};
const sourceOf = (key: string) => citationSourceFromMetadata(docOf(key).title, docOf(key).metadata);
const pageId = (key: string, seq: number) => {
  const d = docOf(key);
  if (seq < 1 || seq > d.pages) throw new UserFacingError('sample.unknown-page', `Tài liệu "${key}" không có trang ${seq}.`);
  return d.id * 100 + seq;
};

const resolver: SampleResolver = {
  citation({ key, pageSeq, folio }) {
    const d = docOf(key);
    return {
      documentId: d.id,
      pageId: pageSeq ? pageId(key, pageSeq) : null,
      pageSeq: pageSeq ?? null,
      folio: folio ?? '',
      text: formatCitation(sourceOf(key), { ...(folio ? { folio } : {}), ...(pageSeq ? { page: pageSeq } : {}) }),
    };
  },
  figure: (key, seq) => ({ documentId: docOf(key).id, pageId: pageId(key, seq), pageSeq: seq }),
  name(kind, name) {
    const id = NAMES.get(`${kind}:${name}`);
    if (id === undefined) throw new UserFacingError('sample.unknown-name', `Tên "${name}" chưa có trong danh mục tên.`);
    return id;
  },
  target(ref, show) {
    const t = TARGETS[ref];
    if (!t) throw new UserFacingError('sample.unknown-ref', `Tham chiếu chéo đến "${ref}": không có mục nào mang khóa này.`);
    return { targetId: t.targetId, label: show === 'title' ? t.title : show === 'number' ? t.number : `${t.number} ${t.title}` };
  },
  document: (key) => ({ documentId: docOf(key).id, label: `${String(docOf(key).metadata.code)} · ${docOf(key).title}`, paragraphs: docOf(key).paragraphs }),
};

const convert = (src: string, fileName = 'chuong-1.md') => sampleMarkdownToRichDoc(src, resolver, { fileName });
const blocksIn = (src: string) => (convert(src).content ?? []) as RichNode[];
const only = (src: string): RichNode => {
  const blocks = blocksIn(src);
  expect(blocks).toHaveLength(1);
  return blocks[0]!;
};
/** The message of the UserFacingError `run` throws. */
const errorOf = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(UserFacingError);
    return (e as Error).message;
  }
  throw new Error('no error was thrown');
};
const mention = (nameId: number, kind: string, term: string) => ({ type: 'mention', attrs: { nameId, kind, term } });
/** A paragraph's printed text; a cross-reference as {what it shows}. */
const textOf = (runs: InlineRun[]) => runs.map((r) => (r.kind === 'text' ? r.text : r.kind === 'cross-ref' ? `{${r.targetId} ${r.show}}` : '')).join('');

describe('sampleMarkdownToRichDoc: constructs', () => {
  it('reads headings with their level and id, and gives the others a stable id shared by the revisions of a chapter', () => {
    const src = '## Làng chiến đấu {#lang-chien-dau}\n\n### Tăng gia sản xuất\n\n#### Bình dân học vụ\n';
    const blocks = sampleMarkdownToRichDoc(src, resolver, { fileName: 'books/lich-su/chuong-1.md' }).content as RichNode[];
    expect(blocks[0]).toEqual({ type: 'heading', attrs: { id: 'lang-chien-dau', level: 2 }, content: [{ type: 'text', text: 'Làng chiến đấu' }] });
    expect(blocks.map((b) => b.attrs?.level)).toEqual([2, 3, 4]);
    const ids = blocks.slice(1).map((b) => String(b.attrs?.id));
    for (const id of ids) expect(id).toMatch(/^h-[0-9a-z]{8}$/);
    expect(new Set(ids).size).toBe(2);
    // The draft of the same chapter gives its headings the same ids: the editor keeps them across edits.
    const draft = sampleMarkdownToRichDoc(src, resolver, { fileName: 'books/lich-su/chuong-1.ban-thao-1.md' }).content as RichNode[];
    expect(draft.slice(1).map((b) => b.attrs?.id)).toEqual(ids);
    // Another chapter, or the chapter of the same name in another book, gives others.
    for (const fileName of ['books/lich-su/chuong-2.md', 'books/van-kien/chuong-1.md']) {
      const other = sampleMarkdownToRichDoc(src, resolver, { fileName }).content as RichNode[];
      expect(other[1]!.attrs?.id).not.toBe(ids[0]);
    }
  });

  it('keeps bold and italic, and joins the source lines of a paragraph with one space', () => {
    expect(only('Chi bộ **quyết định** xây dựng\n*làng chiến đấu*.\n')).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Chi bộ ' },
        { type: 'text', text: 'quyết định', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' xây dựng ' },
        { type: 'text', text: 'làng chiến đấu', marks: [{ type: 'italic' }] },
        { type: 'text', text: '.' },
      ],
    });
    // Bold over a line end is one bold run, as typed in the editor.
    expect(only('**Ngày 19-8-1945,\nnhân dân** nổi dậy.').content).toEqual([
      { type: 'text', text: 'Ngày 19-8-1945, nhân dân', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' nổi dậy.' },
    ]);
  });

  it('marks mentions on the printed words with the registered name, as a surface form too, and inside bold', () => {
    expect(only('Đồng chí [Lê Văn Khang]{.person} về [Hòa Lam]{.place}; **[Chi bộ Hòa Lam]{.org}** họp, [đồng chí Khang]{.person=Lê Văn Khang} chủ trì.').content).toEqual([
      { type: 'text', text: 'Đồng chí ' },
      { type: 'text', text: 'Lê Văn Khang', marks: [mention(1, 'person', 'Lê Văn Khang')] },
      { type: 'text', text: ' về ' },
      { type: 'text', text: 'Hòa Lam', marks: [mention(3, 'place', 'Hòa Lam')] },
      { type: 'text', text: '; ' },
      { type: 'text', text: 'Chi bộ Hòa Lam', marks: [{ type: 'bold' }, mention(4, 'organisation', 'Chi bộ Hòa Lam')] },
      { type: 'text', text: ' họp, ' },
      { type: 'text', text: 'đồng chí Khang', marks: [mention(1, 'person', 'Lê Văn Khang')] },
      { type: 'text', text: ' chủ trì.' },
    ]);
  });

  it('leaves single spaces around mentions and none before a footnote call, whatever the source had', () => {
    const p = only('Đồng chí  [Lò Văn Puộn]{.person}  được bầu\n[ Hòa Lam ]{.place} [^1] .  \n\n[^1]:   Xem [[D02]] .  \n');
    const texts = JSON.stringify(p);
    expect(texts).not.toMatch(/ {2}/);
    expect(p.content!.map((n) => (n.type === 'footnote' ? '^' : n.text)).join('')).toBe('Đồng chí Lò Văn Puộn được bầu Hòa Lam^ .');
    const note = p.content!.find((n) => n.type === 'footnote')!;
    expect(note.content!.map((n) => n.type)).toEqual(['text', 'citation', 'text']);
    expect(note.content![0]).toEqual({ type: 'text', text: 'Xem ' });
    expect(note.content![2]).toEqual({ type: 'text', text: ' .' });
  });

  it('makes a footnote an inline node holding its text, citations of a whole document, a page and a folio, and mentions', () => {
    const p = only('Chi bộ ra nghị quyết[^1].\n\n[^1]: Xem [[D02 tr.2]]; [[D02 tờ 4]]; [[D05]] và [Hòa Lam]{.place}.\n');
    expect(p.content).toHaveLength(3);
    expect(p.content![1]).toEqual({
      type: 'footnote',
      content: [
        { type: 'text', text: 'Xem ' },
        { type: 'citation', attrs: { documentId: 12, pageId: 1202, pageSeq: 2, folio: '', text: formatCitation(sourceOf('D02'), { page: 2 }) } },
        { type: 'text', text: '; ' },
        { type: 'citation', attrs: { documentId: 12, pageId: null, pageSeq: null, folio: '4', text: formatCitation(sourceOf('D02'), { folio: '4' }) } },
        { type: 'text', text: '; ' },
        { type: 'citation', attrs: { documentId: 15, pageId: null, pageSeq: null, folio: '', text: formatCitation(sourceOf('D05')) } },
        { type: 'text', text: ' và ' },
        { type: 'text', text: 'Hòa Lam', marks: [mention(3, 'place', 'Hòa Lam')] },
        { type: 'text', text: '.' },
      ],
    });
    expect(p.content![2]).toEqual({ type: 'text', text: '.' });
  });

  it('makes cross-references atoms with their target, what they show and its label', () => {
    const p = only('Xem {{ref chuong-1}}, mục {{ref #lang-chien-dau number}} và {{ref #lang-chien-dau title}}.');
    expect(p.content!.filter((n) => n.type === 'crossRef')).toEqual([
      { type: 'crossRef', attrs: { targetId: 'node-7', show: 'full', label: 'Chương I Những ngày đầu' } },
      { type: 'crossRef', attrs: { targetId: 'lang-chien-dau', show: 'number', label: 'II.' } },
      { type: 'crossRef', attrs: { targetId: 'lang-chien-dau', show: 'title', label: 'Làng chiến đấu' } },
    ]);
    expect(p.content![0]).toEqual({ type: 'text', text: 'Xem ' });
  });

  it('makes a figure of a scan page with its caption as content, page 1 unless told', () => {
    expect(only('![Biên bản thành lập *Chi bộ*](scan:D02)')).toEqual({
      type: 'figure',
      attrs: { documentId: 12, pageId: 1201, pageSeq: 1, rotation: 0 },
      content: [{ type: 'text', text: 'Biên bản thành lập ' }, { type: 'text', text: 'Chi bộ', marks: [{ type: 'italic' }] }],
    });
    expect(only('![Trang hai](scan:D02 tr.2)').attrs).toEqual({ documentId: 12, pageId: 1202, pageSeq: 2, rotation: 0 });
  });

  it('makes a pipe table with header cells, alignment and a paragraph in each cell', () => {
    const table = only('| Năm | Số hộ |\n|---|--:|\n| 1960 | **412** |\n| 1961 | |\n');
    const cell = (type: string, align: string | null, content?: RichNode[]) => ({ type, attrs: { colspan: 1, rowspan: 1, colwidth: null, align }, content: [content ? { type: 'paragraph', content } : { type: 'paragraph' }] });
    expect(table).toEqual({
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader', null, [{ type: 'text', text: 'Năm' }]), cell('tableHeader', 'right', [{ type: 'text', text: 'Số hộ' }])] },
        { type: 'tableRow', content: [cell('tableCell', null, [{ type: 'text', text: '1960' }]), cell('tableCell', 'right', [{ type: 'text', text: '412', marks: [{ type: 'bold' }] }])] },
        { type: 'tableRow', content: [cell('tableCell', null, [{ type: 'text', text: '1961' }]), cell('tableCell', 'right')] },
      ],
    });
  });

  it('reproduces a document as an archivalDocument with one paragraph per entry', () => {
    expect(only('{{document D02}}')).toEqual({
      type: 'archivalDocument',
      attrs: { documentId: 12, label: '05-NQ/CB · Nghị quyết về nhiệm vụ kháng chiến' },
      content: DOCS.D02!.paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
    });
  });

  it('keeps lists and quotes, and stores all text NFC', () => {
    const decomposed = '- Hòa Lam\n- Vân Khê\n\n> Lời kể\n'.normalize('NFD');
    const [list, quote] = blocksIn(decomposed);
    expect(list).toEqual({ type: 'bulletList', content: ['Hòa Lam', 'Vân Khê'].map((text) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })) });
    expect(quote).toEqual({ type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Lời kể' }] }] });
    expect(JSON.stringify(blocksIn(decomposed))).toBe(JSON.stringify(blocksIn(decomposed)).normalize('NFC'));
  });
});

const CHAPTER = `## Thành lập chi bộ {#lang-chien-dau}

### Những đảng viên đầu tiên

Ngày 3-2-1946, [Chi bộ Hòa Lam]{.org} được thành lập, [Lê Văn Khang]{.person} làm bí thư[^1].
Chi bộ lãnh đạo nhân dân [Hòa Lam]{.place} kháng chiến[^2], như đã kể ở {{ref chuong-1}}.

![Nghị quyết của Chi bộ](scan:D02 tr.1)

| Năm | Làng chiến đấu |
|---|---:|
| 1947 | 3 |

[^1]: Xem [[D02 tr.2]]; [[D05]].
[^2]: Theo [[D02 tờ 4]], [Lê Văn Khang]{.person} trực tiếp chỉ đạo.
`;

describe('sampleMarkdownToRichDoc: what the editor and the typesetter read', () => {
  it('gives a chapter valid for the schema and unchanged by it', () => {
    const doc = convert(CHAPTER);
    const checked = validateRichDoc(doc);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.doc.toJSON()).toEqual(doc);
    expect(doc.content!.map((b) => (b as RichNode).type)).toEqual(['heading', 'heading', 'paragraph', 'figure', 'table']);
  });

  it('gives what the editor itself holds: loaded into it and read back, nothing changes, and typing keeps the heading ids', () => {
    const doc = convert(CHAPTER + '\n{{document D02}}\n\n- một\n- hai\n');
    const editor = new Editor({ element: document.createElement('div'), extensions: manuscriptExtensions(), content: doc as JSONContent });
    try {
      expect(editor.getJSON()).toEqual(doc);
      editor.commands.setTextSelection(editor.state.doc.content.size - 3);
      editor.commands.insertContent('ba');
      const headings = (editor.getJSON().content ?? []).filter((b) => b.type === 'heading');
      expect(headings.map((h) => h.attrs?.id)).toEqual(doc.content!.filter((b) => (b as RichNode).type === 'heading').map((b) => (b as RichNode).attrs?.id));
    } finally {
      editor.destroy();
    }
  });

  it('gives footnotes that print as one paragraph with each citation whole (M1: no fragments)', () => {
    // As the export reads a chapter: citations as their current text, then the book model.
    const spansFor = (ref: { documentId: number; pageSeq: number | null; folio: string }) => {
      const key = Object.keys(DOCS).find((k) => DOCS[k]!.id === ref.documentId)!;
      return citationSpans(sourceOf(key), { ...(ref.folio ? { folio: ref.folio } : {}), ...(ref.pageSeq ? { page: ref.pageSeq } : {}) });
    };
    const blocks = blocksOf(withCitationsAsText(convert(CHAPTER), spansFor).content);
    const para = blocks.find((b): b is Extract<Block, { kind: 'paragraph' }> => b.kind === 'paragraph')!;
    const notes = para.runs.filter((r): r is FootnoteRun => r.kind === 'footnote');
    expect(notes).toHaveLength(2);
    for (const n of notes) expect(n.content).toHaveLength(1);
    const [first, second] = notes.map((n) => n.content[0]!.runs);
    const d02p2 = formatCitation(sourceOf('D02'), { page: 2 });
    const d05 = formatCitation(sourceOf('D05'));
    // "Xem A; B." — A's own full stop gives way to the semicolon typed after it.
    expect(textOf(first!)).toBe(`Xem ${d02p2.slice(0, -1)}; ${d05}`);
    expect(textOf(second!)).toBe(`Theo ${formatCitation(sourceOf('D02'), { folio: '4' }).slice(0, -1)}, Lê Văn Khang trực tiếp chỉ đạo.`);
    // The cited work is one italic run: set in one piece, never cut into fragments.
    const italic = first!.filter((r) => r.kind === 'text' && r.italic).map((r) => (r.kind === 'text' ? r.text : ''));
    expect(italic).toEqual(['Nghị quyết số 05-NQ/CB ngày 12-3-1947 về nhiệm vụ kháng chiến, xây dựng làng chiến đấu', 'Chỉ thị số 12-CT/HU ngày 20-7-1954 về tuyên truyền Hiệp định Giơnevơ']);
    // The mention in the note feeds the index.
    expect(second!.some((r) => r.kind === 'index-term' && r.term === 'Lê Văn Khang' && r.index === 'person')).toBe(true);
    // The body text reads as written, with its index terms and cross-reference.
    expect(textOf(para.runs)).toBe('Ngày 3-2-1946, Chi bộ Hòa Lam được thành lập, Lê Văn Khang làm bí thư. Chi bộ lãnh đạo nhân dân Hòa Lam kháng chiến, như đã kể ở {node-7 number} {node-7 title}.');
    expect(para.runs.filter((r) => r.kind === 'index-term').map((r) => (r.kind === 'index-term' ? r.term : ''))).toEqual(['Chi bộ Hòa Lam', 'Lê Văn Khang', 'Hòa Lam']);
  });

  it('gives chronicle paragraphs whose bold date leads the book model reads as entries', () => {
    const src = [
      '**Ngày 19-8-1945**, nhân dân [Hòa Lam]{.place} giành chính quyền[^1].',
      '',
      '**Tháng 3-1946**, thành lập [Chi bộ Hòa Lam]{.org}[^2].',
      '',
      '**Từ ngày 13-3 đến ngày 7-5-1954**, dân quân phối hợp chiến đấu.',
      '',
      '**Cuối năm 1949**, vận động góp thóc nuôi quân[^3].',
      '',
      '[^1]: [[D02]].',
      '[^2]: [[D02 tr.1]].',
      '[^3]: [[D05]].',
      '',
    ].join('\n');
    const doc = convert(src, 'bien-nien-1.md');
    expect(validateRichDoc(doc).ok).toBe(true);
    const entries = toChronicleEntries(blocksOf(doc.content as RichNode[])) as ChronicleEntry[];
    expect(entries.map((e) => e.kind)).toEqual(['chronicle-entry', 'chronicle-entry', 'chronicle-entry', 'chronicle-entry']);
    expect(entries.map((e) => e.dateLabel)).toEqual(['Ngày 19-8-1945,', 'Tháng 3-1946,', 'Từ ngày 13-3 đến ngày 7-5-1954,', 'Cuối năm 1949,']);
    expect(entries.map((e) => e.sortKey)).toEqual(['1945-08-19', '1946-03-01', '1954-03-13', '1949-09-01']);
    expect(textOf(entries[0]!.body)).toBe('nhân dân Hòa Lam giành chính quyền.');
    expect(entries[0]!.body.some((r) => r.kind === 'footnote')).toBe(true);
    expect(entries[2]!.body.some((r) => r.kind === 'footnote')).toBe(false);
  });
});

describe('sampleMarkdownToRichDoc: mistakes in a source file', () => {
  const cases: [string, string, RegExp][] = [
    ['an unknown document', 'Văn bản[^1].\n\n[^1]: Xem [[D99]].\n', /^Tài liệu "D99" không có trong kho của dự án mẫu \(tệp chuong-1\.md, dòng 3\)\.$/u],
    ['a page the document does not have', 'Văn bản[^1].\n\n[^1]: Xem [[D05 tr.3]].\n', /không có trang 3 \(tệp chuong-1\.md, dòng 3\)\.$/u],
    ['an unknown name', 'Câu một.\nĐồng chí [Trần Văn Vắng]{.person} về.\n', /^Tên "Trần Văn Vắng" chưa có trong danh mục tên \(tệp chuong-1\.md, dòng 2\)\.$/u],
    ['an unknown mention kind', '[Hòa Lam]{.xa}', /Loại tên riêng «\.xa».*\(tệp chuong-1\.md, dòng 1\)\.$/u],
    ['an unknown cross-reference', 'Xem {{ref chuong-9}}.', /^Tham chiếu chéo đến "chuong-9".*\(tệp chuong-1\.md, dòng 1\)\.$/u],
    ['an unknown show of a cross-reference', 'Xem {{ref chuong-1 so}}.', /hiển thị «so» không có/u],
    ['a footnote called but not written', 'Một.\n\nChi bộ họp[^4].\n', /^Chú thích \[\^4\] được gọi nhưng không có lời chú thích.*\(tệp chuong-1\.md, dòng 3\)\.$/u],
    ['a footnote written but never called', 'Một.\n\n[^2]: Xem [[D02]].\n', /^Lời chú thích \[\^2\] không được gọi.*\(tệp chuong-1\.md, dòng 3\)\.$/u],
    ['a footnote of two paragraphs', 'Một[^1].\n\n[^1]: Đoạn một.\n\n    Đoạn hai.\n', /^Chú thích \[\^1\] có nhiều đoạn.*dòng 5\)\.$/u],
    ['a footnote called twice', 'Một[^1], hai[^1].\n\n[^1]: [[D02]].\n', /được gọi hai lần/u],
    ['a citation outside a footnote', 'Theo [[D02]] thì…', /^Trích dẫn \[\[D02\]\] chỉ đặt được trong lời chú thích.*\(tệp chuong-1\.md, dòng 1\)\.$/u],
    ['an unreadable citation locator', 'Một[^1].\n\n[^1]: [[D02 trang hai]].\n', /Không đọc được vị trí «trang hai»/u],
    ['raw HTML in the text', 'Chữ <b>đậm</b>.', /^Tệp dùng thẻ HTML «<b>».*\(tệp chuong-1\.md, dòng 1\)\.$/u],
    ['an HTML block', '<div>\nKhối\n</div>\n', /thẻ HTML/u],
    ['an image that is not a scan', '![Ảnh](anh.png)', /^Ảnh «anh\.png» không lấy từ bản quét/u],
    ['an image inside a paragraph', 'Xem ![Ảnh](scan:D02) ở đây.', /phải đứng riêng một đoạn/u],
    ['a link', 'Xem [trang](https://example.org).', /liên kết/u],
    ['inline code', 'Lệnh `suquan`.', /mã lệnh/u],
    ['a first-level heading', '# Chương một\n', /^Đề mục cấp 1 \(#\) không có trong chương/u],
    ['a document inside a paragraph', 'Văn kiện {{document D02}} sau đây.', /phải đứng riêng một đoạn/u],
    ['an unknown directive', '{{muc-luc}}', /Không hiểu \{\{muc-luc\}\}/u],
    ['a mention in a figure caption', '![Ảnh [Hòa Lam]{.place}](scan:D02)', /Chú thích ảnh không đánh dấu được tên riêng/u],
    ['a broken mention', 'Đồng chí [Lê Văn Khang]{.person về.', /Không đọc được «\]\{\.»/u],
  ];
  for (const [what, src, expected] of cases) {
    it(`stops at ${what} with one sentence naming the place`, () => {
      const message = errorOf(() => convert(src));
      expect(message).toMatch(expected);
      // One sentence: a single full stop, at the end.
      expect(message.replace(/\.(?=\S)|\.\.\.|…/gu, '').match(/\.\s/gu)).toBeNull();
    });
  }

  it('names only the line when no file name is given', () => {
    expect(errorOf(() => sampleMarkdownToRichDoc('Một.\n\nHai <i>ba</i>.', resolver))).toMatch(/\(dòng 3\)\.$/u);
  });

  it('turns an empty file into the editor\'s empty chapter', () => {
    expect(convert('\n')).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });
});
