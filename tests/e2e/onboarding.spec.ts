/**
 * First run and empty screens, in the real UI: the welcome screen tells where projects are kept
 * (the host's real default folder), that nothing leaves the computer and how backups work, each
 * with a link to its guide section, and offers the sample project and the guide; a recent project
 * deep in folders shows its name and a parent path shortened in the middle. Then in a new, empty
 * project every empty screen says what to do next and its action works: the archive's import
 * opens the file chooser and imports, a search with no hits clears its words (in the grid and the
 * catalogue), a filter that keeps nothing clears the filters, the name registry
 * leads to the manuscripts, the books screen creates a book, a book without chapters leads to
 * naming the first one, an empty chapter shows its placeholder line, and "Cần sưu tầm" says why
 * it is empty. Screenshots ($SUQUAN_SCREENSHOTS) of the welcome screen and empty screens.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from './app';
import { screenshots } from './helpers';

let app: RunningApp;
test.beforeEach(async () => {
  app = await startApp();
});
test.afterEach(async () => {
  await app?.stop();
});

const shot = screenshots('onboarding-');

/** The guide sections asked for through openHelp (renderer/help/helpEvents.ts), whatever shows them. */
async function recordHelpRequests(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { helpRequests: unknown[] };
    w.helpRequests = [];
    window.addEventListener('suquan:help', (e) => w.helpRequests.push((e as CustomEvent).detail));
  });
}
const helpRequests = (page: Page) => page.evaluate(() => (window as unknown as { helpRequests: { kind: string; section?: string }[] }).helpRequests);

test('the welcome screen says where data lives, offers the sample and the guide, and shortens recent paths', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.loginUrl);

  // First run (no project yet): the notes are open, with the host's real projects folder.
  const notes = page.getByTestId('first-run-notes');
  await expect(notes).toHaveAttribute('open', '');
  await expect(notes.getByTestId('note-where')).toContainText(path.resolve(app.projectsDir));
  await expect(notes.getByTestId('note-local')).toContainText('không cần tài khoản, không cần mạng');
  await expect(notes.getByTestId('note-backup')).toContainText('30 phút một lần');
  await expect(notes.getByTestId('note-backup')).toContainText('backups/');
  await expect(notes.getByTestId('note-backup')).toContainText('giữ 10 bản gần nhất và mỗi ngày một bản trong 30 ngày');
  await expect(page.getByTestId('open-sample')).toBeEnabled();
  await expect(page.getByTestId('open-sample')).toHaveText('Mở dự án mẫu');
  await shot(page, 'welcome');

  // The "Hướng dẫn" link and each note's link open the guide, at a section the guide has.
  await recordHelpRequests(page);
  const guide = page.getByTestId('help-view');
  const links = [page.getByTestId('welcome-guide'), ...['note-where', 'note-local', 'note-backup'].map((id) => notes.getByTestId(id).getByRole('button', { name: 'Xem hướng dẫn' }))];
  for (const link of links) {
    await link.click();
    await expect(guide).toBeVisible();
    await page.getByTestId('help-close').click();
    await expect(guide).toBeHidden();
  }
  const asked = await helpRequests(page);
  expect(asked.map((r) => `${r.kind}:${r.section ?? ''}`)).toEqual(['guide:', 'guide:noi-cat-du-an', 'guide:tren-may-nay', 'guide:sao-luu']);
  const guideIds = [...readFileSync(path.join(import.meta.dirname, '../../resources/guide/huong-dan.md'), 'utf8').matchAll(/\{#([a-z0-9-]+)\}/g)].map((m) => m[1]);
  for (const r of asked) if (r.section) expect(guideIds).toContain(r.section);

  // A project deep in folders, typed by hand; closed, it is a recent project.
  const deep = path.join(app.projectsDir, 'Tỉnh Lai Châu', 'Huyện Tam Đường', 'Phông Đảng bộ huyện Tam Đường', 'Mục lục số 1', 'Đảng bộ huyện Tam Đường (1949–2025).suquan');
  await page.getByLabel('Tên dự án').fill('Đảng bộ huyện Tam Đường (1949–2025)');
  await page.locator('input[name=folder]').fill(deep);
  await page.getByRole('button', { name: 'Tạo dự án', exact: true }).click();
  await expect(page.getByTestId('archive-empty')).toBeVisible();
  await page.getByRole('button', { name: 'Đóng dự án' }).click();

  const recent = page.locator('.recent-item').first();
  await expect(recent.locator('.recent-name')).toHaveText('Đảng bộ huyện Tam Đường (1949–2025)');
  await expect(recent).toHaveAttribute('title', deep);
  const shown = (await recent.locator('.recent-path').innerText()).trim();
  expect(shown).toContain('…');
  expect(shown.length).toBeLessThanOrEqual(48);
  expect(shown.endsWith(`${path.sep}Mục lục số 1`)).toBe(true);
  // One line each: the name and the path never wrap in the middle.
  for (const part of ['.recent-name', '.recent-path']) {
    const box = await recent.locator(part).evaluate((el) => ({ h: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight) || 20 }));
    expect(box.h).toBeLessThan(box.line * 1.6);
  }
  // Someone with a project sees the notes folded, one click away.
  await expect(notes).not.toHaveAttribute('open', '');
  await notes.locator('summary').click();
  await expect(notes.getByTestId('note-where')).toBeVisible();
  await shot(page, 'welcome-recent');
  expect(errors).toEqual([]);
});

test('every empty screen says what to do next, and its action works', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-onboarding-'));
  const file = path.join(dir, 'Báo cáo tình hình năm 1948.txt');
  writeFileSync(file, ['CHI BỘ HÒA LAM', 'BÁO CÁO', 'Tình hình bình dân học vụ và tăng gia sản xuất trong xã.'].join('\n'));

  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Dự án trống');
  await page.getByRole('button', { name: 'Tạo dự án', exact: true }).click();

  // The archive: one line, the import as buttons, the guide.
  const archiveEmpty = page.getByTestId('archive-empty');
  await expect(archiveEmpty).toContainText('Kho tư liệu còn trống');
  await expect(archiveEmpty).toContainText('chọn tệp, chọn cả thư mục, hoặc kéo thả vào đây');
  await expect(archiveEmpty.getByTestId('empty-import-folder')).toBeEnabled();
  await shot(page, 'archive-empty');
  // Its import opens the file chooser, and what is chosen is imported.
  const chooser = page.waitForEvent('filechooser');
  await archiveEmpty.getByTestId('empty-import-files').click();
  await (await chooser).setFiles(file);
  await expect(page.getByTestId('import-summary')).toHaveText('1 đã nhập · 0 đã có · 0 bị từ chối');
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  await expect(page.getByTestId('doc-card')).toHaveCount(1);

  // A search with no hits says so and offers to clear the words; clearing shows the archive again.
  await page.getByRole('searchbox').first().fill('khongcotutrongkho');
  const none = page.getByTestId('no-matches');
  await expect(none).toContainText('Không có tài liệu nào chứa “khongcotutrongkho”.');
  await expect(page.getByTestId('search-summary')).toBeHidden();
  await shot(page, 'search-no-hits');
  // The catalogue table says the same where its rows would be.
  await page.getByRole('button', { name: 'Mục lục', exact: true }).click();
  await expect(page.locator('.cat-empty').getByTestId('no-matches')).toContainText('Không có tài liệu nào chứa “khongcotutrongkho”.');
  await page.getByRole('button', { name: 'Lưới', exact: true }).click();
  await none.getByTestId('clear-words').click();
  await expect(page.getByRole('searchbox').first()).toHaveValue('');
  await expect(page.getByTestId('doc-card')).toHaveCount(1);
  await expect(none).toBeHidden();

  // A filter that keeps nothing (no document is secret): the grid says so and clears the filter.
  await page.getByTestId('filters-toggle').click();
  await page.getByTestId('filter-secrecy').click();
  await page.getByTestId('filter-secrecy-panel').getByRole('checkbox', { name: 'Mật', exact: true }).check();
  await page.keyboard.press('Escape');
  await expect(none).toContainText('Không có tài liệu nào khớp các bộ lọc đang chọn.');
  await expect(none.getByTestId('clear-words')).toHaveCount(0);
  await none.getByTestId('empty-clear-filters').click();
  await expect(page.getByTestId('doc-card')).toHaveCount(1);
  await expect(none).toBeHidden();

  // Cần sưu tầm with nothing to collect: why that is good, and what fills it.
  await page.getByTestId('nav-toCollect').click();
  const toCollect = page.getByTestId('to-collect-empty');
  await expect(toCollect).toContainText('Kho đã đủ');
  await expect(toCollect).toContainText('Danh sách tự lập khi');
  await shot(page, 'to-collect-empty');

  // The name registry: how names get there, and the way to the manuscripts.
  await page.getByTestId('nav-names').click();
  const namesEmpty = page.getByTestId('names-empty');
  await expect(namesEmpty).toContainText('tên vào danh mục khi bạn đánh dấu một tên trong chương');
  await shot(page, 'names-empty');
  await page.getByRole('searchbox').fill('Lê Văn');
  await expect(page.getByTestId('names-no-match')).toContainText('Không có tên nào khớp “Lê Văn”.');
  await page.getByTestId('names-clear-search').click();
  await expect(page.getByRole('searchbox')).toHaveValue('');
  await namesEmpty.getByTestId('names-open-books').click();

  // The books screen with no book: create one (the sample is offered too, not opened here).
  await expect(page.getByTestId('books-empty-line')).toHaveText('Tạo cuốn sách đầu tiên: đặt tên và chọn loại sách bên dưới.');
  await expect(page.getByTestId('books-open-sample')).toBeVisible();
  await shot(page, 'books-empty');
  await page.getByLabel('Tên sách').fill('Lịch sử Đảng bộ xã Hòa Lam');
  await page.getByRole('button', { name: 'Tạo sách', exact: true }).click();

  // A book with no chapter: the action leads to naming the first one.
  const bookEmpty = page.getByTestId('book-empty');
  await expect(bookEmpty).toContainText('Sách chưa có chương nào');
  await shot(page, 'book-no-chapters');
  await bookEmpty.getByTestId('empty-first-chapter').click();
  await expect(page.getByLabel('Tên chương', { exact: true })).toBeFocused();
  await page.keyboard.type('Vùng đất và con người Hòa Lam');
  await page.keyboard.press('Enter');

  // The empty chapter's placeholder line, gone with the first word typed (and never saved).
  const editor = page.getByTestId('chapter-editor');
  const hint = editor.locator('p.empty-chapter-hint');
  await expect(hint).toHaveAttribute('data-hint', /Bắt đầu viết chương ở đây/);
  await shot(page, 'chapter-empty');
  await editor.click();
  await page.keyboard.type('Xã Hòa Lam nằm bên bờ sông.');
  await expect(hint).toHaveCount(0);
  await expect(editor).toHaveText('Xã Hòa Lam nằm bên bờ sông.');
  expect(errors).toEqual([]);
});
