/**
 * The rest of the manuscript editor in the real UI: a figure from an archived scan, a mention
 * for the index created with "@", a cross-reference that follows a renamed chapter, a comment on
 * a passage resolved in the comments tab, a Markdown draft imported through the button, and the
 * export preview drawn by pdf.js. Everything survives a reload. Screenshots go to
 * $SUQUAN_SCREENSHOTS when set.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { startApp, type RunningApp } from './app';
import { call, documentVersion, pageTextVersion, screenshots, selectionSettled } from './helpers';

let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp();
});
test.afterAll(async () => {
  await app?.stop();
});

const shot = screenshots('manuscript-extras-');

test('figures, mentions, cross-references, comments, draft import and the export preview', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const work = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-msx-'));

  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Lịch sử Đảng bộ xã Bình Lư');
  await page.getByRole('button', { name: 'Tạo dự án' }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();

  // One archived photograph (a scan page) with its metadata.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="600"><rect width="100%" height="100%" fill="#d9cfb8"/><rect x="80" y="120" width="740" height="360" fill="#7a6e58"/><circle cx="450" cy="300" r="110" fill="#efe6d0"/></svg>`;
  const scan = path.join(work, 'anh-tru-so.jpg');
  writeFileSync(scan, await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer());
  await page.getByTestId('import-input').setInputFiles([scan]);
  await expect(page.getByTestId('import-outcome').first()).toContainText('Đã nhập');
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  await call(page, 'archive', 'updateMetadata', { baseVersion: await documentVersion(page, 1), id: 1, patch: { issuer: 'Huyện ủy Tam Đường', location: { repository: 'Kho Lưu trữ Huyện ủy', file: '12' } } });
  await call(page, 'archive', 'updateDocument', { baseVersion: await documentVersion(page, 1), id: 1, title: 'Ảnh trụ sở Đảng ủy xã năm 1960' });
  // The photograph was scanned lying on its side; the archivist turned it upright.
  await call(page, 'archive', 'rotatePages', { pageIds: [1], by: 90 });

  await page.getByTestId('nav-books').click();
  await page.getByLabel('Tên sách').fill('Lịch sử Đảng bộ xã Bình Lư');
  await page.getByRole('button', { name: 'Tạo sách' }).click();
  for (const title of ['Vùng đất, con người', 'Kháng chiến chống Pháp']) {
    await page.getByLabel('Tên chương').fill(title);
    await page.getByRole('button', { name: 'Thêm chương' }).click();
    await expect(page.getByTestId('chapter-item').filter({ hasText: title })).toBeVisible();
  }
  await page.getByTestId('chapter-item').first().click();
  const editor = page.getByTestId('chapter-editor');
  await editor.click();

  // A mention created with "@": a new person in the registry.
  await page.keyboard.type('Ông ');
  await page.keyboard.type('@');
  const names = page.getByTestId('mention-picker');
  await expect(names).toBeVisible();
  await names.getByRole('textbox').fill('Lò Văn Hặc');
  await shot(page, '01-mention-picker');
  await names.getByTestId('mention-create-person').click();
  await expect(editor.locator('span.mention[data-kind="person"]')).toHaveText('Lò Văn Hặc');
  await page.keyboard.type('là bí thư đầu tiên, xem ');

  // The name is corrected in the registry from the picker (the index follows; the text stays as written).
  await page.keyboard.type('@');
  await names.getByRole('textbox').fill('lo van hac');
  await expect(names.getByTestId('mention-result')).toHaveCount(1);
  await expect(names.getByTestId('mention-create-person')).toHaveCount(0);
  await names.getByRole('button', { name: 'Sửa tên trong danh mục' }).click();
  await names.getByRole('textbox', { name: 'Sửa tên trong danh mục' }).fill('Lò Văn Hặc (Ba Hặc)');
  await shot(page, '01b-mention-edit');
  await names.getByRole('textbox', { name: 'Sửa tên trong danh mục' }).press('Enter');
  await expect(names.getByTestId('mention-result')).toContainText('Lò Văn Hặc (Ba Hặc)');
  await names.getByRole('button', { name: 'Hủy' }).click();
  await expect(names).toBeHidden();
  expect(((await call(page, 'manuscript', 'listNames', { query: 'hac' })) as { name: string }[]).map((n) => n.name)).toEqual(['Lò Văn Hặc (Ba Hặc)']);
  await expect(editor.locator('span.mention')).toHaveText('Lò Văn Hặc');
  await editor.press('End');
  await selectionSettled(page);

  // A cross-reference to the second chapter.
  await page.getByTestId('insert-crossref').click();
  const refs = page.getByTestId('crossref-picker');
  await refs.getByRole('textbox').fill('khang chien');
  await expect(refs.getByTestId('crossref-target')).toHaveCount(1);
  await shot(page, '02-crossref-picker');
  await refs.getByTestId('crossref-target').click();
  await expect(editor.locator('a.cross-ref')).toHaveText('Chương II Kháng chiến chống Pháp');
  await page.keyboard.type('.');

  // A figure from the archived scan, with its caption.
  await page.getByTestId('insert-figure').click();
  const figures = page.getByTestId('figure-picker');
  await figures.getByRole('textbox').fill('tru so');
  await figures.getByRole('button', { name: /Ảnh trụ sở/ }).click();
  await figures.getByLabel('Chú thích ảnh').fill('Trụ sở Đảng ủy xã Bình Lư năm 1960');
  await expect(figures.locator('.pick-turn img')).toHaveAttribute('style', /rotate\(90deg\)/);
  await shot(page, '03-figure-picker');
  await figures.getByRole('button', { name: 'Chèn ảnh' }).click();
  const figure = editor.locator('figure[data-figure]');
  await expect(figure.locator('figcaption')).toHaveText('Trụ sở Đảng ủy xã Bình Lư năm 1960');
  await expect.poll(() => figure.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(900);
  // Shown turned as the page is turned in the archive (the export prints it so too).
  await expect(figure.locator('.figure-turn img')).toHaveAttribute('style', /rotate\(90deg\)/);
  await figure.scrollIntoViewIfNeeded();
  await shot(page, '03b-figure-in-editor');

  // A reproduced document (văn kiện): its transcription comes in as editable text under a header
  // that names it; the export takes the header from the archive.
  await call(page, 'archive', 'setPageText', { baseVersion: await pageTextVersion(page, 1), pageId: 1, text: 'Hội nghị Đảng ủy xã đã thảo luận.\n\nGiao cho các chi bộ thực hiện.' });
  await editor.locator('figure[data-figure] figcaption').click();
  await page.keyboard.press('End');
  await page.getByTestId('insert-document').click();
  const documents = page.getByTestId('document-picker');
  await documents.getByRole('textbox').fill('tru so');
  await documents.getByRole('button', { name: /Ảnh trụ sở/ }).click();
  await expect(documents).toContainText('Văn kiện có 1 trang');
  await documents.getByRole('button', { name: 'Chèn văn kiện' }).click();
  const reproduced = editor.locator('section[data-archival-document]');
  await expect(reproduced.locator('.doc-archival-head')).toHaveText('Ảnh trụ sở Đảng ủy xã năm 1960');
  await expect(reproduced.locator('p')).toHaveText(['Hội nghị Đảng ủy xã đã thảo luận.', 'Giao cho các chi bộ thực hiện.']);
  await shot(page, '03c-document-in-editor');

  // A comment on the first sentence.
  await editor.locator('p').first().click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await selectionSettled(page);
  await page.getByTestId('insert-comment').click();
  const panel = page.getByTestId('comments-panel');
  await panel.getByLabel('Người góp ý').fill('Hội đồng thẩm định');
  await panel.getByLabel('Nội dung góp ý').fill('Cần ghi rõ năm ông Hặc làm bí thư.');
  await panel.getByRole('button', { name: 'Thêm góp ý' }).click();
  await expect(panel.getByTestId('comment-item')).toContainText('Cần ghi rõ năm ông Hặc làm bí thư.');
  // The passage is quoted as it reads, the cross-reference included.
  await expect(panel.getByTestId('comment-item')).toContainText('xem Chương II Kháng chiến chống Pháp');
  await expect(editor.locator('span.comment-anchor')).not.toHaveCount(0);
  await shot(page, '04-comments');
  await expect(page.getByTestId('save-state')).toContainText('Đã lưu');

  // Renaming the target chapter changes the reference.
  await page.getByTestId('chapter-item').filter({ hasText: 'Kháng chiến' }).focus();
  await page.keyboard.press('F2');
  const rename = page.locator('input.tree-rename');
  await rename.fill('Kháng chiến chống thực dân Pháp');
  await rename.press('Enter');
  await expect(page.getByTestId('chapter-item').filter({ hasText: 'Kháng chiến chống thực dân Pháp' })).toBeVisible();
  await expect(editor.locator('a.cross-ref')).toHaveText('Chương II Kháng chiến chống thực dân Pháp');
  await page.reload();
  await page.getByTestId('nav-books').click();
  await page.getByTestId('chapter-item').first().click();
  await expect(editor.locator('a.cross-ref')).toHaveText('Chương II Kháng chiến chống thực dân Pháp');
  await expect(editor.locator('span.mention')).toHaveText('Lò Văn Hặc');
  await expect(editor.locator('figure[data-figure] figcaption')).toHaveText('Trụ sở Đảng ủy xã Bình Lư năm 1960');
  await page.getByRole('tab', { name: 'Góp ý' }).click();
  await expect(page.getByTestId('comment-item')).toHaveCount(1);
  await page.getByTestId('comment-item').getByRole('button', { name: 'Đã xử lý' }).click();
  await expect(page.getByTestId('comment-item')).toHaveCount(0);
  await expect(editor.locator('span.comment-anchor[data-resolved]')).not.toHaveCount(0);

  // A Markdown draft with footnotes through the import button, split at top-level headings.
  const md = path.join(work, 'ban-thao.md');
  writeFileSync(md, '# Thời kỳ đổi mới\n\nXã đạt chuẩn nông thôn mới năm 2020.[^1]\n\n[^1]: Báo cáo số 12-BC/ĐU.\n\n# Kết quả\n\nĐời sống nâng lên.\n');
  await page.getByTestId('import-draft').click();
  const dialog = page.getByTestId('import-draft-dialog');
  await dialog.getByTestId('draft-input').setInputFiles(md);
  await shot(page, '05-import-draft');
  await dialog.getByRole('button', { name: 'Nhập bản thảo' }).click();
  await expect(page.getByTestId('chapter-item').filter({ hasText: 'Thời kỳ đổi mới' })).toBeVisible();
  await expect(page.getByTestId('chapter-item').filter({ hasText: 'Kết quả' })).toBeVisible();

  // The export preview: the typeset pages drawn in the app.
  await page.getByTestId('preview-book').click();
  const preview = page.getByTestId('preview-dialog');
  await expect(preview.getByTestId('preview-status')).toHaveText(/^\d+ trang$/, { timeout: 60_000 });
  const pages = Number((await preview.getByTestId('preview-status').innerText()).match(/\d+/)![0]);
  // Every page has its place; pages are drawn as they come into view.
  await expect(preview.getByTestId('preview-frame')).toHaveCount(pages);
  const bodyPage = preview.getByTestId('preview-frame').nth(4);
  await bodyPage.scrollIntoViewIfNeeded();
  await expect(bodyPage).toHaveAttribute('data-rendered', 'true');
  // Pages are drawn, not blank: the first body page has dark pixels.
  const inked = await bodyPage.locator('canvas.preview-page').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! < 100) dark++;
    return dark;
  });
  expect(inked).toBeGreaterThan(100);
  await shot(page, '06-preview');
  await preview.getByRole('button', { name: 'Đóng' }).click();

  // A proof of the open chapter only, then of a selected passage.
  await page.getByTestId('chapter-item').first().click();
  await page.getByTestId('export-scope').selectOption('chapter');
  await page.getByTestId('preview-book').click();
  await expect(preview.getByTestId('preview-status')).toHaveText(/^\d+ trang$/, { timeout: 60_000 });
  const chapterPages = Number((await preview.getByTestId('preview-status').innerText()).match(/\d+/)![0]);
  expect(chapterPages).toBeLessThan(pages - 4);
  await shot(page, '07-preview-chapter-proof');
  await preview.getByRole('button', { name: 'Đóng' }).click();
  await page.getByTestId('export-scope').selectOption('selection');
  await page.getByTestId('preview-book').click();
  await expect(page.getByText('Hãy bôi đen đoạn văn cần xuất trong chương đang mở.')).toBeVisible();
  await editor.locator('p').first().click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.getByTestId('preview-book').click();
  await expect(preview.getByTestId('preview-status')).toHaveText(/^1 trang$/, { timeout: 60_000 });
  await preview.getByRole('button', { name: 'Đóng' }).click();

  // The registry of names: a person written two ways is merged into one; an unused place deleted.
  await call(page, 'manuscript', 'createName', { kind: 'person', name: 'Lò văn Hặc' });
  await call(page, 'manuscript', 'createName', { kind: 'place', name: 'Bản Giang' });
  await page.getByTestId('nav-names').click();
  const rows = page.getByTestId('name-row');
  await expect(rows).toHaveCount(3);
  const row = (name: string) => rows.filter({ has: page.locator(`input[value="${name}"]`) });
  await expect(row('Lò Văn Hặc (Ba Hặc)').locator('td.num')).toHaveText('1');
  await shot(page, '08-names');
  await row('Lò văn Hặc').getByRole('button', { name: 'Gộp' }).click();
  await row('Lò văn Hặc').getByRole('combobox').selectOption({ label: 'Lò Văn Hặc (Ba Hặc)' });
  await expect(page.getByRole('alertdialog')).toContainText('Mọi chỗ nhắc đến “Lò văn Hặc” (0 lần) sẽ trỏ tới “Lò Văn Hặc (Ba Hặc)”');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Gộp' }).click();
  await expect(page.getByRole('status')).toContainText('Đã gộp “Lò văn Hặc” vào “Lò Văn Hặc (Ba Hặc)”');
  await expect(rows).toHaveCount(2);
  // A mentioned name cannot be deleted; an unused one can.
  await expect(row('Lò Văn Hặc (Ba Hặc)').getByRole('button', { name: 'Xóa' })).toBeDisabled();
  await row('Bản Giang').getByRole('button', { name: 'Xóa' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Xóa' }).click();
  await expect(rows).toHaveCount(1);
  // Searching without diacritics.
  await page.getByLabel('Tìm tên (không dấu cũng được)').fill('lo van hac');
  await expect(rows).toHaveCount(1);

  // Quick open (Ctrl+K): a chapter by a few letters of its title, then an archived document.
  await page.keyboard.press('Control+k');
  const quick = page.getByTestId('quick-open');
  await quick.getByRole('textbox').fill('khang chien');
  await expect(quick.getByTestId('quick-open-item').first()).toContainText('Kháng chiến chống thực dân Pháp');
  await shot(page, '09-quick-open');
  await page.keyboard.press('Enter');
  await expect(page.locator('li[aria-selected="true"]').filter({ hasText: 'Kháng chiến chống thực dân Pháp' })).toHaveCount(1);
  await page.keyboard.press('Control+k');
  await quick.getByRole('textbox').fill('tru so');
  await expect(quick.getByTestId('quick-open-item').first()).toContainText('Ảnh trụ sở Đảng ủy xã năm 1960');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('scan')).toBeVisible();
  expect(errors).toEqual([]);
});
