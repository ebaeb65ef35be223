// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { manuscriptExtensions } from '../../../renderer/books/editor/extensions';
import { manuscriptSchema, readRichDoc, validateRichDoc } from '../../../shared/manuscript/schema';

const t = (text: string, marks?: string[]) => ({ type: 'text', text, ...(marks ? { marks: marks.map((type) => ({ type })) } : {}) });
const p = (...content: unknown[]) => ({ type: 'paragraph', ...(content.length ? { content } : {}) });
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const cite = { type: 'citation', attrs: { documentId: 7, pageId: 31, pageSeq: 3, folio: '6', text: 'Tỉnh ủy Lai Châu: Nghị quyết số 05-NQ/TU.' } };
const mention = (text: string) => ({ type: 'text', text, marks: [{ type: 'mention', attrs: { nameId: 3, kind: 'person', term: text } }] });

describe('the manuscript schema', () => {
  it('is the schema the editor is built from: same nodes, content rules, groups, marks and attributes', () => {
    const editor = getSchema(manuscriptExtensions());
    const shape = (s: typeof editor) => ({
      nodes: Object.fromEntries(
        Object.entries(s.nodes).map(([n, t]) => [
          n,
          { content: t.spec.content ?? '', group: t.spec.group ?? '', marks: t.spec.marks ?? null, inline: !!t.spec.inline, atom: !!t.spec.atom, attrs: Object.keys(t.spec.attrs ?? {}).sort() },
        ]),
      ),
      marks: Object.fromEntries(Object.entries(s.marks).map(([n, m]) => [n, { excludes: m.spec.excludes ?? null, inclusive: m.spec.inclusive ?? true, attrs: Object.keys(m.spec.attrs ?? {}).sort() }])),
    });
    expect(shape(editor)).toEqual(shape(manuscriptSchema));
    // Mark order decides how marks are listed in saved JSON: the same in both.
    expect(Object.keys(editor.marks)).toEqual(Object.keys(manuscriptSchema.marks));
  });

  it('accepts what the editor writes: a footnote with inline text, italic, a mention and a citation', () => {
    const d = doc(p(t('Nghị quyết được ban hành'), { type: 'footnote', content: [t('Xem: '), cite, t('; '), t('lời kể của ông '), mention('Lò Văn Puộn'), t(', ', ['italic']), t('tr. 4.')] }, t('.')));
    expect(validateRichDoc(d)).toMatchObject({ ok: true });
  });

  it('refuses, with a sentence, what the editor never writes', () => {
    const cases: [unknown, RegExp][] = [
      [doc(p(t('a')), { type: 'video' }), /«video»/],
      [doc(p(t('a', ['strike']))), /«strike»/],
      [doc(p(t('a'), { type: 'footnote', content: [p(t('chú thích'))] })), /Đoạn văn không được đặt trong chú thích/],
      [doc(p(t('a'), { type: 'footnote', content: [{ type: 'footnote', content: [t('x')] }] })), /Chú thích không được đặt trong chú thích/],
      [doc({ type: 'figure', attrs: { pageId: 1 }, content: [mention('Hà Nội')] }), /Tên riêng không dùng được trong ảnh tư liệu/],
      [doc({ type: 'heading', attrs: { level: 7 }, content: [t('x')] }), /đề mục/],
      [doc(p({ type: 'text', text: '' })), /chữ rỗng/],
      [doc(p(t('a')), { type: 'table', content: [] }), /Bảng trong chương thiếu nội dung/],
      [doc(p({ type: 'citation', attrs: { documentId: 'bảy' } })), /trích dẫn/],
      [doc(p({ type: 'citation', attrs: { documentId: 1, evil: 1 } })), /thuộc tính lạ «evil»/],
      [{ type: 'paragraph' }, /không phải là một văn bản/],
      [doc(), /thiếu nội dung/],
    ];
    for (const [d, reason] of cases) {
      const v = validateRichDoc(d);
      expect(v.ok, JSON.stringify(d)).toBe(false);
      if (!v.ok) expect(v.reason).toMatch(reason);
    }
    let deep: unknown = p(t('sâu'));
    for (let i = 0; i < 200; i++) deep = { type: 'blockquote', content: [deep] };
    const v = validateRichDoc(doc(deep));
    expect(v.ok).toBe(false);
  });

  it('reads older shapes without losing a word: paragraph-wrapped footnotes, strike, h1, stray inline text', () => {
    const legacy = doc(
      { type: 'heading', attrs: { level: 1 }, content: [t('Mở đầu')] },
      t('chữ lạc'),
      p(t('Câu'), { type: 'footnote', content: [p(t('Dòng một ')), p(t('dòng hai', ['italic', 'strike']))] }, t('.')),
      { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell' }] }] },
      { type: 'mystery', content: [p(t('giữ lại'))] },
    );
    const { doc: read, repaired } = readRichDoc(legacy);
    expect(repaired).toBe(true);
    expect(validateRichDoc(read)).toMatchObject({ ok: true });
    expect(read.content).toEqual([
      { type: 'heading', attrs: { id: null, level: 2 }, content: [t('Mở đầu')] },
      p(t('chữ lạc')),
      p(t('Câu'), { type: 'footnote', content: [t('Dòng một '), { type: 'hardBreak' }, t('dòng hai', ['italic'])] }, t('.')),
      { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null }, content: [p()] }] }] },
      p(t('giữ lại')),
    ]);
  });

  it('reads a valid document as it is', () => {
    const d = doc(p(t('Nghị quyết'), { type: 'footnote', content: [cite, t(' '), mention('Lai Châu')] }));
    const { doc: read, repaired } = readRichDoc(d);
    expect(repaired).toBe(false);
    expect(validateRichDoc(read)).toMatchObject({ ok: true });
  });
});
