/**
 * The catalogue (mục lục hồ sơ) in the real UI (browser mode, real host): documents imported from
 * files the test makes and described in the metadata panel; the "Mục lục" view sorted by date and
 * by number, filtered by type, date range (typed the Vietnamese way) and words (with -word to
 * exclude); rows chosen with the keyboard and given a phông / mục lục / hộp in one batch edit; the
 * phông → hồ sơ tree; a search saved by name and applied again after a reload; the view exported
 * as CSV and read back; the grid showing the same filtered view with number and date on its cards;
 * a match only in the description said so instead of "trang 1". A second test windows a few
 * hundred documents through the table with the keyboard.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { startApp, type RunningApp } from './app';
import { call } from './helpers';

let app: RunningApp;
test.beforeEach(async () => {
  app = await startApp();
});
test.afterEach(async () => {
  await app?.stop();
});

const shotDir = process.env.SUQUAN_SCREENSHOTS ?? '/tmp/shots-catalogue';
mkdirSync(shotDir, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shotDir, `catalogue-${name}.png`) });

// Names without a trailing number, so the import does not offer to group them as pages of one document.
const TEXTS: [string, string][] = [
  ['NQ nhiệm vụ kinh tế.txt', 'TỈNH ỦY LAI CHÂU\nSố 05-NQ/TU\nNGHỊ QUYẾT\nvề nhiệm vụ phát triển kinh tế năm 1961\nHội nghị Tỉnh ủy đã thảo luận và quyết nghị.'],
  ['BC tình hình kháng chiến.txt', 'BÁO CÁO\nTình hình kháng chiến trong tỉnh tháng 3-1950.\nCác đội du kích giữ vững địa bàn.'],
  ['CT động viên kháng chiến.txt', 'CHỈ THỊ\nVề việc động viên kháng chiến toàn quốc.\nMọi người dân đều là chiến sĩ.'],
  ['NQ sau giải phóng.txt', 'NGHỊ QUYẾT\nVề nhiệm vụ sau ngày miền Nam giải phóng hoàn toàn.\nKhôi phục sản xuất, ổn định đời sống.'],
];
const DESCRIBED: Record<string, { code: string; docType: string; issuer: string; date: string }> = {
  'NQ nhiệm vụ kinh tế.txt': { code: '05-NQ/TU', docType: 'Nghị quyết', issuer: 'Tỉnh ủy Lai Châu', date: 'ngày 3 tháng 2 năm 1961' },
  'BC tình hình kháng chiến.txt': { code: '12-BC/TU', docType: 'Báo cáo', issuer: 'Tỉnh ủy Lai Châu', date: 'tháng 3-1950' },
  'CT động viên kháng chiến.txt': { code: '17-CT/TU', docType: 'Chỉ thị', issuer: 'Tỉnh ủy Lai Châu', date: 'Cuối năm 1946' },
  'NQ sau giải phóng.txt': { code: '21-NQ/TU', docType: 'Nghị quyết', issuer: 'Ban Thường vụ Tỉnh ủy', date: '30-4-1975' },
};

async function scan(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 300, height: 420, channels: 3, background: { r: 245, g: 238 - seed, b: 220 } } })
    .png()
    .toBuffer();
}

/** The ids of the rows shown, top to bottom. */
const rowIds = (page: Page) => page.getByTestId('catalogue-row').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-doc-id'))));
/** The number-and-symbol cells shown, top to bottom. */
const codes = (page: Page) => page.locator('[data-testid=catalogue-row] [data-col=code]').allInnerTexts();

async function pick(page: Page, picker: string, value: string | RegExp): Promise<void> {
  await page.getByTestId(picker).click();
  await page.getByTestId(`${picker}-panel`).getByRole('checkbox', { name: value }).check();
  await page.keyboard.press('Escape');
}

async function describe(page: Page, id: number, d: { code: string; docType: string; issuer: string; date: string }): Promise<void> {
  await page.locator(`[data-testid=doc-card][data-doc-id="${id}"]`).click();
  const panel = page.getByTestId('metadata-panel');
  await panel.getByLabel('Số và ký hiệu').fill(d.code);
  await panel.getByLabel('Tên loại').fill(d.docType);
  await panel.getByLabel('Cơ quan ban hành').fill(d.issuer);
  await panel.getByLabel('Ngày tháng năm').fill(d.date);
  await panel.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByTestId('metadata-state')).toHaveText('Đã lưu');
}

async function noOverflow(cell: Locator): Promise<boolean> {
  return cell.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
}

test('the catalogue sorts, filters, batch-edits, browses by phông, saves searches and exports', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-catalogue-'));
  const paths = TEXTS.map(([name, text]) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  });
  for (const [i, name] of ['Thư tay quét.png', 'Biên bản quét.png'].entries()) {
    const p = path.join(dir, name);
    writeFileSync(p, await scan(i * 20));
    paths.push(p);
  }

  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Kho lưu trữ Tỉnh ủy');
  await page.getByRole('button', { name: 'Tạo dự án', exact: true }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();
  await page.getByTestId('import-input').setInputFiles(paths);
  await expect(page.getByTestId('import-summary')).toHaveText('6 đã nhập · 0 đã có · 0 bị từ chối');
  const ids = new Map<string, number>();
  for (const r of await page.getByTestId('import-outcome').allInnerTexts()) {
    const m = /^(.+?)\s*Đã nhập: tài liệu số (\d+)/s.exec(r.trim());
    if (m) ids.set(m[1]!.trim(), Number(m[2]));
  }
  expect(ids.size).toBe(6);
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  const id = (name: string) => ids.get(name)!;

  // Four documents described in the metadata panel, as an archivist would.
  for (const [name, d] of Object.entries(DESCRIBED)) await describe(page, id(name), d);

  // The grid cards show the number and the date.
  const card05 = page.locator(`[data-testid=doc-card][data-doc-id="${id('NQ nhiệm vụ kinh tế.txt')}"]`);
  await expect(card05.getByTestId('doc-ident')).toHaveText(/05-NQ\/TU\s*ngày 3 tháng 2 năm 1961/);
  await expect(card05).toContainText('1 trang');
  await shot(page, '01-grid-cards');

  // The catalogue view: every document, one row each.
  await page.getByTestId('view-catalogue').click();
  const table = page.getByTestId('catalogue-table');
  await expect(table).toBeVisible();
  await expect(page.getByTestId('catalogue-row')).toHaveCount(6);
  await shot(page, '02-catalogue');

  // Sorted by date (a click on its header): 1946, 1950, 1961, 1975, then the undated scans.
  await table.locator('[role=columnheader][data-col=date] button').click();
  await expect(table.locator('[role=columnheader][data-col=date]')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => codes(page)).toEqual(['17-CT/TU', '12-BC/TU', '05-NQ/TU', '21-NQ/TU', '', '']);
  await table.locator('[role=columnheader][data-col=date] button').click();
  await expect(table.locator('[role=columnheader][data-col=date]')).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => (await codes(page)).filter(Boolean)).toEqual(['21-NQ/TU', '05-NQ/TU', '12-BC/TU', '17-CT/TU']);
  // By number: 05, 12, 17, 21.
  await table.locator('[role=columnheader][data-col=code] button').click();
  await expect.poll(async () => (await codes(page)).slice(0, 4)).toEqual(['05-NQ/TU', '12-BC/TU', '17-CT/TU', '21-NQ/TU']);
  // The dates are whole in their cells, as typed.
  const dateCell = table.locator(`[data-testid=catalogue-row][data-doc-id="${id('NQ nhiệm vụ kinh tế.txt')}"] [data-col=date]`);
  await expect(dateCell).toHaveText('ngày 3 tháng 2 năm 1961');
  await expect(table.locator(`[data-testid=catalogue-row][data-doc-id="${id('Thư tay quét.png')}"] [data-col=textState]`)).toHaveText('Chưa có chữ');
  await expect(table.locator(`[data-testid=catalogue-row][data-doc-id="${id('BC tình hình kháng chiến.txt')}"] [data-col=textState]`)).toHaveText('Đã có chữ');

  // Filters: type, then a date range typed the Vietnamese way.
  await page.getByTestId('filters-toggle').click();
  await pick(page, 'filter-docType', /Nghị quyết/);
  await expect.poll(() => codes(page)).toEqual(['05-NQ/TU', '21-NQ/TU']);
  await expect(page.getByTestId('doc-total')).toHaveText(/2 trong số 6 tài liệu/);
  await page.getByTestId('filter-to').fill('tháng 3-1961');
  await expect(page.getByTestId('filter-to-read')).toHaveText('= 3-1961');
  await expect.poll(() => codes(page)).toEqual(['05-NQ/TU']);
  await page.getByTestId('filter-to').fill('');
  await page.getByTestId('filter-docType').click();
  await page.getByTestId('filter-docType-panel').getByRole('button', { name: 'Bỏ chọn' }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('filter-from').fill('1947');
  await page.getByTestId('filter-to').fill('12-1961');
  await expect.poll(() => codes(page)).toEqual(['05-NQ/TU', '12-BC/TU']);
  await shot(page, '03-filtered-by-date');
  await page.getByTestId('clear-filters').click();
  await expect(page.getByTestId('catalogue-row')).toHaveCount(6);
  await page.getByTestId('filters-toggle').click();

  // Words: the rows show where they matched; -word leaves out what has it.
  const search = page.getByTestId('archive-search');
  await search.fill('khang chien');
  await expect.poll(() => codes(page)).toEqual(expect.arrayContaining(['12-BC/TU', '17-CT/TU']));
  await expect(page.getByTestId('catalogue-row')).toHaveCount(2);
  await expect(page.getByTestId('catalogue-hit').first().locator('mark').first()).toHaveText(/kháng/);
  await shot(page, '04-words');
  await search.fill('khang chien -toan');
  await expect.poll(() => codes(page)).toEqual(['12-BC/TU']);
  // "Đúng dấu": diacritics as typed, so the words typed without them no longer match.
  await page.getByTestId('search-exact').check();
  await expect(page.getByTestId('catalogue-row')).toHaveCount(0);
  await search.fill('kháng chiến -toàn');
  await expect.poll(() => codes(page)).toEqual(['12-BC/TU']);
  await page.getByTestId('search-exact').uncheck();
  await search.fill('');
  await expect(page.getByTestId('catalogue-row')).toHaveCount(6);

  // Keyboard: the first row, then two more with Shift+↓; edited together.
  await expect.poll(async () => (await codes(page)).slice(0, 4)).toEqual(['05-NQ/TU', '12-BC/TU', '17-CT/TU', '21-NQ/TU']);
  await table.locator('[data-testid=catalogue-row]').first().click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByTestId('doc-total')).toContainText('Đã chọn 3');
  await expect(table.locator('[data-testid=catalogue-row][aria-selected=true]')).toHaveCount(3);
  await page.getByTestId('batch-edit').click();
  const dialog = page.getByTestId('batch-dialog');
  await expect(dialog.getByTestId('batch-confirm')).toHaveText('Chưa chọn trường nào để sửa.');
  await dialog.getByTestId('batch-fond').fill('Tỉnh ủy Lai Châu');
  await dialog.getByTestId('batch-inventory').fill('1');
  await dialog.getByTestId('batch-box').fill('3');
  await dialog.getByTestId('batch-addTags').fill('kháng chiến; kinh tế');
  await expect(dialog.getByTestId('batch-confirm')).toHaveText('Sẽ sửa 3 tài liệu: Phông, Mục lục số, Hộp số, Thêm từ khóa.');
  await shot(page, '05-batch-dialog');
  await dialog.getByTestId('batch-apply').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('status-notice')).toContainText('Đã sửa 3 tài liệu: Phông, Mục lục số, Hộp số, Thêm từ khóa');
  const fondCells = table.locator('[data-testid=catalogue-row] [data-col=fond]');
  await expect.poll(() => fondCells.allInnerTexts()).toEqual(['Tỉnh ủy Lai Châu', 'Tỉnh ủy Lai Châu', 'Tỉnh ủy Lai Châu', '', '', '']);
  const meta = (await call(page, 'archive', 'getDocument', { id: id('BC tình hình kháng chiến.txt') })) as { metadata: { location?: unknown; tags?: unknown; code?: string } };
  expect(meta.metadata.location).toEqual({ fond: 'Tỉnh ủy Lai Châu', inventory: '1', box: '3' });
  expect(meta.metadata.tags).toEqual(['kháng chiến', 'kinh tế']);
  expect(meta.metadata.code).toBe('12-BC/TU');
  // Without the side panel the table has the room for trích yếu and the location.
  await page.getByTestId('panel-toggle').click();
  await expect(page.getByTestId('metadata-panel')).toHaveCount(0);
  await shot(page, '06-after-batch-wide');
  for (const col of ['code', 'date', 'docType', 'fond', 'box']) {
    for (const cell of await table.locator(`[data-testid=catalogue-row] [data-col=${col}]`).all()) expect(await noOverflow(cell), col).toBe(true);
  }
  await page.getByTestId('panel-toggle').click();
  await expect(page.getByTestId('metadata-panel')).toBeVisible();

  // The tree: phông → mục lục → hộp, with counts; the unplaced are a node too.
  const tree = page.getByTestId('location-tree');
  const fond = tree.getByTestId('tree-node').filter({ hasText: 'Tỉnh ủy Lai Châu' });
  await expect(fond).toHaveText(/Tỉnh ủy Lai Châu\s*3/);
  await expect(tree.getByTestId('tree-unplaced').first()).toHaveText(/\(chưa xếp\)\s*3/);
  await fond.click();
  await expect(page.getByTestId('catalogue-row')).toHaveCount(3);
  await expect(page.getByTestId('doc-total')).toHaveText(/3 trong số 6 tài liệu/);
  await tree.getByRole('button', { name: 'Mở' }).first().click();
  await tree.getByTestId('tree-node').filter({ hasText: 'Mục lục 1' }).click();
  await tree.getByRole('button', { name: 'Mở' }).last().click();
  await expect(tree.getByTestId('tree-node').filter({ hasText: 'Hộp 3' })).toHaveText(/Hộp 3\s*3/);
  await tree.getByTestId('tree-node').filter({ hasText: 'Hộp 3' }).click();
  await expect(page.getByTestId('catalogue-row')).toHaveCount(3);
  await shot(page, '07-tree');
  await tree.getByTestId('tree-unplaced').first().click();
  await expect.poll(async () => (await rowIds(page)).sort()).toEqual([id('NQ sau giải phóng.txt'), id('Thư tay quét.png'), id('Biên bản quét.png')].sort());
  await tree.getByTestId('tree-all').click();
  await expect(page.getByTestId('catalogue-row')).toHaveCount(6);

  // A search saved by name: Nghị quyết, newest first.
  await page.getByTestId('filters-toggle').click();
  await pick(page, 'filter-docType', /Nghị quyết/);
  await table.locator('[role=columnheader][data-col=date] button').click();
  await table.locator('[role=columnheader][data-col=date] button').click();
  await expect.poll(() => codes(page)).toEqual(['21-NQ/TU', '05-NQ/TU']);
  await page.getByTestId('saved-searches').click();
  await page.getByTestId('save-search').click();
  const prompt = page.getByTestId('save-search-dialog');
  await prompt.getByRole('textbox').fill('Nghị quyết Tỉnh ủy, mới trước');
  await prompt.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByTestId('status-notice')).toHaveText('Đã lưu tìm kiếm “Nghị quyết Tỉnh ủy, mới trước”');

  // After a reload the catalogue view is remembered; the saved search brings the view back.
  await page.reload();
  await expect(page.getByTestId('catalogue-table')).toBeVisible();
  await expect(page.getByTestId('catalogue-row')).toHaveCount(6);
  await page.getByTestId('saved-searches').click();
  await page.getByTestId('saved-search').filter({ hasText: 'Nghị quyết Tỉnh ủy, mới trước' }).click();
  await expect.poll(() => codes(page)).toEqual(['21-NQ/TU', '05-NQ/TU']);
  await expect(page.getByTestId('filter-chips')).toContainText('Tên loại: Nghị quyết');
  await shot(page, '08-saved-search-applied');

  // The view exported as CSV: UTF-8 with a BOM, Vietnamese intact, in the view's order.
  await page.getByTestId('export-menu').click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-csv').click({ timeout: 20_000 });
  const download = await downloading;
  const csvPath = path.join(dir, 'muc-luc.csv');
  await download.saveAs(csvPath);
  const bytes = readFileSync(csvPath);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString('utf8');
  expect(csv).toContain('Số, ký hiệu');
  expect(csv).toContain('Ban Thường vụ Tỉnh ủy');
  expect(csv.indexOf('21-NQ/TU')).toBeGreaterThan(0);
  expect(csv.indexOf('21-NQ/TU')).toBeLessThan(csv.indexOf('05-NQ/TU'));
  expect(csv).not.toContain('12-BC/TU');

  // A saved search can be deleted.
  await page.getByTestId('saved-searches').click();
  await page.getByTestId('saved-search-delete').click();
  await expect(page.getByTestId('status-notice')).toHaveText('Đã xóa tìm kiếm “Nghị quyết Tỉnh ủy, mới trước”');
  await expect(page.getByTestId('saved-searches')).toHaveText(/Tìm đã lưu \(0\)/);
  await page.keyboard.press('Escape');

  // The grid shows the same filtered view.
  await page.getByTestId('view-grid').click();
  await expect(page.getByTestId('doc-card')).toHaveCount(2);
  await expect(page.locator('[data-testid=doc-card] .doc-code')).toHaveText(['21-NQ/TU', '05-NQ/TU']);
  await shot(page, '09-grid-filtered');
  await page.getByTestId('filter-chips').getByRole('button', { name: 'Xóa bộ lọc' }).click();
  await expect(page.getByTestId('doc-card')).toHaveCount(6);

  // A scan without text found by its title: no "trang 1 · … trang khớp", the description matched.
  await search.fill('bien ban');
  const hit = page.getByTestId('search-hit');
  await expect(hit).toHaveCount(1);
  await shot(page, '10-metadata-only-hit');
  // (Needs the catalogue's rows to carry the search's `metadataOnly`.)
  await expect(hit.locator('.hit-page')).toHaveText('khớp ở phần mô tả');

  expect(errors).toEqual([]);
});

test('the table windows hundreds of documents: few rows in the DOM, keys and Ctrl+A reach them all, columns remembered', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Kho lớn');
  await page.getByRole('button', { name: 'Tạo dự án', exact: true }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();
  // 450 text documents (more than four windows of rows), imported from the host's disk through the API.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-catalogue-many-'));
  const paths: string[] = [];
  for (let i = 1; i <= 450; i++) {
    const p = path.join(dir, `Văn bản ${String(i).padStart(3, '0')}.txt`);
    writeFileSync(p, `Báo cáo số ${i}\nTình hình công tác tháng ${(i % 12) + 1}.`);
    paths.push(p);
  }
  await call(page, 'archive', 'importPaths', { paths });
  await page.reload();
  await expect(page.getByTestId('doc-total')).toContainText('450 tài liệu');
  await page.getByTestId('view-catalogue').click();
  const table = page.getByTestId('catalogue-table');
  const rows = page.getByTestId('catalogue-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThan(80);

  // Keys: the first row, End to the last (imported first: number 1), Home back, PageDown a screen on.
  await rows.first().click();
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  const last = table.locator('[data-testid=catalogue-row][data-doc-id="1"]');
  await page.keyboard.press('End');
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(table.locator('[data-testid=catalogue-row][data-doc-id="450"]')).toHaveCount(0);
  expect(await rows.count()).toBeLessThan(80);
  await page.keyboard.press('Home');
  await expect(table.locator('[data-testid=catalogue-row][data-doc-id="450"]')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('PageDown');
  const afterPage = await table.locator('[data-testid=catalogue-row][aria-selected=true]').getAttribute('data-doc-id');
  expect(Number(afterPage)).toBeLessThan(440);
  // Shift+End: a range over rows never fetched; Ctrl+A: the whole view.
  await page.keyboard.press('Shift+End');
  await expect(page.getByTestId('doc-total')).toContainText(`Đã chọn ${Number(afterPage)}`);
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('doc-total')).toContainText('Đã chọn 450');
  // Space takes the focused row out; Ctrl+click another.
  await page.keyboard.press('Space');
  await expect(page.getByTestId('doc-total')).toContainText('Đã chọn 449');
  await page.keyboard.press('Home');
  await table.locator('[data-testid=catalogue-row][data-doc-id="448"]').click({ modifiers: ['Control'] });
  await expect(page.getByTestId('doc-total')).toContainText('Đã chọn 2');
  // Enter opens the focused document.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('transcription')).toHaveValue(/Báo cáo số 448/);
  await page.keyboard.press('Escape');
  await expect(table).toBeVisible();

  // Scrolled to the middle, the rows there arrive.
  await table.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(table.locator('[data-testid=catalogue-row][data-doc-id="225"]')).toBeVisible();

  // A column made wider by dragging its edge, another hidden in the menu; both kept after a reload.
  const issuer = table.locator('[role=columnheader][data-col=issuer]');
  const before = (await issuer.boundingBox())!.width;
  const handle = (await page.getByTestId('resize-issuer').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + 80, handle.y + handle.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await issuer.boundingBox())!.width).toBeGreaterThan(before + 60);
  await page.getByTestId('column-menu').click();
  await page.getByTestId('column-menu-panel').getByRole('checkbox', { name: 'Độ mật' }).uncheck();
  await page.keyboard.press('Escape');
  await expect(table.locator('[role=columnheader][data-col=secrecy]')).toHaveCount(0);
  await shot(page, '11-many-rows');
  await page.reload();
  await expect(page.getByTestId('catalogue-table')).toBeVisible();
  await expect(table.locator('[role=columnheader][data-col=secrecy]')).toHaveCount(0);
  await expect.poll(async () => (await issuer.boundingBox())!.width).toBeGreaterThan(before + 60);
  expect(errors).toEqual([]);
});
