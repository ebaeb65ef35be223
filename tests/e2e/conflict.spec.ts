/**
 * Never lose work (issue 10): two browser tabs edit the same chapter. The tab that saves second
 * is told, in the editor, that the chapter was saved elsewhere; nothing is overwritten; its text
 * is kept as a revision; it can compare the two and keep its own, and the other text is kept too.
 */
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
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

const shot = screenshots('conflict-');

test('two tabs on one chapter cannot overwrite each other; the second text survives as a revision', async ({ page: tabA, context }) => {
  const errors: string[] = [];
  tabA.on('pageerror', (e) => errors.push(e.message));
  await tabA.goto(app.loginUrl);
  await tabA.getByLabel('Tên dự án').fill('Lịch sử Đảng bộ xã Bình Lư');
  await tabA.getByRole('button', { name: 'Tạo dự án' }).click();
  await expect(tabA.getByText('Kho tư liệu còn trống')).toBeVisible();
  const book = (await call(tabA, 'manuscript', 'createBook', { kind: 'history', title: 'Lịch sử Đảng bộ xã Bình Lư' })) as { id: number };
  await call(tabA, 'manuscript', 'addChapter', { bookId: book.id, title: 'Vùng đất, con người' });

  const openChapter = async (tab: typeof tabA) => {
    await tab.getByTestId('nav-books').click();
    await tab.getByTestId('chapter-item').first().click();
    await expect(tab.getByTestId('chapter-editor')).toBeVisible();
  };
  await openChapter(tabA);
  const tabB = await context.newPage();
  tabB.on('pageerror', (e) => errors.push(e.message));
  await tabB.goto(new URL('/', app.loginUrl).toString());
  await openChapter(tabB);

  // Tab A writes and saves.
  await tabA.getByTestId('chapter-editor').click();
  await tabA.keyboard.type('Xã Bình Lư nằm ở phía bắc huyện Tam Đường.');
  await expect(tabA.getByTestId('save-state')).toHaveText(/Đã lưu/);

  // Tab B, still on the text it opened, writes too: its save is refused, not applied.
  await tabB.getByTestId('chapter-editor').click();
  await tabB.keyboard.type('Bình Lư là xã vùng cao, có sáu dân tộc cùng sinh sống.');
  const banner = tabB.getByTestId('save-conflict');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Chương đã được sửa ở nơi khác');
  await expect(tabB.getByTestId('chapter-editor')).toHaveAttribute('contenteditable', 'false');
  const stored = (await call(tabB, 'manuscript', 'getChapter', { id: 1 })) as { doc: unknown };
  expect(JSON.stringify(stored.doc)).toContain('phía bắc huyện Tam Đường');
  expect(JSON.stringify(stored.doc)).not.toContain('sáu dân tộc');
  const revisions = (await call(tabB, 'manuscript', 'listRevisions', { nodeId: 1 })) as { id: number; reason: string }[];
  expect(revisions.filter((r) => r.reason === 'conflict')).toHaveLength(1);
  await shot(tabB, 'banner');

  // Compare the two, then keep tab B's text: tab A's is kept as a revision first.
  await banner.getByRole('button', { name: 'So sánh hai bản' }).click();
  const diff = tabB.getByTestId('revision-diff');
  await expect(diff).toBeVisible();
  await expect(diff.locator('del, ins').first()).toBeVisible();
  await expect(diff).toContainText('sáu dân tộc');
  await expect(diff).toContainText('phía bắc huyện');
  await shot(tabB, 'compare');
  await diff.getByRole('button', { name: 'Đóng' }).click();
  await banner.getByRole('button', { name: 'Giữ bản của tôi' }).click();
  await expect(banner).toBeHidden();
  await expect(tabB.getByTestId('chapter-editor')).toContainText('sáu dân tộc');
  await expect(tabB.getByTestId('chapter-editor')).toHaveAttribute('contenteditable', 'true');

  // After a reload, the chapter holds tab B's text and the history holds tab A's.
  await tabB.reload();
  await openChapter(tabB);
  await expect(tabB.getByTestId('chapter-editor')).toContainText('sáu dân tộc');
  await tabB.getByRole('tab', { name: 'Phiên bản' }).click();
  await expect(tabB.getByTestId('revision-item').filter({ hasText: 'Trước khi khôi phục' })).toHaveCount(1);
  const before = ((await call(tabB, 'manuscript', 'listRevisions', { nodeId: 1 })) as { id: number; reason: string }[]).find((r) => r.reason === 'before-restore')!;
  expect(JSON.stringify(((await call(tabB, 'manuscript', 'getRevision', { id: before.id })) as { doc: unknown }).doc)).toContain('phía bắc huyện Tam Đường');
  expect(errors).toEqual([]);
});

test('a project another process holds says who, and opens read-only with a banner', async ({ page }) => {
  await page.goto(app.loginUrl);
  await call(page, 'project', 'close', {});
  await page.reload();
  await page.getByLabel('Tên dự án').fill('Biên niên sự kiện xã');
  await page.getByRole('button', { name: 'Tạo dự án' }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();
  const book = (await call(page, 'manuscript', 'createBook', { kind: 'history', title: 'Lịch sử' })) as { id: number };
  await call(page, 'manuscript', 'addChapter', { bookId: book.id, title: 'Chương một' });
  const { path: dir } = (await call(page, 'project', 'current', {})) as { path: string };
  await page.getByText('Đóng dự án').click();

  // A colleague's copy of Sử Quán on another machine holds the project (its lock is fresh).
  writeFileSync(
    path.join(dir, 'project.lock'),
    JSON.stringify({ user: 'Nguyễn Văn A', host: 'MAY-BAN-TUYEN-GIAO', pid: 4242, since: new Date().toISOString(), app: 'Sử Quán', token: 'x' }),
  );
  await page.getByLabel('Đường dẫn thư mục dự án').fill(dir);
  await page.getByRole('button', { name: 'Mở', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('đang được mở bởi Nguyễn Văn A trên máy MAY-BAN-TUYEN-GIAO');
  await shot(page, 'held');
  await page.getByTestId('open-read-only').click();
  await expect(page.getByTestId('read-only-banner')).toContainText('chỉ để đọc');
  await page.getByTestId('nav-books').click();
  await page.getByTestId('chapter-item').first().click();
  await expect(page.getByTestId('chapter-editor')).toHaveAttribute('contenteditable', 'false');
  await shot(page, 'read-only');
});
