/**
 * Cross-references stay right when the structure changes: a reference to a chapter and one to a
 * heading of another chapter are exported, the chapters are reordered and the target renamed,
 * and the PDF read back shows the new number and title.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadManuscriptBook } from '../../../electron/core/manuscript/bookModel';
import { openHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

let lastPages: string[] = [];
async function pdfText(name: string, bookId: number): Promise<string> {
  const { typeset } = await import('../../../electron/core/publish/index');
  const file = path.join(h.dir, name);
  writeFileSync(file, await typeset(loadManuscriptBook(h.session.require().db, bookId)));
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  lastPages = Array.from({ length: count }, (_, i) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }));
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** The folio printed on the page holding a text: a number alone at the page's foot or head. */
function folioOf(needle: RegExp): string {
  const page = lastPages.find((p) => needle.test(p.replace(/\s+/g, ' ')));
  expect(page, String(needle)).toBeDefined();
  const lines = page!.split('\n').map((l) => l.trim()).filter(Boolean);
  const m = [lines[lines.length - 1]!, lines[0]!].map((l) => /^(\d+)$|^(\d+)\s{2,}|\s{2,}(\d+)$/.exec(l)).find(Boolean);
  expect(m).toBeTruthy();
  return m![1] ?? m![2] ?? m![3]!;
}

describe('cross-references in the exported book', () => {
  it('print the target’s current number and title after the chapters are reordered and renamed', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Sách có tham chiếu' });
    const one = await h.call('addChapter', { bookId: book.id, title: 'Vùng đất' });
    const two = await h.call('addChapter', { bookId: book.id, title: 'Kháng chiến' });
    await h.save({
      id: two.id,
      doc: { type: 'doc', content: [{ type: 'heading', attrs: { level: 2, id: 'h-khoi-nghia' }, content: [{ type: 'text', text: 'Khởi nghĩa giành chính quyền' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'Nội dung.' }] }] } as never,
    });
    await h.save({
      id: one.id,
      doc: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Xem thêm ' },
              { type: 'crossRef', attrs: { targetId: `node-${two.id}`, show: 'full', label: 'Chương II Kháng chiến' } },
              { type: 'text', text: ', nhất là mục ' },
              { type: 'crossRef', attrs: { targetId: 'h-khoi-nghia', show: 'title', label: 'Khởi nghĩa giành chính quyền' } },
              { type: 'text', text: ' ở ' },
              { type: 'crossRef', attrs: { targetId: 'h-khoi-nghia', show: 'page', label: 'tr. [I.]' } },
              { type: 'text', text: '.' },
            ],
          },
        ],
      } as never,
    });
    const before = await pdfText('truoc.pdf', book.id);
    expect(before).toMatch(/Xem thêm CHƯƠNG II Kháng chiến, nhất là mục Khởi nghĩa giành chính quyền ở tr\. \d+\./);

    await h.change('moveNode', { id: two.id, parentId: null, index: 0 });
    await h.change('renameNode', { id: two.id, title: 'Kháng chiến chống thực dân Pháp' });
    const after = await pdfText('sau.pdf', book.id);
    expect(after).toMatch(/Xem thêm CHƯƠNG I Kháng chiến chống thực dân Pháp, nhất là mục Khởi nghĩa giành chính quyền ở tr\. \d+\./);
    // The page given is the page the heading is printed on.
    const page = /ở tr\. (\d+)\./.exec(after)![1]!;
    expect(page).toBe(folioOf(/I\. KHỞI NGHĨA GIÀNH CHÍNH QUYỀN Nội dung/));
    expect(folioOf(/I\. KHỞI NGHĨA GIÀNH CHÍNH QUYỀN Nội dung/)).not.toBe(folioOf(/Xem thêm CHƯƠNG I/));
  });
});
