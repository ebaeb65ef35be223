/**
 * The evidence chain through the real UI (issue 8): a chapter is written in the editor — a
 * paragraph, a citation picked from the archive, a footnote with italic words and a name, a note
 * citing two documents ("Xem: A; B."), a figure with its source note, a table — and a chronicle is
 * typed out of order with one impossible date. Both books are exported to PDF and Word and read
 * back (pdf.js, pdftotext, mammoth): every footnote is one note, whole, on its call's page, with
 * its italics; the index holds the name mentioned in a footnote; the chronicle prints in date
 * order with the impossible date reported before printing. The same exports are checked again
 * after a reload.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import sharp from 'sharp';
import { readPdf } from '../unit/publish/pdfjs';
import { startApp, type RunningApp } from './app';
import { call, documentVersion, screenshots, selectionSettled } from './helpers';

let app: RunningApp;
test.beforeAll(async () => {
  app = await startApp();
});
test.afterAll(async () => {
  await app?.stop();
});

const shot = screenshots('evidence-');
const work = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-chain-'));

async function scan(name: string, shade: string): Promise<string> {
  const lines = Array.from({ length: 24 }, (_, i) => `<rect x="140" y="${320 + i * 52}" width="${660 + ((i * 137) % 260)}" height="13" fill="${shade}"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="100%" height="100%" fill="#f3ecd9"/><rect x="120" y="120" width="380" height="24" fill="#222"/><rect x="380" y="230" width="480" height="30" fill="#222"/>${lines}</svg>`;
  const file = path.join(work, `${name}.jpg`);
  writeFileSync(file, await sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer());
  return file;
}

const CITE_05 = 'Tỉnh ủy Lai Châu: Nghị quyết số 05-NQ/TU ngày 3-2-1961 về công tác xây dựng Đảng, lưu tại Kho Lưu trữ Tỉnh ủy Lai Châu, Phông số 1, Mục lục số 2, Hồ sơ số 45, tờ 6.';
const WORK_05 = 'Nghị quyết số 05-NQ/TU ngày 3-2-1961 về công tác xây dựng Đảng';
const NOTE_2 = 'Theo hồi ký Những năm tháng không quên của ông Lò Văn Puộn, bản chép tay, tr. 45.';
const NOTE_3_START = 'Xem: Tỉnh ủy Lai Châu: Nghị quyết số 05-NQ/TU';
const NOTE_3_MIDDLE = 'tờ 6; Đảng ủy Khối các cơ quan tỉnh: Báo cáo số 12-BC/ĐUK';

async function download(page: Page, click: () => Promise<void>, name: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), click()]);
  const file = path.join(work, name);
  await dl.saveAs(file);
  return file;
}

/** Exports with the check before printing; "Vẫn xuất" when it finds something. */
async function exportBook(page: Page, format: 'pdf' | 'docx', name: string): Promise<{ file: string; findings: string[] }> {
  const panel = page.getByTestId('preflight-panel');
  let findings: string[] = [];
  const file = await download(
    page,
    async () => {
      await page.getByRole('button', { name: format === 'pdf' ? 'Xuất PDF' : 'Word', exact: true }).click();
      // Either the check finds something (the panel) or the export goes ahead (the download).
      const anyway = panel.getByRole('button', { name: format === 'pdf' ? 'Vẫn xuất PDF' : 'Vẫn xuất Word' });
      try {
        await expect(panel).toBeVisible({ timeout: 5_000 });
      } catch {
        return;
      }
      findings = await panel.getByTestId('preflight-finding').allInnerTexts();
      // When looking at what the app makes, say what the check found.
      if (process.env.SUQUAN_SCREENSHOTS) {
        console.log(`Kiểm tra trước khi in (${name}):\n  ${findings.map(squash).join('\n  ')}`);
        await shot(page, `preflight-${name}`);
      }
      await anyway.click();
    },
    name,
  );
  return { file, findings };
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const pdfPages = (file: string): string[] => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f').map(squash);

/** The history book as printed: every footnote one note, whole, on its call's page; the name in the index. */
async function checkHistoryPdf(file: string): Promise<void> {
  const pages = pdfPages(file);
  const pageOf = (s: string) => pages.findIndex((p) => p.includes(s));
  // Note 1: the citation, whole, as one note (no piece on a line of its own, e.g. " , lưu tại" or a lone ".").
  expect(pages.some((p) => p.includes(`1 ${CITE_05}`)), 'the citation prints as one whole note').toBe(true);
  expect(pages.join(' ')).not.toMatch(/ [,.] ?lưu tại|Lai Châu: ?\n/);
  expect(pageOf(CITE_05)).toBe(pageOf('được thành lập năm 1948'));
  expect(pages.some((p) => p.includes(`2 ${NOTE_2}`)), 'the note with italics and a name is one note').toBe(true);
  expect(pageOf(NOTE_2)).toBe(pageOf('đoàn kết một lòng'));
  expect(pages.some((p) => p.includes(NOTE_3_START) && p.includes(NOTE_3_MIDDLE)), 'two citations in one note').toBe(true);
  // The figure's source note is whole, under its figure: never before it on another page.
  const source = 'Nguồn: Đảng ủy Khối các cơ quan tỉnh: Báo cáo số 12-BC/ĐUK';
  const captionPage = pageOf('Trụ sở Đảng ủy Khối các cơ quan tỉnh năm 2021');
  expect(captionPage).toBeGreaterThanOrEqual(0);
  expect(pageOf(source)).toBe(captionPage);
  expect(pages[captionPage]!.indexOf(source)).toBeGreaterThan(pages[captionPage]!.indexOf('Trụ sở Đảng ủy Khối'));
  // The table's cells.
  expect(pages.some((p) => p.includes('Năm') && p.includes('Số đảng viên') && p.includes('1961') && p.includes('412'))).toBe(true);
  // The index lists the name mentioned in the footnote, with the page of that note.
  const index = pages.findIndex((p) => /CHỈ MỤC|BẢNG TRA/.test(p));
  expect(index, 'the book has an index').toBeGreaterThan(0);
  expect(pages.slice(index).join(' ')).toMatch(/Lò Văn Puộn,? \d+/);
  // Italics survive in the notes: the work's title in the citation is set in an italic face.
  const read = await readPdf(file);
  const italic = read.pages.flatMap((p) => p.items).filter((i) => /Italic/i.test(i.font)).map((i) => i.str).join(' ');
  expect(squash(italic)).toContain('Nghị quyết số 05-NQ/TU');
  expect(squash(italic)).toContain('Những năm tháng không quên');
}

async function checkHistoryWord(file: string): Promise<void> {
  const { value: html } = await mammoth.convertToHtml({ path: file });
  const notes = [...html.matchAll(/<li id="footnote-\d+">([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
  expect(notes).toHaveLength(3);
  for (const n of notes) expect((n.match(/<p>/g) ?? []).length, n).toBe(1);
  const text = (s: string) => squash(s.replace(/<a [^>]*>.*?<\/a>/g, '').replace(/<[^>]+>/g, ''));
  expect(text(notes[0]!)).toBe(CITE_05);
  expect(notes[0]).toContain(`<em>${WORK_05}</em>`);
  expect(text(notes[1]!)).toBe(NOTE_2);
  expect(notes[1]).toContain('<em>Những năm tháng không quên</em>');
  expect(text(notes[2]!)).toContain(NOTE_3_MIDDLE);
}

/** The chronicle as printed: date order under year headings; the impossible date stays after the entry typed before it. */
function checkChroniclePdf(file: string): void {
  const all = pdfPages(file).join(' ');
  const at = (s: string) => {
    const i = all.indexOf(s);
    expect(i, s).toBeGreaterThanOrEqual(0);
    return i;
  };
  const order = ['NĂM 1950', 'Ngày 3-1-1950', 'Ngày 30-2-1950', 'Tháng 8-1950', 'NĂM 1951', 'Ngày 19-5-1951'].map(at);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
}

test('what the editor makes is what prints: citations, notes, figures, a chronicle, in PDF and Word, before and after a reload', async ({ page }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`browser dialog: ${d.message()}`);
    void d.dismiss();
  });

  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Lịch sử Đảng bộ huyện Tam Đường');
  await page.getByRole('button', { name: 'Tạo dự án' }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();

  // Two archived documents: a resolution to cite, a report whose page becomes a figure.
  await page.getByTestId('import-input').setInputFiles([await scan('nghi-quyet-05', '#333'), await scan('bao-cao-12', '#444')]);
  await expect(page.getByTestId('import-outcome')).toHaveCount(2);
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  await call(page, 'archive', 'updateMetadata', { baseVersion: await documentVersion(page, 1), id: 1,
    patch: { code: '05-NQ/TU', docType: 'Nghị quyết', issuer: 'Tỉnh ủy Lai Châu', date: { text: 'ngày 3-2-1961', start: '1961-02-03', end: '1961-02-03' }, abstract: 'về công tác xây dựng Đảng', location: { repository: 'Kho Lưu trữ Tỉnh ủy Lai Châu', fond: '1', inventory: '2', file: '45' } },
  });
  await call(page, 'archive', 'updateDocument', { baseVersion: await documentVersion(page, 1), id: 1, title: 'Nghị quyết về công tác xây dựng Đảng' });
  await call(page, 'archive', 'updateMetadata', { baseVersion: await documentVersion(page, 2), id: 2,
    patch: { code: '12-BC/ĐUK', docType: 'Báo cáo', issuer: 'Đảng ủy Khối các cơ quan tỉnh', date: { text: 'ngày 20-6-2021', start: '2021-06-20', end: '2021-06-20' }, abstract: 'về tình hình tư tưởng cán bộ, đảng viên và người lao động trong các cơ quan khối tỉnh sáu tháng đầu năm 2021', location: { repository: 'Kho Lưu trữ Tỉnh ủy Lai Châu', fond: '3', inventory: '1', file: '210' } },
  });
  await call(page, 'archive', 'updateDocument', { baseVersion: await documentVersion(page, 2), id: 2, title: 'Báo cáo tình hình tư tưởng' });

  // A history book and one chapter.
  await page.getByTestId('nav-books').click();
  await page.getByLabel('Tên sách').fill('Lịch sử Đảng bộ huyện Tam Đường (1945–2025)');
  await page.getByRole('button', { name: 'Tạo sách' }).click();
  await page.getByLabel('Tên chương').fill('Vùng đất, con người và truyền thống');
  await page.getByRole('button', { name: 'Thêm chương' }).click();
  await page.getByTestId('chapter-item').first().click();
  const editor = page.getByTestId('chapter-editor');
  await editor.click();
  await page.keyboard.type('Huyện Tam Đường được thành lập năm 1948');

  const pickCitation = async (query: string, folio: string) => {
    await page.getByTestId('insert-citation').click();
    const picker = page.getByTestId('citation-picker');
    await picker.getByRole('textbox').first().fill(query);
    await picker.getByTestId('citation-result').first().click();
    await picker.getByLabel('Tờ số').fill(folio);
    await picker.getByRole('button', { name: 'Chèn trích dẫn' }).click();
    await expect(picker).toHaveCount(0);
  };

  // 1. A citation from the toolbar: it becomes footnote 1 and typing goes on in the sentence.
  await pickCitation('05 nq', '6');
  await expect(editor).toBeFocused();
  await page.keyboard.type(', nhân dân các dân tộc đoàn kết một lòng');

  // 2. A footnote typed in place: italic words, a name from the registry ("@").
  await page.getByTestId('insert-footnote').click();
  const popup = page.locator('.footnote-popup .footnote-editor');
  await expect(popup).toBeFocused();
  await page.keyboard.type('Theo hồi ký ');
  await page.keyboard.press('Control+i');
  await page.keyboard.type('Những năm tháng không quên');
  await page.keyboard.press('Control+i');
  await page.keyboard.type(' của ông ');
  await page.keyboard.type('@');
  const names = page.getByTestId('mention-picker');
  await names.getByRole('textbox').fill('Lò Văn Puộn');
  await names.getByTestId('mention-create-person').click();
  await expect(names).toHaveCount(0);
  await expect(popup).toBeFocused();
  await page.keyboard.type(', bản chép tay, tr. 45.');
  await page.keyboard.press('Escape');
  await expect(editor).toBeFocused();
  await page.keyboard.type('. Đảng bộ lãnh đạo xây dựng cơ sở');

  // 3. One note citing two documents: "Xem: A; B."
  await page.getByTestId('insert-footnote').click();
  await expect(popup).toBeFocused();
  await page.keyboard.type('Xem: ');
  await pickCitation('05 nq', '6');
  await expect(popup).toBeFocused();
  await page.keyboard.type('; ');
  await pickCitation('12 bc', '2');
  await expect(popup).toBeFocused();
  await page.keyboard.type('.');
  await page.keyboard.press('Escape');
  await page.keyboard.type(' vững mạnh.');
  await shot(page, '01-footnotes');

  // 4. A figure of the report's page, with a caption; its source note comes from the archive.
  await page.keyboard.press('Enter');
  await page.getByTestId('insert-figure').click();
  const figures = page.getByTestId('figure-picker');
  await figures.getByRole('textbox').first().fill('12 bc');
  await figures.getByRole('button', { name: /Báo cáo tình hình tư tưởng/ }).click();
  await figures.getByLabel('Chú thích ảnh').fill('Trụ sở Đảng ủy Khối các cơ quan tỉnh năm 2021');
  await figures.getByRole('button', { name: 'Chèn ảnh' }).click();
  await expect(editor.locator('figure')).toHaveCount(1);

  // 5. A table from the toolbar, typed cell by cell.
  await editor.locator('p').last().click();
  await page.keyboard.press('Control+End');
  await selectionSettled(page);
  await page.getByRole('button', { name: 'Bảng', exact: true }).click();
  await expect(editor.locator('table')).toHaveCount(1);
  for (const cell of ['Năm', 'Số đảng viên', 'Ghi chú', '1961', '412', 'Sau Đại hội']) {
    await page.keyboard.type(cell);
    await page.keyboard.press('Tab');
  }
  await expect(page.getByTestId('save-state')).toContainText('Đã lưu');
  await shot(page, '02-chapter');

  // What the editor shows: three notes, the third citing two documents.
  await page.getByRole('tab', { name: 'Chú thích' }).click();
  await expect(page.getByTestId('footnote-item')).toHaveCount(3);
  await expect(page.getByTestId('footnote-item').nth(0)).toContainText(CITE_05);
  await expect(page.getByTestId('footnote-item').nth(1)).toContainText('Theo hồi ký Những năm tháng không quên của ông Lò Văn Puộn, bản chép tay, tr. 45.');

  // Export: PDF and Word, read back.
  const pdf1 = await exportBook(page, 'pdf', 'lich-su-1.pdf');
  await checkHistoryPdf(pdf1.file);
  const word1 = await exportBook(page, 'docx', 'lich-su-1.docx');
  await checkHistoryWord(word1.file);

  // A chronicle typed out of order, with one date that never was.
  await page.getByRole('button', { name: 'Sách mới' }).click();
  await page.getByLabel('Tên sách').fill('Biên niên sự kiện huyện Tam Đường');
  await page.getByLabel('Biên niên sự kiện').check();
  await page.getByRole('button', { name: 'Tạo sách' }).click();
  await page.getByLabel('Tên chương').fill('Thời kỳ 1950–1951');
  await page.getByRole('button', { name: 'Thêm chương' }).click();
  await page.getByTestId('chapter-item').first().click();
  await editor.click();
  const entries = [
    'Ngày 19-5-1951, nhân dân các bản mít tinh kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh',
    'Ngày 3-1-1950, Chi bộ Tam Đường họp bàn việc chuẩn bị lương thực cho bộ đội',
    'Ngày 30-2-1950, Đảng ủy mở lớp bồi dưỡng cán bộ cho các thôn bản',
    'Tháng 8-1950: dân quân phối hợp bộ đội huyện chặn đánh địch ở dốc Pa Pe',
  ];
  for (const [i, entry] of entries.entries()) {
    if (i) await page.keyboard.press('Enter');
    await page.keyboard.type(entry);
    await page.getByTestId('insert-footnote').click();
    await expect(popup).toBeFocused();
    await page.keyboard.type(`Báo cáo của Huyện ủy Tam Đường, tờ ${i + 1}.`);
    await page.keyboard.press('Escape');
    await page.keyboard.type('.');
  }
  await expect(page.getByTestId('save-state')).toContainText('Đã lưu');
  const chronicle = await exportBook(page, 'pdf', 'bien-nien-1.pdf');
  expect(chronicle.findings.join('\n')).toContain('Ngày 30-2-1950');
  checkChroniclePdf(chronicle.file);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '8', chronicle.file, path.join(work, 'chronicle')]);

  // After a reload, the same books print the same way.
  await page.reload();
  await page.getByTestId('nav-books').click();
  await page.getByRole('combobox', { name: 'Bản thảo sách' }).selectOption({ label: 'Lịch sử Đảng bộ huyện Tam Đường (1945–2025)' });
  await page.getByTestId('chapter-item').first().click();
  await expect(editor).toContainText('Huyện Tam Đường được thành lập năm 1948, nhân dân các dân tộc đoàn kết một lòng. Đảng bộ lãnh đạo xây dựng cơ sở vững mạnh.');
  await expect(editor.locator('.footnote-call')).toHaveCount(3);
  await checkHistoryPdf((await exportBook(page, 'pdf', 'lich-su-2.pdf')).file);
  await checkHistoryWord((await exportBook(page, 'docx', 'lich-su-2.docx')).file);
  await page.getByRole('combobox', { name: 'Bản thảo sách' }).selectOption({ label: 'Biên niên sự kiện huyện Tam Đường' });
  checkChroniclePdf((await exportBook(page, 'pdf', 'bien-nien-2.pdf')).file);

  expect(errors).toEqual([]);
});
