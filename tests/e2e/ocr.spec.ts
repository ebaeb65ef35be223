/**
 * OCR on the user's path, in the real UI (browser mode, real host, the shipped Vietnamese model):
 * scans imported with "Nhận dạng chữ khi nhập" are read in the background (the status bar shows
 * how far, then says it is done); a search for words that exist only on a scan finds it and the
 * hit is highlighted on the image; the header of the scanned resolution is offered as metadata;
 * doubtful words are marked in the transcription and on the scan; a word clicked on the scan is
 * selected in the transcription and corrected by typing, which makes the page typed and survives
 * a reload.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeScan } from '../fixtures/scans';
import { startApp, type RunningApp } from './app';
import { call, screenshots } from './helpers';

let app: RunningApp;
test.beforeEach(async () => {
  app = await startApp();
});
test.afterEach(async () => {
  await app?.stop();
});
const shot = screenshots('ocr-');

const RESOLUTION = [
  'TỈNH ỦY LAI CHÂU                ĐẢNG LAO ĐỘNG VIỆT NAM',
  'Số 05-NQ/TU                Lai Châu, ngày 3 tháng 2 năm 1961',
  '',
  'NGHỊ QUYẾT',
  'về công tác xây dựng Đảng ở vùng cao',
  '',
  'Hội nghị Ban Chấp hành Đảng bộ tỉnh họp tại huyện Phong Thổ đã thảo luận nhiệm vụ khai hoang, làm thủy lợi nhỏ và mở lớp bình dân học vụ cho đồng bào các dân tộc. Các chi bộ phải gương mẫu, gắn bó với quần chúng.',
].join('\n');
const MINUTES = 'BIÊN BẢN\nHội nghị chi bộ bản Mường So\nĐồng chí Lò Văn Pọm báo cáo tình hình sản xuất vụ chiêm; các đảng viên góp ý kiến về việc giữ gìn trật tự trị an.';

test('scans imported with OCR become searchable, highlighted on the image, and correctable', async ({ page }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-ocr-e2e-'));
  const files: [string, Buffer][] = [
    ['Nghị quyết 05.jpg', await makeScan(RESOLUTION, { rotate: 1.2, yellowed: true, seed: 7, dpi: 200, format: 'jpeg' })],
    ['Biên bản rônêô.png', await makeScan(MINUTES, { stencil: true, yellowed: true, blur: 1.2, seed: 8, dpi: 200, font: 'typewriter' })],
  ];
  const paths = files.map(([name, bytes]) => {
    const p = path.join(dir, name);
    writeFileSync(p, bytes);
    return p;
  });

  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Kho quét có nhận dạng chữ');
  await page.getByRole('button', { name: 'Tạo dự án', exact: true }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();

  await page.getByTestId('ocr-at-import').check();
  await page.getByTestId('import-input').setInputFiles(paths);
  await expect(page.getByTestId('import-summary')).toHaveText('2 đã nhập · 0 đã có · 0 bị từ chối');
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  // Recognition runs in the background, shown in the status bar, and says when it is done.
  await expect(page.getByTestId('status-notice')).toHaveText('Đã nhận dạng chữ 2 trang.', { timeout: 180_000 });
  expect(await call(page, 'ocr', 'coverage', {})).toMatchObject({ imagePages: 2, unrecognised: 0, ocr: 2 });

  // Words found only on a scan.
  await page.getByTestId('archive-search').fill('Phong Thổ');
  const hit = page.getByTestId('search-hit');
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText('Nghị quyết 05');
  await expect(hit.locator('mark').first()).toHaveText('Phong');
  await hit.dblclick();
  await expect(page.getByTestId('scan')).toBeVisible();
  const hits = page.locator('.scan-word.hit');
  await expect(hits).toHaveCount(2);
  expect(await hits.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(['Phong', 'Thổ']);
  // The highlight lies over the picture of the words: inside the image, below the title.
  await shot(page, '01-search-hit-on-scan');
  const img = (await page.getByTestId('scan').boundingBox())!;
  const box = (await hits.first().boundingBox())!;
  const title = (await page.locator('.scan-word[aria-label="QUYẾT"]').boundingBox())!;
  expect(box.x).toBeGreaterThan(img.x);
  expect(box.y).toBeGreaterThan(title.y + title.height);
  expect(box.x + box.width).toBeLessThan(img.x + img.width);
  await expect(page.getByTestId('transcription')).toHaveValue(/huyện Phong Thổ/);

  // The caret in the transcription shows its word on the scan.
  await page.getByTestId('transcription').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.scan-word.active')).toHaveAttribute('aria-label', 'TỈNH');

  // A word clicked on the scan is selected in the transcription, and corrected by typing.
  const word = page.locator('.scan-word[aria-label="khai"]');
  await word.click();
  await expect(word).toHaveClass(/active/);
  const selected = await page.getByTestId('transcription').evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toBe('khai');
  await page.keyboard.type('KHAI');
  await expect(page.getByTestId('transcription-state')).toHaveText('Đã lưu');
  await expect(page.locator('.transcription-head')).toContainText('Do người dùng nhập');
  await page.getByRole('button', { name: 'Quay lại kho' }).click();

  // The header was read: the number, type, issuer and date wait for confirmation.
  await page.getByTestId('archive-search').fill('');
  const resolutionCard = page.locator('[data-testid=doc-card]', { hasText: 'Nghị quyết 05' });
  await resolutionCard.click();
  const suggestions = page.getByTestId('suggestions');
  await expect(suggestions.locator('[data-field=code]')).toContainText('05-NQ/TU');
  await expect(suggestions.locator('[data-field=docType]')).toContainText('Nghị quyết');
  await expect(suggestions.locator('[data-field=issuer]')).toContainText('TỈNH ỦY LAI CHÂU');
  await shot(page, '02-suggestions-from-scan');

  // The stencilled minutes: words the machine was unsure of are marked, here and on the scan.
  await page.locator('[data-testid=doc-card]', { hasText: 'Biên bản rônêô' }).dblclick();
  await expect(page.getByTestId('scan')).toBeVisible();
  const minutesPage = (await call(page, 'archive', 'getDocument', { id: Number(await page.locator('.viewer-title .eyebrow').innerText().then((s) => s.replace(/\D/g, ''))) })) as { pages: { id: number }[] };
  const ocr = (await call(page, 'ocr', 'page', { pageId: minutesPage.pages[0]!.id })) as { words: { confidence: number }[] };
  const doubtful = ocr.words.filter((w) => w.confidence < 75).length;
  expect(doubtful).toBeGreaterThan(0);
  await expect(page.locator('.scan-word.doubtful')).toHaveCount(doubtful);
  await expect(page.getByTestId('doubtful-word').first()).toBeVisible();
  await shot(page, '03-doubtful-words');
  // Turned off, the marks go.
  await page.getByRole('button', { name: 'Đánh dấu chữ máy đọc kém chắc chắn' }).click();
  await expect(page.getByTestId('doubtful-word')).toHaveCount(0);
  await expect(page.locator('.scan-word.doubtful')).toHaveCount(0);

  // Reading a page again keeps the earlier machine reading, which can be put back.
  const minutesPageId = minutesPage.pages[0]!.id;
  const before = (await call(page, 'archive', 'getPageText', { pageId: minutesPageId })) as { textVersion: number };
  await call(page, 'archive', 'setPageText', { pageId: minutesPageId, text: 'Bản máy đọc hôm trước.', source: 'ocr', baseVersion: before.textVersion });
  await page.getByTestId('recognize-document').click();
  await expect(page.getByTestId('status-notice')).toHaveText('Đã nhận dạng chữ 1 trang.', { timeout: 60_000 });
  await expect(page.getByTestId('transcription')).toHaveValue(/Mường So|tưởng So|Pọm/);
  await page.getByTestId('earlier-readings').click();
  await expect(page.getByRole('dialog')).toContainText('Bản máy đọc hôm trước.');
  await shot(page, '04-earlier-readings');
  await page.getByRole('button', { name: 'Dùng bản này' }).click();
  await expect(page.getByTestId('transcription')).toHaveValue('Bản máy đọc hôm trước.');
  await expect(page.getByTestId('transcription-state')).toHaveText('Đã lưu');

  // After a reload the correction is there, typed; search finds it.
  await page.reload();
  await page.getByTestId('archive-search').fill('KHAI hoang');
  await expect(page.getByTestId('search-hit')).toHaveCount(1);
  await page.getByTestId('search-hit').dblclick();
  await expect(page.getByTestId('transcription')).toHaveValue(/nhiệm vụ KHAI hoang/);
  await expect(page.locator('.transcription-head')).toContainText('Do người dùng nhập');

  // The document as a searchable PDF: the scan with its (corrected) text, read back by pdftotext.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất PDF tìm kiếm được (ảnh quét kèm chữ) để gửi người thẩm định' }).click();
  const pdfPath = path.join(dir, 'nghi-quyet.pdf');
  await (await download).saveAs(pdfPath);
  const pdfText = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).normalize('NFC');
  expect(pdfText).toContain('Phong Thổ');
  expect(pdfText).toContain('KHAI hoang');

  // Quick open (Ctrl+K) finds a document by the words of its page text.
  await page.getByRole('button', { name: 'Quay lại kho' }).click();
  await page.keyboard.press('Control+k');
  await page.getByTestId('quick-open').getByRole('textbox').fill('may doc hom truoc');
  const item = page.getByTestId('quick-open-item').filter({ hasText: 'Biên bản rônêô' });
  await expect(item).toContainText('Trong văn bản');
  await item.click();
  await expect(page.locator('.viewer-title')).toContainText('Biên bản rônêô');
});

