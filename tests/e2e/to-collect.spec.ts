/**
 * Links read within terms and the list of documents to collect (cần sưu tầm), in the real UI:
 * text files made here imported through the file dialog — "16-NQ/TW" of 1955 and of 2022, a 1975
 * report, an undated note, a 1950 letter —; the 1975 report links to the 1955 resolution only and
 * shows 05-CT/TU as not in the archive; the undated note shows its reference as ambiguous with
 * both candidates; the list of documents to collect shows what is missing with counts and places,
 * opens a citing document, and exports as CSV that reads back.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from './app';

let app: RunningApp;
test.beforeEach(async () => {
  app = await startApp();
});
test.afterEach(async () => {
  await app?.stop();
});

const SHOTS = '/tmp/shots-links';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
const card = (page: Page, id: number) => page.locator(`[data-testid=doc-card][data-doc-id="${id}"]`);

const FILES: [string, string[]][] = [
  ['Nghị quyết cải cách ruộng đất.txt', ['BAN CHẤP HÀNH TRUNG ƯƠNG', 'Số 16-NQ/TW', 'Hà Nội, ngày 5 tháng 8 năm 1955', 'NGHỊ QUYẾT về cải cách ruộng đất.']],
  ['Nghị quyết xây dựng Đảng.txt', ['BỘ CHÍNH TRỊ', 'Số 16-NQ/TW', 'Hà Nội, ngày 5 tháng 8 năm 2022', 'NGHỊ QUYẾT về xây dựng Đảng.']],
  [
    'Báo cáo năm 1975.txt',
    ['TỈNH ỦY LAI CHÂU', 'Số 12-BC/TU', 'Lai Châu, ngày 30 tháng 4 năm 1975', 'BÁO CÁO', 'Thực hiện Nghị quyết số 16-NQ/TW của Trung ương và Chỉ thị số 05-CT/TU;', 'các chi bộ quán triệt Chỉ thị số 05-CT/TU.'],
  ],
  ['Ghi chép không ngày.txt', ['Ghi chép của đồng chí Bí thư: học tập Nghị quyết số 16-NQ/TW.']],
  ['Thư năm 1950.txt', ['TỈNH ỦY LAI CHÂU', 'Lai Châu, ngày 2 tháng 9 năm 1950', 'THƯ', 'Nhắc lại Nghị quyết số 16-NQ/TW của Trung ương.']],
];

test('a reference links within its term; what is missing is listed, opened and exported', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-links-'));
  const paths = FILES.map(([name, lines]) => {
    const p = path.join(dir, name);
    writeFileSync(p, lines.join('\n'));
    return p;
  });

  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Kho Tỉnh ủy Lai Châu');
  await page.getByRole('button', { name: 'Tạo dự án', exact: true }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();
  await page.getByTestId('import-input').setInputFiles(paths);
  await expect(page.getByTestId('import-summary')).toHaveText('5 đã nhập · 0 đã có · 0 bị từ chối');
  const ids = new Map<string, number>();
  for (const r of await page.getByTestId('import-outcome').allInnerTexts()) {
    const m = /^(.+?)\s*Đã nhập: tài liệu số (\d+)/s.exec(r.trim());
    if (m) ids.set(m[1]!.trim(), Number(m[2]));
  }
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  const id = (name: string) => ids.get(name)!;

  // The 1975 report: 16-NQ/TW is the 1955 resolution (the 2022 one did not exist yet); 05-CT/TU is not archived.
  await card(page, id('Báo cáo năm 1975.txt')).click();
  const links = page.getByTestId('source-links');
  const refs = links.getByTestId('reference');
  await expect(refs).toHaveCount(2);
  await expect(refs.nth(0)).toHaveAttribute('data-status', 'resolved');
  await expect(refs.nth(0).getByTestId('refers-to')).toHaveText(['Nghị quyết cải cách ruộng đất']);
  await expect(refs.nth(0)).toContainText('ngày 5 tháng 8 năm 1955');
  await expect(refs.nth(0)).toContainText('văn bản gần nhất trước ngày này');
  await expect(refs.nth(1)).toHaveAttribute('data-status', 'missing');
  await expect(refs.nth(1)).toContainText('05-CT/TU (chưa có trong kho)');
  await links.scrollIntoViewIfNeeded();
  await shot(page, '01-resolved-within-term');

  // The undated note cannot choose: ambiguous, with both resolutions offered.
  await card(page, id('Ghi chép không ngày.txt')).click();
  const ambiguous = page.getByTestId('source-links').getByTestId('reference');
  await expect(ambiguous).toHaveAttribute('data-status', 'ambiguous');
  await expect(ambiguous).toContainText('chưa rõ văn bản nào');
  await expect(ambiguous.getByTestId('candidate')).toHaveText(['Nghị quyết cải cách ruộng đất', 'Nghị quyết xây dựng Đảng']);
  await page.getByTestId('source-links').scrollIntoViewIfNeeded();
  await shot(page, '02-ambiguous');

  // The 1955 resolution knows who refers to it surely, and who may.
  await card(page, id('Nghị quyết cải cách ruộng đất.txt')).click();
  await expect(page.getByTestId('source-links').getByTestId('referred-by')).toHaveText(['Báo cáo năm 1975']);
  await expect(page.getByTestId('source-links').getByTestId('possibly-referred-by')).toHaveText(['Ghi chép không ngày']);

  // Cần sưu tầm: the 1950 letter's 16-NQ/TW (of khóa I, before any archived one) and 05-CT/TU, cited twice.
  await page.getByTestId('nav-toCollect').click();
  const view = page.getByTestId('to-collect');
  await expect(page.getByTestId('to-collect-summary')).toContainText('2 văn bản');
  const rows = view.getByTestId('to-collect-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('16-NQ/TW');
  await expect(rows.nth(0)).toContainText('khóa I (1935–1951)');
  await expect(rows.nth(0)).toContainText('2-9-1950');
  await expect(rows.nth(1)).toContainText('05-CT/TU');
  await expect(rows.nth(1).getByTestId('to-collect-count')).toHaveText('2');
  await expect(rows.nth(1).getByTestId('to-collect-place')).toHaveText(['Báo cáo năm 1975, tr. 1']);
  await shot(page, '03-to-collect');

  // Exported as CSV (UTF-8 with BOM), read back.
  const download = page.waitForEvent('download');
  await page.getByTestId('to-collect-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Tài liệu cần sưu tầm.csv');
  const saved = path.join(dir, 'export.csv');
  await file.saveAs(saved);
  const bytes = readFileSync(saved);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('Số và ký hiệu,Tên loại,Cơ quan ban hành,Nhiệm kỳ / năm,Ngày ghi khi dẫn,Ban hành trước ngày,Số lần được dẫn,Số nơi dẫn,Nơi dẫn');
  expect(lines[2]).toBe(`05-CT/TU,Chỉ thị,Tỉnh ủy,,,1975-04-30,2,1,"Tài liệu số ${id('Báo cáo năm 1975.txt')} «Báo cáo năm 1975», tr. 1 (2 lần)"`);

  // A place opens the citing document.
  await rows.nth(1).getByTestId('to-collect-place').click();
  await expect(page.getByTestId('transcription')).toHaveValue(/Chỉ thị số 05-CT\/TU/);
  expect(errors).toEqual([]);
});
