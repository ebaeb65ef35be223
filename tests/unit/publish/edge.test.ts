import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Book } from '../../../shared/book/model';
import { loadWorld, resolveSetup, typeset } from '../../../electron/core/publish/index';
import { tempFile } from './fixtures';
import { readPdf } from './pdfjs';

const note = (text: string) => ({ kind: 'footnote' as const, content: [{ kind: 'paragraph' as const, runs: [{ kind: 'text' as const, text }] }] });

describe('awkward input', () => {
  it('typesets an empty book', async () => {
    const pdf = await typeset({ layout: 'history', title: '', front: [], body: [], back: [] }, await loadWorld());
    expect(pdf.length).toBeGreaterThan(1000);
  });

  it('turns NFD text into NFC, breaks an over-long word inside the measure, and keeps footnotes from tables, quotes and headings', async () => {
    const nfd = 'Đảng bộ tỉnh Hưng Yên lãnh đạo nhân dân'.normalize('NFD');
    const book: Book = {
      layout: 'history',
      title: 'Sách thử',
      front: [],
      back: [],
      body: [
        {
          kind: 'chapter',
          title: 'Chương thử',
          numbered: true,
          blocks: [
            { kind: 'paragraph', runs: [] },
            { kind: 'paragraph', runs: [{ kind: 'text', text: `${nfd} https://example.org/${'a'.repeat(200)} xong\u00a0rồi\tđó.` }] },
            { kind: 'heading', level: 3, runs: [{ kind: 'text', text: 'Tiêu đề có chú thích' }, note('Chú thích ở tiêu đề.')] },
            { kind: 'quote', blocks: [{ kind: 'paragraph', runs: [{ kind: 'text', text: 'Trích dẫn' }, note('Chú thích trong trích dẫn.')] }] },
            {
              kind: 'list',
              ordered: false,
              items: [[{ kind: 'paragraph', runs: [{ kind: 'text', text: 'Một' }] }, { kind: 'list', ordered: true, items: [[{ kind: 'paragraph', runs: [{ kind: 'text', text: 'Hai' }] }]] }], []],
            },
            {
              kind: 'table',
              header: true,
              rows: [[[{ kind: 'text', text: 'Cột' }]], [[{ kind: 'text', text: 'B' }], [{ kind: 'text', text: 'C' }, note('Chú thích trong bảng.')]], []],
            },
            { kind: 'page-break' },
            { kind: 'paragraph', runs: [{ kind: 'text', text: 'Sau ngắt trang.' }] },
          ],
        },
      ],
    };
    const file = tempFile('edge.pdf', await typeset(book, await loadWorld()));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toContain(nfd.normalize('NFC'));
    for (const t of ['Chú thích ở tiêu đề.', 'Chú thích trong trích dẫn.', 'Chú thích trong bảng.', 'Sau ngắt trang.', 'xong rồi đó.']) expect(text).toContain(t);
    const s = resolveSetup(book, ['liberation-serif'], 'liberation-serif');
    const pdf = await readPdf(file);
    pdf.pages.forEach((p, i) => {
      const left = i % 2 === 0 ? s.inner : s.outer;
      for (const it of p.items) if (it.str.trim()) expect(it.x + it.width, it.str).toBeLessThanOrEqual(left + s.textWidth + 0.5);
    });
  });

  it('prints the page of a cross-referenced heading, and its title', async () => {
    const filler = Array.from({ length: 40 }, (_, i) => ({ kind: 'paragraph' as const, runs: [{ kind: 'text' as const, text: `Đoạn văn số ${i} kể về phong trào cách mạng ở địa phương trong những năm kháng chiến gian khổ.` }] }));
    const book: Book = {
      layout: 'history',
      title: 'Sách có tham chiếu',
      front: [],
      back: [],
      body: [
        {
          kind: 'chapter',
          title: 'Mở đầu',
          numbered: true,
          blocks: [{ kind: 'paragraph', runs: [{ kind: 'text', text: 'Xem mục ' }, { kind: 'cross-ref', targetId: 'khang-chien', show: 'title' }, { kind: 'text', text: ' ở trang ' }, { kind: 'cross-ref', targetId: 'khang-chien', show: 'page' }, { kind: 'text', text: '.' }] }, ...filler],
        },
        { kind: 'chapter', title: 'Kháng chiến', numbered: true, blocks: [...filler, { kind: 'heading', level: 1, id: 'khang-chien', runs: [{ kind: 'text', text: 'Toàn dân kháng chiến' }] }, ...filler] },
      ],
    };
    const file = tempFile('xref.pdf', await typeset(book, await loadWorld()));
    const pdf = await readPdf(file);
    const text = (i: number) => pdf.pages[i]!.items.map((it) => it.str).join(' ').replace(/\s+/g, ' ');
    const all = pdf.pages.map((_, i) => text(i)).join(' ');
    const m = /Xem mục Toàn dân kháng chiến ở trang (\d+)\./.exec(all);
    expect(m).not.toBeNull();
    const page = pdf.labels!.indexOf(m![1]!);
    expect(text(page)).toContain('I. TOÀN DÂN KHÁNG CHIẾN');
  });

  it('prints no page for the empty paragraph the editor leaves after a figure that fills a page', async () => {
    const sharp = (await import('sharp')).default;
    const jpeg = new Uint8Array(await sharp({ create: { width: 900, height: 600, channels: 3, background: '#6a8' } }).jpeg().toBuffer());
    const pagesOf = async (trailing: Book['front'][number]['blocks']) => {
      const book: Book = {
        layout: 'history',
        title: 'Bản in thử',
        front: [],
        back: [],
        proof: true,
        body: [
          {
            kind: 'chapter',
            title: 'Vùng đất, con người',
            numbered: true,
            blocks: [
              { kind: 'paragraph', runs: [{ kind: 'text', text: 'Ông Lò Văn Hặc là bí thư đầu tiên.' }] },
              {
                kind: 'figure',
                rotation: 90,
                image: { data: jpeg, format: 'jpeg', width: 900, height: 600 },
                caption: [{ kind: 'text', text: 'Trụ sở Đảng ủy xã Bình Lư năm 1960' }],
                source: [{ kind: 'text', text: 'Nguồn: Huyện ủy Tam Đường: Ảnh trụ sở Đảng ủy xã năm 1960, lưu tại Kho Lưu trữ Huyện ủy, Hồ sơ số 12, tr. 1.' }],
              },
              ...trailing,
            ],
          },
        ],
      };
      const file = tempFile('figure-end.pdf', await typeset(book, await loadWorld()));
      return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    };
    expect(await pagesOf([])).toBe(1);
    expect(await pagesOf([{ kind: 'paragraph', runs: [] }, { kind: 'paragraph', runs: [{ kind: 'text', text: '  ' }] }])).toBe(1);
    // Real text after the figure does go on (a line may still fit at the foot of the figure's page).
    expect(await pagesOf([{ kind: 'paragraph', runs: [{ kind: 'text', text: 'Đoạn tiếp theo của chương. '.repeat(30) }] }])).toBe(2);
  });
});
