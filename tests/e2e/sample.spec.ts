/**
 * The sample project through the real UI, as a newcomer meets it (issue 15): "Mở dự án mẫu" on
 * the welcome screen builds and opens it; a citation in chương 1 is followed to its scan; a word
 * printed only in a scan is found by the archive search; the history book is exported and the PDF
 * read back with pdftotext: a footnote cites a sample document, whole.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { startApp, type RunningApp } from './app';
import { screenshots } from './helpers';

const root = path.resolve(import.meta.dirname, '..', '..');
const sample = YAML.parse(readFileSync(path.join(root, 'resources/sample/sample.yaml'), 'utf8')) as {
  books: { kind: string; title: string; nodes: { key: string; title: string }[] }[];
  tour: { scanOnlyWord: string; scanOnlyDocument: string; citation: { node: string; document: string } };
};
const documents = YAML.parse(readFileSync(path.join(root, 'resources/sample/documents.yaml'), 'utf8')) as {
  key: string;
  metadata: { code?: string; docType?: string; abstract?: string };
}[];
const history = sample.books.find((b) => b.kind === 'history')!;
const cited = documents.find((d) => d.key === sample.tour.citation.document)!;
const chapter = history.nodes.find((n) => n.key === sample.tour.citation.node)!;

let app: RunningApp;
test.beforeAll(async () => {
  app = await startApp();
});
test.afterAll(async () => {
  await app?.stop();
});

const shot = screenshots('sample-');
const work = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-sample-'));
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

async function download(page: Page, click: () => Promise<void>, name: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), click()]);
  const file = path.join(work, name);
  await dl.saveAs(file);
  return file;
}

test('the sample project: from the welcome screen to a footnote in the printed book', async ({ page }) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(app.loginUrl);
  await expect(page.getByRole('button', { name: 'Mở dự án mẫu' })).toBeVisible();
  await shot(page, '01-welcome');

  // Built at first use (scans typeset and aged), then opened on the archive.
  await page.getByRole('button', { name: 'Mở dự án mẫu' }).click();
  await expect(page.getByTestId('nav-archive')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByText(`${cited.metadata.code}`).first()).toBeVisible({ timeout: 60_000 });
  await shot(page, '02-archive');

  // A word printed only in one scan (read by OCR) finds that document, and only it.
  await page.getByTestId('archive-search').fill(sample.tour.scanOnlyWord);
  await expect(page.getByTestId('search-hit')).toHaveCount(1);
  const scanOnly = documents.find((d) => d.key === sample.tour.scanOnlyDocument)!;
  await expect(page.getByTestId('search-hit').first()).toContainText(scanOnly.metadata.code!);
  await expect(page.getByTestId('search-hit').first()).toContainText(sample.tour.scanOnlyWord.split(' ')[0]!);
  await shot(page, '03-search-scan-word');
  await page.getByTestId('archive-search').fill('');

  // Chương 1 of the history book: its notes cite the archive; one is followed to its scan.
  await page.getByTestId('nav-books').click();
  await page.getByRole('combobox', { name: 'Bản thảo sách' }).selectOption({ label: history.title });
  await page.getByTestId('chapter-item').filter({ hasText: chapter.title }).first().click();
  const editor = page.getByTestId('chapter-editor');
  await expect(editor).toBeVisible();
  const note = page.getByTestId('footnote-item').filter({ hasText: `${cited.metadata.docType} số ${cited.metadata.code}` }).first();
  await expect(note).toBeVisible();
  await shot(page, '04-chapter');
  await note.locator('cite[data-citation]').first().dblclick();
  const scan = page.getByTestId('scan-panel');
  await expect(scan).toContainText(cited.metadata.code!);
  await expect(scan.locator('img').first()).toBeVisible();
  await expect.poll(() => scan.locator('img').first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(500);
  await shot(page, '05-citation-to-scan');

  // The history book printed: the footnote citing the sample document is there, whole.
  const file = await download(
    page,
    async () => {
      await page.getByRole('button', { name: 'Xuất PDF', exact: true }).click();
      const panel = page.getByTestId('preflight-panel');
      // The one finding the sample keeps on purpose (a document marked Mật is cited): export anyway.
      await expect(panel).toBeVisible({ timeout: 60_000 });
      await expect(panel.getByTestId('preflight-finding')).toHaveCount(1);
      await shot(page, '06-preflight');
      await panel.getByRole('button', { name: 'Vẫn xuất PDF' }).click();
    },
    'lich-su.pdf',
  );
  const text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
  expect(text).toContain(`${cited.metadata.docType} số ${cited.metadata.code} ngày`);
  expect(text).toContain(squash(history.title).toUpperCase().slice(0, 12));
});
