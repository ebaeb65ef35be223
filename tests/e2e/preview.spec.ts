/**
 * A long book in the export preview and out of the export buttons (issue 9): the host typesets
 * with its progress shown and a "Dừng" that stops it; the preview reads the written PDF by ranges
 * and draws only the pages near the view — every page has its placeholder, scrolling from the
 * first page to the last never holds more than a dozen drawn canvases, and the last page does
 * get drawn; "Lưu PDF" downloads the very file, read back with pdftotext; "Xuất PDF" can be
 * stopped (nothing is downloaded) and then exports for real. Screenshots of the typesetting
 * progress and of the preview go to $SUQUAN_SCREENSHOTS when set.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from './app';
import { call, screenshots } from './helpers';

let app: RunningApp;
// A fresh host for each test: the host keeps the last project open.
test.beforeEach(async () => {
  app = await startApp();
});
test.afterEach(async () => {
  await app?.stop();
});

const shot = screenshots('preview-');
const work = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-preview-'));

const BOOK = 'Lịch sử Đảng bộ huyện Phong Thổ (1945–2025)';
const CHAPTER = 'Những năm tháng kháng chiến';
const FIRST_SENTENCE = 'Mùa thu năm 1945, tin Tổng khởi nghĩa thắng lợi về đến các bản vùng cao.';
/** Words to make long paragraphs of (a book of 150 pages and more). */
const WORDS = 'Đảng bộ huyện lãnh đạo nhân dân các dân tộc xây dựng phong trào cách mạng kháng chiến kiến quốc sản xuất nông nghiệp hợp tác xã chi bộ cơ sở đoàn kết thi đua bản làng'.split(' ');

function paragraph(i: number): string {
  const words = Array.from({ length: 110 }, (_, k) => WORDS[(i * 7 + k * 13 + ((i * k) % 5)) % WORDS.length]!);
  const text = words.join(' ');
  return `${text[0]!.toLocaleUpperCase('vi')}${text.slice(1)}.`;
}

/** A project with a history book of one long chapter, made through the API the page uses. */
async function longBook(page: Page, paragraphs: number): Promise<void> {
  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Lịch sử Đảng bộ huyện Phong Thổ');
  await page.getByRole('button', { name: 'Tạo dự án', exact: true }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();
  const book = (await call(page, 'manuscript', 'createBook', { kind: 'history', title: BOOK })) as { id: number };
  const chapter = (await call(page, 'manuscript', 'addChapter', { bookId: book.id, title: CHAPTER })) as { id: number; version: number };
  const content = [FIRST_SENTENCE, ...Array.from({ length: paragraphs }, (_, i) => paragraph(i))].map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }));
  await call(page, 'manuscript', 'saveChapter', { id: chapter.id, baseVersion: chapter.version, doc: { type: 'doc', content } });
  await page.getByTestId('nav-books').click();
  await expect(page.getByTestId('chapter-item')).toHaveCount(1);
}

/** Canvases holding pixels in the preview now. */
const drawnCanvases = (preview: Locator) => preview.locator('canvas').evaluateAll((cs) => cs.filter((c) => (c as HTMLCanvasElement).width > 0).length);

/** Are all the pages showing in the scroller drawn? */
const visibleDrawn = (scroller: Locator) =>
  scroller.evaluate((el) => {
    const view = el.getBoundingClientRect();
    const showing = [...el.querySelectorAll<HTMLElement>('[data-testid=preview-frame]')].filter((f) => {
      const r = f.getBoundingClientRect();
      return r.bottom > view.top && r.top < view.bottom;
    });
    return showing.length > 0 && showing.every((f) => f.dataset.rendered === 'true');
  });

/** Dark pixels on a drawn page: it is text, not a blank sheet. */
const ink = (frame: Locator) =>
  frame.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! < 100) dark++;
    return dark;
  });

const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });

test('a long book previews page by page: placeholders for all, a dozen canvases at most, the last page drawn, the PDF saved', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await longBook(page, 640);

  // Typesetting is shown as it goes, with "Dừng"; the first preview is stopped.
  await page.getByTestId('preview-book').click();
  const preview = page.getByTestId('preview-dialog');
  const progress = preview.getByTestId('preview-progress');
  await expect(progress.getByRole('progressbar')).toBeVisible();
  // "Dừng" at once, while the host is still reading the book: the typesetter holds the service
  // process while it runs, and a stop that arrives then is only seen when it has finished.
  await progress.getByRole('button', { name: 'Dừng' }).click();
  await shot(page, '01-typesetting-stopping');
  await expect(preview.getByTestId('preview-status')).toHaveText('Đã dừng dàn trang.', { timeout: 60_000 });
  await expect(progress).toHaveCount(0);
  await expect(preview.getByTestId('preview-frame')).toHaveCount(0);
  await expect(preview.getByTestId('preview-save')).toBeDisabled();
  await preview.getByRole('button', { name: 'Đóng' }).click();

  // Again, to the end: every page has its place at once.
  await page.getByTestId('preview-book').click();
  await shot(page, '01-typesetting');
  await expect(preview.getByTestId('preview-status')).toHaveText(/^\d+ trang$/, { timeout: 90_000 });
  const pages = Number((await preview.getByTestId('preview-status').innerText()).match(/\d+/)![0]);
  expect(pages).toBeGreaterThanOrEqual(150);
  const frames = preview.getByTestId('preview-frame');
  await expect(frames).toHaveCount(pages);
  const scroller = preview.getByTestId('preview-pages');
  await expect.poll(() => visibleDrawn(scroller)).toBe(true);
  await shot(page, '02-first-pages');

  // The most canvases ever holding pixels at once, watched on every frame while scrolling.
  await page.evaluate(() => {
    const w = window as unknown as { maxCanvases: number };
    w.maxCanvases = 0;
    const count = () => {
      const n = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid=preview-dialog] canvas')].filter((c) => c.width > 0).length;
      w.maxCanvases = Math.max(w.maxCanvases, n);
      requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
  });

  // Scroll to the end with the wheel, a screen at a time, looking at each screen.
  await scroller.hover();
  const height = await scroller.evaluate((el) => el.clientHeight);
  let atEnd = false;
  for (let step = 0; !atEnd && step < 500; step++) {
    await page.mouse.wheel(0, Math.round(height * 0.9));
    await expect.poll(() => visibleDrawn(scroller)).toBe(true);
    expect(await drawnCanvases(preview)).toBeLessThanOrEqual(12);
    atEnd = await scroller.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2);
    if (step === 40) await shot(page, '03-middle');
  }
  expect(atEnd).toBe(true);
  const last = frames.nth(pages - 1);
  await expect(last).toHaveAttribute('data-rendered', 'true');
  expect(await last.locator('canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(0);
  await shot(page, '04-last-pages');
  expect(await page.evaluate(() => (window as unknown as { maxCanvases: number }).maxCanvases)).toBeLessThanOrEqual(12);
  // The first pages gave their canvases back.
  await expect(frames.first().locator('canvas')).toHaveCount(0);
  await expect(frames.first()).not.toHaveAttribute('data-rendered', 'true');

  // Back to a page in the middle: drawn again, with text on it.
  const middle = frames.nth(Math.floor(pages / 2));
  await middle.scrollIntoViewIfNeeded();
  await expect(middle).toHaveAttribute('data-rendered', 'true');
  expect(await ink(middle)).toBeGreaterThan(100);
  expect(await page.evaluate(() => (window as unknown as { maxCanvases: number }).maxCanvases)).toBeLessThanOrEqual(12);

  // "Lưu PDF" downloads the file the preview shows.
  const download = page.waitForEvent('download');
  await preview.getByTestId('preview-save').click();
  const dl = await download;
  expect(dl.suggestedFilename()).toMatch(/\.pdf$/);
  const file = path.join(work, 'xem-truoc.pdf');
  await dl.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdfText(file);
  expect(text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim()).length).toBe(pages);
  expect(text.replace(/\s+/g, ' ')).toContain(FIRST_SENTENCE);
  expect(text.toLocaleUpperCase('vi')).toContain(CHAPTER.toLocaleUpperCase('vi'));
  await preview.getByRole('button', { name: 'Đóng' }).click();
  await expect(preview).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('"Xuất PDF" shows its progress and can be stopped with nothing downloaded, then exports the book', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await longBook(page, 640);
  let downloads = 0;
  page.on('download', () => downloads++);

  await page.getByRole('button', { name: 'Xuất PDF', exact: true }).click();
  const progress = page.getByTestId('export-progress');
  await expect(progress).toContainText('Đang xuất PDF');
  await progress.getByRole('button', { name: 'Dừng' }).click();
  await shot(page, '05-export-stopping');
  await expect(page.getByTestId('status-notice')).toContainText('Đã dừng, không tệp nào được ghi.', { timeout: 60_000 });
  await expect(progress).toHaveCount(0);
  expect(downloads).toBe(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất PDF', exact: true }).click();
  const dl = await download;
  const file = path.join(work, 'xuat.pdf');
  await dl.saveAs(file);
  await expect(page.getByTestId('status-notice')).toContainText('Đã xuất');
  await expect(progress).toHaveCount(0);
  expect(pdfText(file).replace(/\s+/g, ' ')).toContain(FIRST_SENTENCE);
  expect(downloads).toBe(1);
  expect(errors).toEqual([]);
});
