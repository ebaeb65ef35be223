// @vitest-environment happy-dom
/**
 * The guide as the help window shows it (renderer/help/guideDoc.ts, guideSearch.ts): the shipped
 * guide's `#`/`##` headings become sections whose element ids are their `{#id}`s, with no
 * attribute left in the text; raw HTML in the Markdown is shown as text, never rendered; index
 * terms read as their names; the search ignores diacritics, keeps the chapter heading of a
 * matching section, and marks the words in the text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGuide } from '../../../renderer/help/guideDoc';
import { markWords, queryWords, sectionStates } from '../../../renderer/help/guideSearch';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

describe('the guide in the help window', () => {
  it('makes one section per # and ## heading of the shipped guide, with its id', () => {
    const markdown = readFileSync(path.join(root, 'resources', 'guide', 'huong-dan.md'), 'utf8');
    const doc = parseGuide(markdown);
    expect(doc.title).toBe('Hướng dẫn sử dụng Sử Quán');
    const headings = [...markdown.matchAll(/^(#{1,2}) (.+?)\s*\{#([\w-]+)\}\s*$/gm)].map((m) => ({ level: m[1]!.length, title: m[2]!, id: m[3]! }));
    expect(headings.length).toBeGreaterThan(20);
    expect(doc.sections.filter((s) => s.level > 0).map((s) => ({ level: s.level, title: s.title, id: s.id }))).toEqual(headings);
    for (const s of doc.sections) {
      expect(s.html).not.toMatch(/\{#[\w-]+\}/);
      if (s.level > 0) expect(s.html).toContain(`id="${s.id}"`);
    }
    // `##` sections know their chapter.
    const backups = doc.sections.find((s) => s.id === 'sao-luu-tu-dong');
    expect(backups?.parent).toBe('sao-luu');
  });

  it('shows raw HTML as text and index terms as their names', () => {
    const doc = parseGuide('---\ntitle: "Thử"\nsubtitle: Phụ đề\n---\n\n# Mở đầu {#mo-dau .front}\n\nĐồng chí [Lê Văn Khang]{.person} <script>alert(1)</script> <b>đậm</b>.\n\n## Không id\n\n[Liên kết](#mo-dau) và [ngoài](https://example.org).\n');
    expect([doc.title, doc.subtitle]).toEqual(['Thử', 'Phụ đề']);
    const [first, second] = doc.sections;
    expect(first!.html).toContain('<h1 id="mo-dau">Mở đầu</h1>');
    expect(first!.html).toContain('Đồng chí Lê Văn Khang &lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;đậm&lt;/b&gt;.');
    expect(first!.html).not.toContain('<script');
    expect(second).toMatchObject({ level: 2, title: 'Không id', parent: 'mo-dau' });
    expect(second!.html).toContain('<a href="#mo-dau">');
    expect(second!.html).toContain('<a href="https://example.org" target="_blank" rel="noopener noreferrer">');
  });

  it('finds sections without diacritics and marks the words', () => {
    const doc = parseGuide('# Sao lưu {#sao-luu}\n\nMở đầu chương.\n\n## Khôi phục {#khoi-phuc}\n\nChọn bản sao lưu, bấm **Khôi phục**.\n\n# Đảng bộ {#dang-bo}\n\nKhông liên quan.\n');
    const states = sectionStates(doc.sections, queryWords('khoi PHUC'));
    expect(Object.fromEntries(states)).toEqual({ 'sao-luu': 'context', 'khoi-phuc': 'match', 'dang-bo': 'hidden' });
    expect(sectionStates(doc.sections, queryWords('dang bo')).get('dang-bo')).toBe('match');
    expect([...sectionStates(doc.sections, []).values()].every((s) => s === 'match')).toBe(true);

    const el = document.createElement('div');
    el.innerHTML = doc.sections[1]!.html;
    markWords(el, queryWords('khoi phuc'));
    expect([...el.querySelectorAll('mark.help-mark')].map((m) => m.textContent)).toEqual(['Khôi phục', 'Khôi phục']);
    expect(el.textContent).toBe('Khôi phục\nChọn bản sao lưu, bấm Khôi phục.\n');
  });
});
