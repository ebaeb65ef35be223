/**
 * The manuscript in the real UI (issue 5, "Done when"): create a book, add and reorder chapters
 * (keyboard and drag-and-drop), type Vietnamese through IME composition, insert a footnote and a
 * citation to an archived document, reload and find everything, compare two revisions and
 * restore the older one. Screenshots go to $SUQUAN_SCREENSHOTS when set.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { startApp, type RunningApp } from './app';
import { call, documentVersion, screenshots, selectionSettled } from './helpers';

let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp();
});
test.afterAll(async () => {
  await app?.stop();
});

const shot = screenshots('manuscript-');

async function makeScan(dir: string, name: string, pages: number): Promise<string[]> {
  const files: string[] = [];
  for (let p = 1; p <= pages; p++) {
    const lines = Array.from({ length: 26 }, (_, i) => `<rect x="140" y="${300 + i * 50}" width="${700 + ((i * 131 + p * 57) % 240)}" height="13" fill="#3a3a3a"/>`).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="100%" height="100%" fill="#f5efdf"/><rect x="120" y="120" width="360" height="22" fill="#222"/><rect x="760" y="120" width="360" height="22" fill="#222"/><rect x="380" y="220" width="480" height="30" fill="#222"/>${lines}</svg>`;
    const file = path.join(dir, `${name}-${p}.jpg`);
    writeFileSync(file, await sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer());
    files.push(file);
  }
  return files;
}

const chapterTitles = (page: Page) => page.getByTestId('chapter-item').locator('.tree-title').allInnerTexts();

test('a book with reordered chapters, IME text, footnotes and a citation survives a reload; revisions compare and restore', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The app asks its questions in its own dialogs; Electron has no window.prompt/confirm.
  page.on('dialog', (d) => {
    errors.push(`browser dialog: ${d.message()}`);
    void d.dismiss();
  });
  const work = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-ms-'));

  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Lịch sử Đảng bộ huyện Tam Đường');
  await page.getByRole('button', { name: 'Tạo dự án' }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();

  // An archived resolution (3 pages) with its archival metadata, and a second document.
  await page.getByTestId('import-input').setInputFiles(await makeScan(work, 'nghi-quyet-05', 1));
  await expect(page.getByTestId('import-outcome').first()).toContainText('Đã nhập');
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  await call(page, 'archive', 'updateMetadata', { baseVersion: await documentVersion(page, 1), id: 1,
    patch: {
      code: '05-NQ/TU',
      docType: 'Nghị quyết',
      issuer: 'Tỉnh ủy Lai Châu',
      date: { text: 'ngày 3-2-1961', start: '1961-02-03', end: '1961-02-03' },
      abstract: 'về công tác xây dựng Đảng',
      location: { repository: 'Kho Lưu trữ Tỉnh ủy Lai Châu', fond: '1', inventory: '2', file: '45' },
    },
  });
  await call(page, 'archive', 'updateDocument', { baseVersion: await documentVersion(page, 1), id: 1, title: 'Nghị quyết về công tác xây dựng Đảng' });

  // A book and three chapters; reorder by keyboard, then by drag-and-drop.
  await page.getByTestId('nav-books').click();
  await page.getByLabel('Tên sách').fill('Lịch sử Đảng bộ huyện Tam Đường (1945–2025)');
  await page.getByRole('button', { name: 'Tạo sách' }).click();
  for (const title of ['Kháng chiến chống Pháp', 'Vùng đất, con người và truyền thống', 'Thời kỳ đổi mới']) {
    await page.getByLabel('Tên chương').fill(title);
    await page.getByRole('button', { name: 'Thêm chương' }).click();
    await expect(page.getByTestId('chapter-item').filter({ hasText: title })).toBeVisible();
  }
  const second = page.getByTestId('chapter-item').filter({ hasText: 'Vùng đất' });
  await second.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => chapterTitles(page)).toEqual(['Vùng đất, con người và truyền thống', 'Kháng chiến chống Pháp', 'Thời kỳ đổi mới']);
  await page.getByTestId('chapter-item').filter({ hasText: 'Thời kỳ đổi mới' }).dragTo(page.getByTestId('chapter-item').filter({ hasText: 'Kháng chiến' }), { targetPosition: { x: 40, y: 4 } });
  await expect.poll(() => chapterTitles(page)).toEqual(['Vùng đất, con người và truyền thống', 'Thời kỳ đổi mới', 'Kháng chiến chống Pháp']);
  await expect(page.getByTestId('chapter-item').first().locator('.tree-label')).toHaveText('Chương I');
  await page.getByRole('combobox', { name: 'Thêm mục khác…' }).selectOption({ label: 'Lời nói đầu' });
  await expect(page.getByTestId('node-item').filter({ hasText: 'Lời nói đầu' })).toBeVisible();

  // Write the first chapter: keystrokes, an IME composition, NFD text from the IME.
  await page.getByTestId('chapter-item').first().click();
  const editor = page.getByTestId('chapter-editor');
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.type('Huyện Tam Đường được thành lập năm 1948');
  const cdp = await page.context().newCDPSession(page);
  await page.keyboard.type(', nhân dân ');
  for (const step of ['d', 'dd', 'đ', 'đo', 'đoà', 'đoàn']) await cdp.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
  await cdp.send('Input.insertText', { text: 'đoàn' });
  await cdp.send('Input.insertText', { text: ' kết'.normalize('NFD') });

  // A footnote, typed in place (its popup editor).
  await page.getByTestId('insert-footnote').click();
  const popup = page.locator('.footnote-popup .footnote-editor');
  await expect(popup).toBeFocused();
  await page.keyboard.type('Lời kể của ông Lò Văn Hặc, ghi âm ngày 3-2-2020.');
  await page.keyboard.press('Escape');
  await page.keyboard.type('. Đảng bộ lãnh đạo xây dựng cơ sở');

  // A citation to the archived resolution, picked by fuzzy search on its number.
  await page.getByTestId('insert-citation').click();
  const picker = page.getByTestId('citation-picker');
  await picker.getByRole('textbox').fill('05 nq');
  await expect(picker.getByTestId('citation-result').first()).toContainText('05-NQ/TU');
  await shot(page, '03-citation-picker');
  await picker.getByTestId('citation-result').first().click();
  await picker.getByLabel('Tờ số').fill('3');
  const expectedCitation = 'Tỉnh ủy Lai Châu: Nghị quyết số 05-NQ/TU ngày 3-2-1961 về công tác xây dựng Đảng, lưu tại Kho Lưu trữ Tỉnh ủy Lai Châu, Phông số 1, Mục lục số 2, Hồ sơ số 45, tờ 3.';
  await expect(picker.locator('.citation-preview p')).toHaveText(expectedCitation);
  await shot(page, '04-citation-preview');
  await picker.getByRole('button', { name: 'Chèn trích dẫn' }).click();
  // The cursor stays in the sentence after the call: typing goes on with the text, and the
  // footnote list shows the new note.
  await expect(editor).toBeFocused();
  await page.keyboard.type('. Việc thực hiện nghị quyết được kiểm tra thường xuyên');
  await expect(page.getByTestId('footnote-item')).toHaveCount(2);
  await expect(page.getByTestId('footnote-item').nth(1)).toHaveText(/^2\s*Tỉnh ủy Lai Châu: Nghị quyết số 05-NQ\/TU/);
  await expect(page.getByTestId('footnote-item').nth(1)).not.toContainText('kiểm tra thường xuyên');
  await expect(editor).toContainText('Đảng bộ lãnh đạo xây dựng cơ sở. Việc thực hiện nghị quyết được kiểm tra thường xuyên');
  // The cited scan is a tab away, side by side with the text.
  await page.getByRole('tab', { name: 'Bản quét' }).click();
  await expect(page.getByTestId('scan-panel')).toContainText('05-NQ/TU');
  await expect(page.getByTestId('scan-panel').locator('img')).toBeVisible();
  await shot(page, '05-side-by-side');
  await page.getByRole('tab', { name: 'Chú thích' }).click();
  await expect(page.getByTestId('footnote-item')).toHaveCount(2);
  await expect(page.getByTestId('footnote-item').nth(1)).toContainText(expectedCitation);
  await expect(page.getByTestId('save-state')).toContainText('Đã lưu');
  await shot(page, '06-editor-footnotes');

  // Reload: order, text (NFC), footnote and citation are all there.
  await page.reload();
  await page.getByTestId('nav-books').click();
  await expect.poll(() => chapterTitles(page)).toEqual(['Vùng đất, con người và truyền thống', 'Thời kỳ đổi mới', 'Kháng chiến chống Pháp']);
  await page.getByTestId('chapter-item').first().click();
  const body = 'Huyện Tam Đường được thành lập năm 1948, nhân dân đoàn kết';
  await expect(editor).toContainText(body);
  await expect(editor).toContainText(`${body}. Đảng bộ lãnh đạo xây dựng cơ sở. Việc thực hiện nghị quyết được kiểm tra thường xuyên`);
  await expect(editor.locator('.footnote-call')).toHaveCount(2);
  expect(await editor.innerText()).toBe((await editor.innerText()).normalize('NFC'));
  await expect(page.getByTestId('footnote-item').first()).toContainText('Lời kể của ông Lò Văn Hặc, ghi âm ngày 3-2-2020.');
  await expect(page.getByTestId('footnote-item').nth(1)).toContainText(expectedCitation);
  await shot(page, '01-structure-tree');

  // Revisions: keep one, change the text, keep another, compare, restore the older.
  await page.getByRole('tab', { name: 'Phiên bản' }).click();
  await page.getByLabel('Ghi chú phiên bản').fill('Bản gửi hội thảo');
  await page.getByRole('button', { name: 'Lưu phiên bản' }).click();
  await expect(page.getByTestId('revision-item').filter({ hasText: 'Bản gửi hội thảo' })).toBeVisible();
  await editor.focus();
  await page.keyboard.press('Control+End');
  await selectionSettled(page);
  await page.keyboard.type(' Năm 1949, phong trào phát triển mạnh.');
  await expect(page.getByTestId('save-state')).toContainText('Đã lưu');
  await page.getByLabel('Ghi chú phiên bản').fill('Sau hội thảo');
  await page.getByRole('button', { name: 'Lưu phiên bản' }).click();
  await expect(page.getByTestId('revision-item').filter({ hasText: 'Sau hội thảo' })).toBeVisible();
  await page.getByTestId('revision-item').filter({ hasText: 'Sau hội thảo' }).getByRole('checkbox').check();
  await page.getByTestId('revision-item').filter({ hasText: 'Bản gửi hội thảo' }).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'So sánh hai phiên bản đã chọn' }).click();
  const diff = page.getByTestId('revision-diff');
  await expect(diff.locator('ins')).toContainText('Năm 1949, phong trào phát triển mạnh.');
  await expect(diff).toContainText('1 đoạn sửa, 0 đoạn thêm, 0 đoạn xóa');
  // Footnotes show apart, in brackets, and no marker character leaks into the text.
  await expect(diff.locator('.diff-note').first()).toContainText('Lời kể của ông Lò Văn Hặc');
  expect(await diff.innerText()).not.toMatch(/[\uE000\uE001]/u);
  await shot(page, '07-revision-diff');
  await diff.getByRole('button', { name: 'Đóng' }).click();
  await page.getByTestId('revision-item').filter({ hasText: 'Bản gửi hội thảo' }).getByRole('button', { name: 'Khôi phục' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Nội dung hiện tại vẫn được giữ lại thành một phiên bản.');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Khôi phục' }).click();
  await expect(editor).not.toContainText('Năm 1949');
  await expect(editor).toContainText(body);
  await page.reload();
  await page.getByTestId('nav-books').click();
  await page.getByTestId('chapter-item').first().click();
  await expect(editor).toContainText(body);
  await expect(editor).not.toContainText('Năm 1949');

  // Delete a chapter and undo it.
  await page.getByTestId('chapter-item').filter({ hasText: 'Kháng chiến' }).focus();
  await page.keyboard.press('Delete');
  await expect.poll(() => chapterTitles(page)).toEqual(['Vùng đất, con người và truyền thống', 'Thời kỳ đổi mới']);
  await page.getByRole('button', { name: 'Hoàn tác xóa' }).click();
  await expect.poll(() => chapterTitles(page)).toEqual(['Vùng đất, con người và truyền thống', 'Thời kỳ đổi mới', 'Kháng chiến chống Pháp']);

  // A part holding chapters, sections inside a chapter, and back matter: the full tree.
  const bookId = Number(((await call(page, 'manuscript', 'listBooks', {})) as { id: number }[])[0]!.id);
  const part = (await call(page, 'manuscript', 'addNode', { bookId, kind: 'part', title: 'Đảng bộ lãnh đạo kháng chiến (1945–1954)' })) as { id: number };
  await call(page, 'manuscript', 'addNode', { bookId, kind: 'back', role: 'conclusion' });
  await call(page, 'manuscript', 'addNode', { bookId, kind: 'back', role: 'references' });
  await page.reload();
  await page.getByTestId('nav-books').click();
  await page.getByTestId('chapter-item').filter({ hasText: 'Kháng chiến' }).dragTo(page.getByTestId('node-item').filter({ hasText: 'Đảng bộ lãnh đạo' }));
  await expect(page.locator(`[data-node-id="${part.id}"] + ul [data-testid=chapter-item]`)).toContainText('Kháng chiến chống Pháp');
  await page.getByTestId('chapter-item').first().click();
  await editor.focus();
  await page.keyboard.press('Control+End');
  await selectionSettled(page);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Mục (I.)' }).click();
  await page.keyboard.type('Điều kiện tự nhiên');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Tam Đường là huyện vùng cao.');
  await expect(editor.locator('h2')).toHaveText('Điều kiện tự nhiên');
  await expect(page.locator('.tree-section')).toContainText('Điều kiện tự nhiên');
  await shot(page, '02-structure-parts');

  // From the archive, the cited resolution lists the chapter that cites it.
  await expect(page.getByTestId('save-state')).toContainText('Đã lưu');
  await page.getByTestId('nav-archive').click();
  await page.getByTestId('doc-card').filter({ hasText: 'Nghị quyết về công tác xây dựng Đảng' }).click();
  await expect(page.getByTestId('cited-in')).toContainText('Lịch sử Đảng bộ huyện Tam Đường (1945–2025) › Vùng đất, con người và truyền thống (1 lần)');
  expect(errors).toEqual([]);
});
