/**
 * The archive at the scale of a provincial collection, in the real UI (browser mode, real host):
 * a project of 100,000 documents is generated (tests/fixtures/bigArchive.ts, light: one page each,
 * a fifth of them with a little text, so it takes a minute or two) in the app's projects folder
 * before the app opens it from the welcome screen by its path, as a user would. Then:
 *   - the header counts 100.000 documents (Vietnamese thousands separator);
 *   - the catalogue (Mục lục) scrolls to its end with End and with the mouse wheel, shows the
 *     rows the service has at those places, and keeps only a screenful of rows in the DOM;
 *   - sorted by date and by số ký hiệu, the first rows are the service's first rows, in order;
 *   - filtered by type and a date range, the count drops to the service's count and every row
 *     shown (at the top and at the end) matches;
 *   - the location tree narrows the view to a phông, then a hộp;
 *   - the grid scrolls (wheel and End) with a bounded number of cards.
 * Screenshots go to $SUQUAN_SCREENSHOTS or /tmp/shots-scale.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CatalogueFilter, CataloguePage, CatalogueSort } from '../../shared/api/catalogue';
import { makeBigArchive } from '../fixtures/bigArchive';
import { startApp, type RunningApp } from './app';
import { call } from './helpers';

/**
 * 100,000 is the size: `SUQUAN_SCALE_DOCUMENTS=100000 npx playwright test … scale.spec.ts`
 * (about 3 minutes, 1½ of them generating). `npm test` runs it at 30,000 to stay within its 15
 * minutes: the same paths (windows far from the start, sorts, filters, tree), a third of the rows.
 */
const DOCUMENTS = Number(process.env.SUQUAN_SCALE_DOCUMENTS ?? 30_000);
/** More rows than this in the DOM means the table is not virtualised (a screen holds ~20). */
const MAX_ROWS_IN_DOM = 80;
const MAX_CARDS_IN_DOM = 100;

let app: RunningApp;
test.beforeEach(async () => {
  app = await startApp();
});
test.afterEach(async () => {
  await app?.stop();
});

const shotDir = process.env.SUQUAN_SCREENSHOTS ?? '/tmp/shots-scale';
mkdirSync(shotDir, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shotDir, `scale-${name}.png`) });

const fmt = (n: number) => n.toLocaleString('vi-VN');
const rows = (page: Page) => page.getByTestId('catalogue-row');
/** The ids of the rows in the DOM, top to bottom. */
const rowIds = (page: Page) => rows(page).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-doc-id'))));
/** The cells of one column, top to bottom. */
const column = (page: Page, col: string) => page.locator(`[data-testid=catalogue-row] [data-col=${col}]`).allInnerTexts();
/** The rows fully on screen: [index in the view, document id], top to bottom. */
const onScreen = (page: Page) =>
  page.getByTestId('catalogue-table').evaluate((table) => {
    const box = table.getBoundingClientRect();
    const head = table.querySelector('.cat-head')!.getBoundingClientRect();
    return [...table.querySelectorAll<HTMLElement>('[data-testid=catalogue-row]')]
      .filter((r) => {
        const b = r.getBoundingClientRect();
        return b.top >= head.bottom - 1 && b.bottom <= box.bottom + 1;
      })
      .map((r) => [Number(r.getAttribute('aria-rowindex')) - 2, Number(r.getAttribute('data-doc-id'))] as [number, number])
      .sort((a, b) => a[0] - b[0]);
  });

async function query(page: Page, filter: CatalogueFilter, sort: CatalogueSort, offset = 0, limit = 20): Promise<CataloguePage> {
  return (await call(page, 'catalogue', 'query', { filter, sort, offset, limit })) as CataloguePage;
}

/** The rows on screen are the service's rows at their places (and there are some). */
async function expectRowsAsService(page: Page, filter: CatalogueFilter, sort: CatalogueSort): Promise<[number, number][]> {
  let shown: [number, number][] = [];
  await expect
    .poll(async () => {
      shown = await onScreen(page);
      return shown.length;
    })
    .toBeGreaterThan(10);
  const expected = await query(page, filter, sort, shown[0]![0], shown.length);
  expect(shown.map(([i, id]) => [i, id])).toEqual(expected.rows.map((r, k) => [shown[0]![0] + k, r.id]));
  return shown;
}

/** The thumbnails on screen have arrived (for the screenshots). */
async function thumbsLoaded(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.locator('[data-testid=doc-grid] img').evaluateAll((imgs) =>
        (imgs as HTMLImageElement[]).filter((i) => {
          const b = i.getBoundingClientRect();
          return b.bottom > 0 && b.top < window.innerHeight;
        }).every((i) => i.complete && i.naturalWidth > 0),
      ),
    )
    .toBe(true);
}

const yearOf = (date: string) => Number(/(\d{4})\s*$/.exec(date)?.[1] ?? NaN);

test('a catalogue of tens of thousands of documents (100,000 with SUQUAN_SCALE_DOCUMENTS) opens, scrolls, sorts, filters and browses smoothly', async ({ page }) => {
  test.setTimeout(10 * 60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // The project, generated in the app's projects folder before it is opened.
  // (SUQUAN_SCALE_PROJECT=/path/Kho.suquan opens one generated before instead, to work on the test.)
  let dir = process.env.SUQUAN_SCALE_PROJECT;
  if (!dir) {
    dir = path.join(app.projectsDir, 'Kho lưu trữ 100 nghìn.suquan');
    const t0 = Date.now();
    const made = await makeBigArchive(dir, { documents: DOCUMENTS, pagesPerDocument: 1, textShare: 0.2, charsPerPage: 200, seed: 2026 });
    console.log(`generated ${made.documents} documents, ${made.pages} pages in ${Math.round((Date.now() - t0) / 1000)} s`);
    expect(made.documents).toBe(DOCUMENTS);
  }

  // Opened from the welcome screen by its path.
  await page.goto(app.loginUrl);
  await page.getByLabel('Đường dẫn thư mục dự án').fill(dir);
  const tOpen = Date.now();
  await page.getByRole('button', { name: 'Mở', exact: true }).click();
  await expect(page.getByTestId('doc-total')).toHaveText(`${fmt(DOCUMENTS)} tài liệu`, { timeout: 30_000 });
  await expect(page.getByTestId('doc-card').first()).toBeVisible();
  console.log(`opened, first cards shown in ${Date.now() - tOpen} ms`);
  // Thousands separated the Vietnamese way: "100.000", "30.000".
  expect(fmt(DOCUMENTS)).toMatch(/^\d{1,3}(\.\d{3})+$/);
  await thumbsLoaded(page);
  await shot(page, '01-grid-opened');

  // The catalogue: the newest imports first, a screenful of rows.
  const imported: CatalogueSort = { key: 'imported', descending: true };
  await page.getByTestId('view-catalogue').click();
  const table = page.getByTestId('catalogue-table');
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByTestId('doc-total')).toHaveText(`${fmt(DOCUMENTS)} tài liệu`);
  await expectRowsAsService(page, {}, imported);
  expect(await rows(page).count()).toBeLessThan(MAX_ROWS_IN_DOM);
  // Without the side panel, as wide as the screen allows.
  await page.getByTestId('panel-toggle').click();
  await expect(page.getByTestId('metadata-panel')).toHaveCount(0);
  await shot(page, '02-catalogue');

  // End: the last row of 100,000 (the first imported), in view and selected.
  const lastRow = (await query(page, {}, imported, DOCUMENTS - 1, 1)).rows[0]!;
  await rows(page).first().click();
  await page.keyboard.press('End');
  const last = table.locator(`[data-testid=catalogue-row][data-doc-id="${lastRow.id}"]`);
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toHaveAttribute('aria-rowindex', String(DOCUMENTS + 1));
  await expect(last.locator('[data-col=code]')).toHaveText(lastRow.code);
  await expectRowsAsService(page, {}, imported);
  expect(await rows(page).count()).toBeLessThan(MAX_ROWS_IN_DOM);
  await shot(page, '03-catalogue-end');

  // The mouse wheel: from the top, a long way down; then to the end.
  await page.keyboard.press('Home');
  await expect(table.locator(`[data-testid=catalogue-row][aria-rowindex="2"]`)).toBeVisible();
  const box = (await table.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 20_000);
  await expect.poll(() => table.evaluate((el) => el.scrollTop)).toBeGreaterThan(700_000);
  const middle = await expectRowsAsService(page, {}, imported);
  expect(middle[0]![0]).toBeGreaterThan(20_000);
  expect(await rows(page).count()).toBeLessThan(MAX_ROWS_IN_DOM);
  await shot(page, '04-catalogue-wheel-middle');
  for (let i = 0; i < 30; i++) await page.mouse.wheel(0, 200_000);
  await expect(last).toBeVisible();
  await expect.poll(() => table.evaluate((el) => Math.round(el.scrollHeight - el.clientHeight - el.scrollTop))).toBeLessThanOrEqual(1);
  await expectRowsAsService(page, {}, imported);
  expect(await rows(page).count()).toBeLessThan(MAX_ROWS_IN_DOM);
  await shot(page, '05-catalogue-wheel-end');

  // Sorted by date: the oldest first, as the service orders them; newest first on a second click.
  const dateHeader = table.locator('[role=columnheader][data-col=date]');
  await dateHeader.locator('button').click();
  await expect(dateHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => table.evaluate((el) => el.scrollTop)).toBe(0);
  const byDate = await query(page, {}, { key: 'date', descending: false }, 0, 10);
  await expect.poll(async () => (await rowIds(page)).slice(0, 10)).toEqual(byDate.rows.map((r) => r.id));
  const oldYears = (await column(page, 'date')).slice(0, 15).map(yearOf);
  expect(oldYears.every((y) => y === 1945)).toBe(true);
  await expectRowsAsService(page, {}, { key: 'date', descending: false });
  await shot(page, '06-sorted-by-date');
  await dateHeader.locator('button').click();
  await expect(dateHeader).toHaveAttribute('aria-sort', 'descending');
  const byDateDesc = await query(page, {}, { key: 'date', descending: true }, 0, 10);
  await expect.poll(async () => (await rowIds(page)).slice(0, 10)).toEqual(byDateDesc.rows.map((r) => r.id));
  expect((await column(page, 'date')).slice(0, 15).map(yearOf).every((y) => y === 2020)).toBe(true);

  // Sorted by số ký hiệu: number 1 of each kind first, as the service orders them.
  const codeHeader = table.locator('[role=columnheader][data-col=code]');
  await codeHeader.locator('button').click();
  await expect(codeHeader).toHaveAttribute('aria-sort', 'ascending');
  const byCode = await query(page, {}, { key: 'code', descending: false }, 0, 10);
  expect(byCode.rows[0]!.code).not.toBe(byDateDesc.rows[0]!.code);
  await expect.poll(async () => (await rowIds(page)).slice(0, 10)).toEqual(byCode.rows.map((r) => r.id));
  const codes = (await column(page, 'code')).slice(0, 15);
  expect(codes.every((c) => /^1-/.test(c))).toBe(true);
  await expectRowsAsService(page, {}, { key: 'code', descending: false });
  await shot(page, '07-sorted-by-code');

  // Filtered by type and a date range: fewer rows, every one of them a Nghị quyết of 1954–1975.
  const filter: CatalogueFilter = { docTypes: ['Nghị quyết'], from: '1954', to: '1975' };
  const expected = (await query(page, filter, { key: 'code', descending: false }, 0, 1)).total;
  expect(expected).toBeGreaterThan(1000);
  expect(expected).toBeLessThan(DOCUMENTS / 10);
  await page.getByTestId('filters-toggle').click();
  await page.getByTestId('filter-docType').click();
  await page.getByTestId('filter-docType-panel').getByRole('checkbox', { name: /^Nghị quyết/ }).check();
  await page.keyboard.press('Escape');
  await page.getByTestId('filter-from').fill('1954');
  await page.getByTestId('filter-to').fill('1975');
  await expect(page.getByTestId('doc-total')).toHaveText(`${fmt(expected)} trong số ${fmt(DOCUMENTS)} tài liệu`);
  const matches = async () => {
    const [types, dates] = [await column(page, 'docType'), await column(page, 'date')];
    expect(types.length).toBeGreaterThan(10);
    expect(new Set(types)).toEqual(new Set(['Nghị quyết']));
    for (const d of dates) expect(yearOf(d), d).toBeGreaterThanOrEqual(1954);
    for (const d of dates) expect(yearOf(d), d).toBeLessThanOrEqual(1975);
  };
  await expectRowsAsService(page, filter, { key: 'code', descending: false });
  await matches();
  await shot(page, '08-filtered');
  await rows(page).first().click();
  await page.keyboard.press('End');
  await expect(table.locator(`[data-testid=catalogue-row][aria-rowindex="${expected + 1}"]`)).toBeVisible();
  await expectRowsAsService(page, filter, { key: 'code', descending: false });
  await matches();
  await page.getByTestId('clear-filters').click();
  await expect(page.getByTestId('doc-total')).toHaveText(`${fmt(DOCUMENTS)} tài liệu`);
  await page.getByTestId('filters-toggle').click();

  // The location tree: a phông, then a hộp of it.
  const tree = page.getByTestId('location-tree');
  const FOND = 'Phông Huyện ủy Phong Thổ';
  const fonds = (await call(page, 'catalogue', 'tree', { path: [] })) as { children: { value: string; documents: number }[] };
  const fondCount = fonds.children.find((c) => c.value === FOND)!.documents;
  const nodeIn = (level: string, label: string) => page.locator(`[data-testid=tree-node][data-level=${level}]`).filter({ has: page.locator('.loc-tree-label', { hasText: new RegExp(`^${label}$`) }) });
  const node = (level: string, label: string) => tree.locator(nodeIn(level, label));
  /** The ▸ beside a node. */
  const expand = (level: string, label: string) => tree.locator('.loc-tree-row', { has: nodeIn(level, label) }).getByRole('button', { name: 'Mở' }).click();
  const fond = node('fond', FOND);
  await expect(fond.locator('.loc-tree-count')).toHaveText(fmt(fondCount));
  await fond.click();
  await expect(page.getByTestId('doc-total')).toHaveText(`${fmt(fondCount)} trong số ${fmt(DOCUMENTS)} tài liệu`);
  expect(new Set(await column(page, 'fond'))).toEqual(new Set([FOND]));
  await expand('fond', FOND);
  await expand('inventory', 'Mục lục số 1');
  const boxes = (await call(page, 'catalogue', 'tree', { path: [FOND, 'Mục lục số 1'] })) as { children: { value: string; documents: number }[] };
  const hop = boxes.children.find((c) => c.documents >= 3)!;
  await node('box', hop.value).click();
  await expect(page.getByTestId('doc-total')).toHaveText(`${fmt(hop.documents)} trong số ${fmt(DOCUMENTS)} tài liệu`);
  await expect(rows(page)).toHaveCount(hop.documents);
  expect(new Set(await column(page, 'box'))).toEqual(new Set([hop.value]));
  expect(new Set(await column(page, 'inventory'))).toEqual(new Set(['Mục lục số 1']));
  await shot(page, '09-tree-box');
  await tree.getByTestId('tree-all').click();
  await expect(page.getByTestId('doc-total')).toHaveText(`${fmt(DOCUMENTS)} tài liệu`);

  // The grid, in the order chosen (số ký hiệu): the wheel, then End.
  await page.getByTestId('view-grid').click();
  const grid = page.getByTestId('doc-grid');
  const cards = page.getByTestId('doc-card');
  await expect(cards.first()).toBeVisible();
  await expect(cards.first()).toHaveAttribute('data-doc-id', String(byCode.rows[0]!.id));
  const gbox = (await grid.boundingBox())!;
  await page.mouse.move(gbox.x + gbox.width / 2, gbox.y + gbox.height / 2);
  for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 40_000);
  await expect.poll(() => grid.evaluate((el) => el.scrollTop)).toBeGreaterThan(1_000_000);
  await expect(page.locator('[data-testid=doc-grid] .doc-card.placeholder')).toHaveCount(0);
  expect(await cards.count()).toBeLessThan(MAX_CARDS_IN_DOM);
  await thumbsLoaded(page);
  await shot(page, '10-grid-wheel-middle');
  await cards.first().click();
  await page.keyboard.press('End');
  const lastByCode = (await query(page, {}, { key: 'code', descending: false }, DOCUMENTS - 1, 1)).rows[0]!;
  const lastCard = page.locator(`[data-testid=doc-card][data-doc-id="${lastByCode.id}"]`);
  await expect(lastCard).toBeVisible();
  await expect(lastCard).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[data-testid=doc-grid] .doc-card.placeholder')).toHaveCount(0);
  expect(await cards.count()).toBeLessThan(MAX_CARDS_IN_DOM);
  await thumbsLoaded(page);
  await shot(page, '11-grid-end');

  expect(errors).toEqual([]);
});
