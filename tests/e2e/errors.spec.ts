/**
 * An internal error (a fault of the program, not of the user's file) reaches the user as one
 * sentence, and its details — what the host logged — are one click away: "Sao chép chi tiết" puts
 * them on the clipboard, in a dialog (a draft import), in the book view (an export) and in the
 * status bar (metadata that could not be saved). The host is made to fail by answering those calls
 * the way its dispatcher answers an internal error.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from './app';
import { call, screenshots } from './helpers';

let app: RunningApp;
test.beforeEach(async () => {
  app = await startApp();
});
test.afterEach(async () => {
  await app?.stop();
});

const shot = screenshots('errors-');

/** Answers calls of one API method with an internal error carrying these details. */
async function failInternally(page: Page, method: string, details: string): Promise<void> {
  await page.route(
    (url) => url.pathname.endsWith(`/api/${method}`),
    (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({
          ok: false,
          error: { code: 'internal', message: `Lỗi nội bộ khi thực hiện ${method.replace('/', '.')}: hỏng. Chi tiết đã được ghi vào nhật ký.`, details },
        }),
      }),
  );
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test('an internal error says what failed and copies its details, in a dialog, the book view and the status bar', async ({ page, context }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const work = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-errors-'));

  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Kho thử lỗi');
  await page.getByRole('button', { name: 'Tạo dự án', exact: true }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();
  const book = (await call(page, 'manuscript', 'createBook', { kind: 'history', title: 'Lịch sử Đảng bộ xã' })) as { id: number };
  const chapter = (await call(page, 'manuscript', 'addChapter', { bookId: book.id, title: 'Vùng đất' })) as { id: number; version: number };
  await call(page, 'manuscript', 'saveChapter', { id: chapter.id, baseVersion: chapter.version, doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Xã được thành lập năm 1948.' }] }] } });

  // A dialog: the draft import.
  await page.getByTestId('nav-books').click();
  const draft = path.join(work, 'ban-thao.md');
  writeFileSync(draft, '# Thời kỳ đổi mới\n\nĐời sống nâng lên.\n');
  await failInternally(page, 'manuscript/importDraft', 'importDraft: TypeError: x is undefined\n    at readDraft (draft.ts:12:3)');
  await page.getByTestId('import-draft').click();
  const dialog = page.getByTestId('import-draft-dialog');
  await dialog.getByTestId('draft-input').setInputFiles(draft);
  await expect(dialog.getByTestId('draft-file-name')).toHaveText('ban-thao.md');
  await dialog.getByRole('button', { name: 'Nhập bản thảo' }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Lỗi nội bộ khi thực hiện manuscript.importDraft');
  await shot(page, '01-dialog');
  await alert.getByRole('button', { name: 'Sao chép chi tiết' }).click();
  await expect(alert.getByTestId('copy-details')).toHaveText('Đã chép');
  expect(await clipboard(page)).toBe('importDraft: TypeError: x is undefined\n    at readDraft (draft.ts:12:3)');
  await dialog.getByRole('button', { name: 'Hủy' }).click();

  // The book view: an export that fails.
  await failInternally(page, 'publish/exportPdf', 'exportPdf: RangeError: bad page\n    at typeset (typeset.ts:40:9)');
  await page.getByRole('button', { name: 'Xuất PDF', exact: true }).click();
  const viewAlert = page.locator('.editor-area').getByRole('alert');
  await expect(viewAlert).toContainText('Lỗi nội bộ khi thực hiện publish.exportPdf');
  await expect(page.getByTestId('export-progress')).toHaveCount(0);
  await viewAlert.getByRole('button', { name: 'Sao chép chi tiết' }).click();
  expect(await clipboard(page)).toBe('exportPdf: RangeError: bad page\n    at typeset (typeset.ts:40:9)');

  // The status bar: a description left unsaved when another document is chosen.
  const a = path.join(work, 'Báo cáo 1950.txt');
  const b = path.join(work, 'Nghị quyết 1951.txt');
  writeFileSync(a, 'BÁO CÁO\nTình hình năm 1950.\n');
  writeFileSync(b, 'NGHỊ QUYẾT\nNhiệm vụ năm 1951.\n');
  await call(page, 'archive', 'importPaths', { paths: [a, b] });
  await page.getByTestId('nav-archive').click();
  const card = (id: number) => page.locator(`[data-testid=doc-card][data-doc-id="${id}"]`);
  await card(1).click();
  await page.getByLabel('Trích yếu nội dung').fill('Về tình hình năm 1950');
  await failInternally(page, 'archive/updateMetadata', 'updateMetadata: SqliteError: disk I/O error\n    at save (documents.ts:88:5)');
  await card(2).click();
  const notice = page.getByTestId('status-notice');
  await expect(notice).toContainText('Chưa lưu được thông tin tài liệu số 1');
  await shot(page, '02-status-bar');
  await notice.getByRole('button', { name: 'Sao chép chi tiết' }).click();
  expect(await clipboard(page)).toBe('updateMetadata: SqliteError: disk I/O error\n    at save (documents.ts:88:5)');
  await notice.getByRole('button', { name: 'Ẩn thông báo' }).click();
  await expect(notice).toHaveCount(0);
  expect(errors).toEqual([]);
});
