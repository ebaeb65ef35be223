/**
 * Kiểm tra trước khi in in the real UI: a chronicle with an impossible date and an empty chapter
 * is exported; the check lists both before any file is written; a finding opens its chapter with
 * the passage selected; "Vẫn xuất PDF" then writes the file. A screenshot of the panel goes to
 * /tmp/preflight.png (and to $SUQUAN_SCREENSHOTS when set).
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from './app';
import { call, screenshots } from './helpers';

let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp();
});
test.afterAll(async () => {
  await app?.stop();
});

const shot = screenshots('preflight-');
const text = (t: string, bold = false) => ({ type: 'text', text: t, ...(bold ? { marks: [{ type: 'bold' }] } : {}) });
const note = (t: string) => ({ type: 'footnote', content: [text(t)] });

test('the check before printing lists the problems, goes to them, and exports anyway', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const work = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-preflight-'));

  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Biên niên Đảng bộ xã Bình Lư');
  await page.getByRole('button', { name: 'Tạo dự án' }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();

  // A chronicle of two years: 1950 has an entry on a day that never was, 1951 is not written yet.
  const book = (await call(page, 'manuscript', 'createBook', { kind: 'chronicle', title: 'Biên niên sự kiện xã Bình Lư' })) as { id: number };
  const y1950 = (await call(page, 'manuscript', 'addChapter', { bookId: book.id, title: 'Năm 1950' })) as { id: number; version: number };
  await call(page, 'manuscript', 'addChapter', { bookId: book.id, title: 'Năm 1951' });
  const entries = [
    ['Ngày 3-1-1950', ', Chi bộ xã họp bàn việc chuẩn bị lương thực cho bộ đội.'],
    ['Tháng 2-1950', ': dân quân xã phối hợp bộ đội huyện chặn đánh địch ở dốc Pa Pe.'],
    ['Ngày 30-2-1950', ', Đảng ủy xã mở lớp bồi dưỡng cán bộ cho các thôn bản.'],
    ['Ngày 19-5-1950', ', mít tinh kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh.'],
  ];
  await call(page, 'manuscript', 'saveChapter', {
    id: y1950.id,
    baseVersion: y1950.version,
    doc: { type: 'doc', content: entries.map(([lead, rest]) => ({ type: 'paragraph', content: [text(lead!, true), text(rest!), note('Báo cáo của Đảng ủy xã năm 1950.')] })) },
  });

  await page.getByTestId('nav-books').click();
  await expect(page.getByTestId('chapter-item')).toHaveCount(2);

  // Export: the check speaks first, and nothing is written yet.
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: 'Xuất PDF', exact: true }).click();
  const panel = page.getByTestId('preflight-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Kiểm tra trước khi in' })).toBeVisible();
  const findings = panel.getByTestId('preflight-finding');
  await expect(findings).toHaveCount(2);
  await expect(findings.nth(0)).toHaveAttribute('data-kind', 'unreadable-date');
  await expect(findings.nth(0)).toContainText('Ngày 30-2-1950, Đảng ủy xã mở lớp bồi dưỡng');
  await expect(findings.nth(0)).toContainText('không đọc được hoặc không có thật');
  await expect(panel.getByRole('heading', { name: 'Chương I · Năm 1950' })).toBeVisible();
  await expect(findings.nth(1)).toHaveAttribute('data-kind', 'empty-chapter');
  await expect(panel.getByRole('heading', { name: 'Chương II · Năm 1951' })).toBeVisible();
  await page.screenshot({ path: '/tmp/preflight.png' });
  await shot(page, '01-panel');
  expect(downloads).toBe(0);

  // A finding opens its chapter with the passage selected.
  await findings.nth(0).click();
  const editor = page.getByTestId('chapter-editor');
  await expect(editor).toHaveAttribute('aria-label', 'Năm 1950');
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? '')).toContain('Ngày 30-2-1950, Đảng ủy xã mở lớp bồi dưỡng');
  await expect(findings.nth(0)).toHaveClass(/active/);
  await shot(page, '02-passage');

  // The empty chapter: the panel stays while the author looks.
  await findings.nth(1).click();
  await expect(editor).toHaveAttribute('aria-label', 'Năm 1951');
  await expect(panel).toBeVisible();

  // "Vẫn xuất PDF": the file is written as it is.
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Vẫn xuất PDF' }).click();
  const file = path.join(work, 'bien-nien.pdf');
  await (await download).saveAs(file);
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Đã xuất');
  const pdf = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(pdf).toContain('Đảng ủy xã mở lớp bồi dưỡng cán bộ');

  // "Để sửa" closes the panel without writing anything.
  await page.getByRole('button', { name: 'Xuất PDF', exact: true }).click();
  await expect(panel).toBeVisible();
  await panel.getByRole('button', { name: 'Để sửa' }).click();
  await expect(panel).toHaveCount(0);
  expect(downloads).toBe(1);

  // The export preview says what the check found, and shows it in one click.
  await page.getByTestId('export-scope').selectOption('book');
  await page.getByTestId('preview-book').click();
  const preview = page.getByTestId('preview-dialog');
  await expect(preview.getByTestId('preview-findings')).toHaveText('⚠ Kiểm tra trước khi in: 2 vấn đề cần xem lại');
  await expect(preview.getByTestId('preview-status')).toHaveText(/^\d+ trang$/, { timeout: 60_000 });
  await shot(page, '03-preview-findings');
  await preview.getByTestId('preview-findings').click();
  await expect(preview).toHaveCount(0);
  await expect(panel.getByTestId('preflight-finding')).toHaveCount(2);
  await panel.getByRole('button', { name: 'Để sửa' }).click();
  expect(errors).toEqual([]);
});
