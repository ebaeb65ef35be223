/**
 * Hostile text on every screen (issue 14): script-like strings and control characters put
 * everywhere a user or an imported file can put text — the project's title and folder, imported
 * file names, a text file's lines, a saved web page, a document's title and every metadata field,
 * a transcription, the search box and a saved search's name, a batch edit, a book's title,
 * subtitle and details, a chapter's title, text, footnote and comment, a name in the register —
 * then every screen that shows them is visited. At each screen: no payload ran (window.__pwned),
 * no browser dialog, no page error, no element a payload would make (img[src=x], an inline
 * script, an on… attribute, a javascript: link, the style that hides everything), the app still
 * shown, and the payload there as literal text where the screen shows that field. The figures
 * (strings placed, screens visited) are printed as one line of JSON for the closing note.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from './app';
import { call, documentVersion, pageTextVersion, screenshots, selectionSettled } from './helpers';

let app: RunningApp;
test.beforeAll(async () => {
  app = await startApp();
});
test.afterAll(async () => {
  await app?.stop();
});

const shot = screenshots('hostile-');

/** The payloads: each would run, or hide the app, if it reached the page as markup or code. */
const P = {
  img: '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">',
  svg: '"><svg onload=window.__pwned=1>',
  script: '<script>window.__pwned=1</script>',
  js: 'javascript:window.__pwned=1',
  tmpl: "{{constructor.constructor('window.__pwned=1')()}}",
  tmplStr: '${window.__pwned=1}',
  style: '</style><style>*{display:none}',
} as const;
/** ANSI colour, bell, Ctrl-Z, right-to-left override, right-to-left mark. */
const CTRL = '\u001b[31m\u0007\u001a\u202e\u200f';
/** Typed in the editor: no quotes (the editor may make them typographic) and nothing it would turn into something else. */
const C0 = /[\u0000-\u0008\u000b-\u001f]/;
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Which kinds of control character a stored or shown string still holds. */
const controls = (s: string) => ({ c0: C0.test(s), bidi: BIDI.test(s) });
const TYPED_SCRIPT = '<script>window.__pwned=1</script>';
const TYPED_IMG = '<img src=x onerror=window.__pwned=1>';

interface Figures {
  placements: { where: string; how: 'ui' | 'api' | 'file' }[];
  screens: string[];
  literalChecks: number;
  /** Where a bidi override in placed text turns the text after it around (must stay empty). */
  bidiLeaks: { screen: string; text: string }[];
}
const figures: Figures = { placements: [], screens: [], literalChecks: 0, bidiLeaks: [] };
const placed = (where: string, how: 'ui' | 'api' | 'file') => figures.placements.push({ where, how });

/** What a payload would leave in the page if it had been read as markup or code. */
async function traces(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as { __pwned?: unknown };
    const all = [...document.querySelectorAll('*')];
    const iframes = [...document.querySelectorAll('iframe')].map((f) => {
      try {
        return (f.contentWindow as unknown as { __pwned?: unknown } | null)?.__pwned ?? null;
      } catch {
        return null; // another origin: not ours to read, and not the app's page either
      }
    });
    return {
      pwned: w.__pwned ?? null,
      pwnedInFrames: iframes.filter((v) => v !== null).length,
      imgX: document.querySelectorAll('img[src="x"]').length,
      svgOnload: document.querySelectorAll('svg[onload], [onload]').length,
      // The app's own page loads its code from files (<script type=module src=…>), never inline.
      inlineScripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
      handlerAttributes: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map((el) => el.outerHTML.slice(0, 120)),
      javascriptUrls: all.filter((el) => ['href', 'src', 'action', 'formaction', 'xlink:href'].some((a) => /^\s*javascript:/i.test(el.getAttribute(a) ?? ''))).length,
      hidingStyles: [...document.querySelectorAll('style')].filter((s) => (s.textContent ?? '').includes('*{display:none}')).length,
      rootShown: (() => {
        const root = document.getElementById('root');
        const r = root?.getBoundingClientRect();
        return !!r && r.width > 0 && r.height > 0 && getComputedStyle(document.body).display !== 'none';
      })(),
    };
  });
}

/**
 * Text turned around by a right-to-left (or left-to-right) override or embedding that nothing
 * closes: a name's own "cũ.txt" shown as "txt.ũc" and, unless the name is isolated (<bdi>,
 * unicode-bidi: isolate), the app's words after it too ("… ” làm" shown as "màl ”"). Returns the
 * text of each element the override reaches, control characters made visible. Measured and
 * printed, not failed on: the figures count it.
 */
async function bidiLeaks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const OPEN = /[\u202a-\u202e]/g;
    // How far an override reaches: to the end of the nearest element that isolates it or is a block.
    const reachOf = (el: Element): Element => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (!/^inline/.test(style.display) || e.tagName === 'BDI' || /isolate|plaintext/.test(style.unicodeBidi)) return e;
      }
      return document.body;
    };
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const opens = [...n.data.matchAll(OPEN)];
      if (!opens.length || !n.parentElement) continue;
      const reach = reachOf(n.parentElement);
      // What follows the last unclosed override within its reach (a PDF, U+202C, closes one).
      const last = opens.at(-1)!.index!;
      const after = n.data.slice(last + 1);
      const closed = after.includes('\u202c');
      const range = document.createRange();
      range.setStart(n, last + 1);
      range.setEndAfter(reach.lastChild ?? reach);
      const rest = range.toString().replace(/[\u200e\u200f\u202a-\u202e\s]/g, '');
      if (!closed && rest && (reach as HTMLElement).innerText.trim()) out.push((reach as HTMLElement).innerText.replace(/[\u0000-\u001f\u200e\u200f\u202a-\u202e]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`).slice(0, 200));
    }
    return out;
  });
}

const CLEAN = { pwned: null, pwnedInFrames: 0, imgX: 0, svgOnload: 0, inlineScripts: 0, handlerAttributes: [], javascriptUrls: 0, hidingStyles: 0, rootShown: true };

/** The whole-page checks at one screen, and the screen counted. */
async function visit(page: Page, events: string[], name: string, shown?: Locator): Promise<void> {
  if (shown) await expect(shown, name).toBeVisible();
  // An <img onerror> fires only once the image has failed: give the page a moment to do so.
  await page.waitForTimeout(150);
  expect(await traces(page), name).toEqual(CLEAN);
  expect(events, name).toEqual([]);
  for (const text of await bidiLeaks(page)) if (!figures.bidiLeaks.some((l) => l.text === text)) figures.bidiLeaks.push({ screen: name, text });
  figures.screens.push(name);
  await shot(page, String(figures.screens.length).padStart(2, '0') + '-' + name);
}

/** The payload shown as literal text. */
async function literal(target: Locator, text: string): Promise<void> {
  await expect(target).toContainText(text);
  figures.literalChecks++;
}
/** The payload held as a field's value (inputs show their value, not text). */
async function literalValue(target: Locator, text: string): Promise<void> {
  await expect.poll(() => target.evaluate((el) => [...el.querySelectorAll('input, textarea')].map((f) => (f as HTMLInputElement).value).join('\n'))).toContain(text);
  figures.literalChecks++;
}

test('hostile strings and control characters placed everywhere run nowhere and show as text', async ({ page }) => {
  test.setTimeout(180_000);
  const events: string[] = [];
  page.on('pageerror', (e) => events.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    events.push(`dialog: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  const work = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-hostile-'));

  // --- The welcome screen: a hostile project title and folder name.
  await page.goto(app.loginUrl);
  await visit(page, events, 'welcome', page.getByLabel('Tên dự án'));
  const projectTitle = `Kho ${P.img} ${CTRL}`;
  await page.getByLabel('Tên dự án').fill(projectTitle);
  placed('project title', 'ui');
  const folderInput = page.locator('input[name=folder]');
  await expect(folderInput).not.toHaveValue('');
  const parent = path.dirname(await folderInput.inputValue());
  const folderName = `${P.svg} ${CTRL}Kho.suquan`;
  await folderInput.fill(path.join(parent, folderName));
  placed('project folder name', 'ui');
  await page.getByRole('button', { name: 'Tạo dự án', exact: true }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();
  await literal(page.locator('.project-title'), P.img);
  await visit(page, events, 'empty-archive');

  // --- Files: hostile names; a text file's first lines hold markup and control characters; a saved web page.
  const textName = `${P.img} ${CTRL}Báo cáo cũ.txt`;
  const textFile = path.join(work, textName);
  writeFileSync(
    textFile,
    `${CTRL}BÁO CÁO <svg onload=window.__pwned=1><rect/></svg>\n</textarea>${P.script}\n${P.img} ${P.style}\n<![CDATA[ ]]> & &amp; <!-- chú thích -->\nTình hình công tác tháng 3 năm 1950.\n`,
  );
  placed('file name (text file)', 'file');
  placed('file content (text file)', 'file');
  const svgName = `${P.svg} ${CTRL}nghị quyết.txt`;
  const svgFile = path.join(work, svgName);
  writeFileSync(svgFile, 'NGHỊ QUYẾT\nVề nhiệm vụ năm 1951.\n');
  placed('file name (second text file)', 'file');
  const htmlFile = path.join(work, 'trang báo điện tử.html');
  writeFileSync(
    htmlFile,
    `<!doctype html><html><head><meta charset="utf-8"><title>Trang ${P.js}</title><script>window.__pwned=1</script><style>*{display:none}</style></head>
<body onload="window.__pwned=1"><h1 onclick="window.__pwned=1">Tin hoạt động của Đảng bộ</h1>
<p>Bài viết nhắc tới &lt;script&gt;window.__pwned=1&lt;/script&gt; như một chuỗi chữ.</p>
<p><a href="javascript:window.__pwned=1">Liên kết lạ</a> <img src=x onerror="window.__pwned=1"> <iframe src="javascript:window.__pwned=1"></iframe></p>
<svg onload="window.__pwned=1"><text>chữ trong svg</text></svg></body></html>`,
  );
  placed('saved web page (scripts, handlers, javascript: links)', 'file');
  // A name the upload takes (no character Windows refuses): template payloads and a right-to-left override.
  const tmplName = `Công văn ${P.tmpl} ${P.tmplStr} \u202e\u200fcũ.txt`;
  const tmplFile = path.join(work, tmplName);
  writeFileSync(tmplFile, 'CÔNG VĂN\nVề việc sưu tầm tư liệu.\n');
  placed('file name (uploaded, right-to-left override)', 'file');

  // Through the page. The browser-mode upload refuses names with \\ : * ? " < > | or C0 controls
  // (they cannot exist on every system) and says so in the import report, the name shown as text.
  await page.getByTestId('import-input').setInputFiles([textFile, svgFile, htmlFile, tmplFile]);
  const report = page.getByTestId('import-outcome');
  await expect(report).toHaveCount(4);
  await literal(report.filter({ hasText: 'Báo cáo cũ' }), P.img);
  await literal(report.filter({ hasText: 'nghị quyết' }), P.svg);
  await literal(report.filter({ hasText: 'Công văn' }), P.tmpl);
  await visit(page, events, 'import-report', page.getByTestId('import-summary'));
  const reportText = await report.allInnerTexts();
  const refused = [textFile, svgFile, htmlFile, tmplFile].filter((f) => reportText.some((t) => t.includes(path.basename(f).slice(-12)) && t.includes('Bị từ chối')));
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();

  // What the upload refused reaches the archive from the host's disk, as the desktop app's file
  // dialog and the CLI import it.
  if (refused.length) {
    const imported = (await call(page, 'archive', 'importPaths', { paths: refused })) as { outcomes: { status: string }[] };
    expect(imported.outcomes.map((o) => o.status)).toEqual(refused.map(() => 'imported'));
  }
  type Doc = { id: number; title: string; pages: { id: number; mime: string }[] };
  const all = await Promise.all([1, 2, 3, 4].map(async (id) => (await call(page, 'archive', 'getDocument', { id })) as Doc));
  const getDoc = async (id: number) => (await call(page, 'archive', 'getDocument', { id })) as Doc;
  const html = all.find((d) => d.pages[0]!.mime.includes('html'))!;
  const text = all.find((d) => d.title.includes('Báo cáo cũ'))!;
  const second = all.find((d) => d.title.includes('nghị quyết'))!;
  const uploaded = all.find((d) => d.title.includes('Công văn'))!;
  expect([html, text, second, uploaded].every(Boolean), 'the four files are documents').toBe(true);
  const reportShows = { c0: reportText.some((t) => C0.test(t)), bidi: reportText.some((t) => BIDI.test(t)) };

  // --- Through the API as the page calls it: title, every metadata field, a transcription.
  const title = `${P.script} Báo cáo ${CTRL}`;
  await call(page, 'archive', 'updateDocument', { baseVersion: await documentVersion(page, text.id), id: text.id, title });
  placed('document title', 'api');
  const storedTitle = (await getDoc(text.id)).title;
  const metadata = {
    code: '05-NQ/TU',
    docType: P.tmpl,
    issuer: P.img,
    place: P.tmplStr,
    date: { text: `ngày 3-2-1961 ${P.tmplStr}`, start: '1961-02-03', end: '1961-02-03' },
    abstract: `${P.script} ${CTRL} về công tác`,
    notes: `${P.style} ${P.js}`,
    annotations: P.svg,
    form: P.js,
    condition: P.style,
    tags: [P.svg, P.js],
    people: [P.img],
    places: [P.tmpl],
    organisations: [P.style],
    languages: [P.tmplStr],
    location: { repository: P.svg, fond: `${P.img} ${CTRL}`, inventory: P.script, box: P.tmpl, file: P.js, folio: P.tmplStr },
  };
  await call(page, 'archive', 'updateMetadata', { baseVersion: await documentVersion(page, text.id), id: text.id, patch: metadata });
  for (const k of Object.keys(metadata)) if (k !== 'location' && k !== 'code') placed(`metadata ${k}`, 'api');
  for (const k of Object.keys(metadata.location)) placed(`location ${k}`, 'api');
  const transcription = `NGHỊ QUYẾT ${CTRL}\n${P.img}\n${P.svg}\n${P.script}\n${P.js}\n${P.tmpl}\n${P.tmplStr}\n${P.style}\nThi hành Nghị quyết số 07-NQ/TU ngày 5-3-1950 của Tỉnh ủy.`;
  const secondPage = second.pages[0]!.id;
  await call(page, 'archive', 'setPageText', { baseVersion: await pageTextVersion(page, secondPage), pageId: secondPage, text: transcription });
  placed('page transcription', 'api');
  await page.reload();
  await expect(page.getByTestId('doc-card')).toHaveCount(4);

  // --- Archive grid: the hostile title and file name as text; the text file's thumbnail still drawn.
  const card = (id: number) => page.locator(`[data-testid=doc-card][data-doc-id="${id}"]`);
  await literal(card(text.id), P.script);
  // A title made from a file name reads its underscores as spaces ("window. pwned"): the markup stays.
  await literal(card(second.id), '"><svg onload=window.');
  await literal(card(uploaded.id), "{{constructor.constructor('window.");
  // The thumbnails are drawn, with their lines of text (dark pixels), not an empty or broken image.
  const inked = (id: number) =>
    card(id)
      .locator('img.page-thumb-img')
      .evaluate((img: HTMLImageElement) => {
        if (!img.complete || !img.naturalWidth) return -1;
        const c = document.createElement('canvas');
        [c.width, c.height] = [img.naturalWidth, img.naturalHeight];
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data;
        let dark = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 0 && d[i]! + d[i + 1]! + d[i + 2]! < 384) dark++;
        return dark;
      });
  await expect.poll(() => inked(text.id), 'the text file with control characters in its first lines has a thumbnail with text').toBeGreaterThan(50);
  await expect.poll(() => inked(second.id)).toBeGreaterThan(50);
  await visit(page, events, 'archive-grid', page.getByTestId('doc-grid'));

  // --- Document panel and metadata panel.
  await card(text.id).click();
  const meta = page.getByTestId('metadata-panel');
  for (const v of [storedTitle, P.tmpl, P.img, P.tmplStr, P.svg, P.js, P.style, P.script]) await literalValue(meta, v);
  await visit(page, events, 'document-panel', page.locator('.doc-panel'));
  await visit(page, events, 'metadata-panel', meta);

  // --- Table view, a batch edit, the location tree.
  await page.getByTestId('view-catalogue').click();
  const table = page.getByTestId('catalogue-table');
  const row = (id: number) => table.locator(`[data-testid=catalogue-row][data-doc-id="${id}"]`);
  await literal(row(text.id), P.script);
  await literal(row(text.id), P.img);
  await visit(page, events, 'catalogue-table', table);
  await row(second.id).click();
  await row(uploaded.id).click({ modifiers: ['Control'] });
  await page.getByTestId('batch-edit').click();
  const batch = page.getByTestId('batch-dialog');
  await batch.getByTestId('batch-box').fill(`${P.svg} ${CTRL}`);
  await batch.getByTestId('batch-addTags').fill(P.tmpl);
  placed('batch edit box', 'ui');
  placed('batch edit tags', 'ui');
  await visit(page, events, 'batch-edit-dialog', batch);
  await batch.getByTestId('batch-apply').click();
  await expect(batch).toHaveCount(0);
  await literal(page.getByTestId('status-notice'), 'Đã sửa 2 tài liệu');
  if (!(await page.getByTestId('location-tree').isVisible())) await page.getByTestId('tree-toggle').click();
  const tree = page.getByTestId('location-tree');
  await literal(tree, P.img);
  await tree.getByRole('button', { name: 'Mở' }).first().click();
  await visit(page, events, 'location-tree', tree);

  // --- The search box, its results and snippets, a saved search with a hostile name.
  const search = page.getByTestId('archive-search');
  for (const v of [P.img, P.svg, P.script, P.tmpl, P.style]) {
    await search.fill(v);
    placed('search box', 'ui');
    await expect(search).toHaveValue(v);
    await page.waitForTimeout(250);
  }
  await visit(page, events, 'search-box-hostile-queries', search);
  await search.fill('onerror');
  await page.getByTestId('view-grid').click();
  await expect(page.getByTestId('search-hit').first()).toBeVisible();
  await literal(page.getByTestId('search-results'), '<img src=x onerror="window.__pwned');
  await visit(page, events, 'search-results', page.getByTestId('search-results'));
  await search.fill('nghi quyet so 07');
  await expect(page.getByTestId('search-hit')).toHaveCount(1);
  await literal(page.getByTestId('search-hit'), P.img);
  await page.getByTestId('saved-searches').click();
  await page.getByTestId('save-search').click();
  const prompt = page.getByTestId('save-search-dialog');
  const searchName = `${P.img} ${CTRL}`;
  await prompt.getByRole('textbox').fill(searchName);
  placed('saved search name', 'ui');
  await prompt.getByRole('button', { name: 'Lưu', exact: true }).click();
  await literal(page.getByTestId('status-notice'), P.img);
  await page.getByTestId('saved-searches').click();
  await literal(page.getByTestId('saved-search'), P.img);
  await visit(page, events, 'saved-searches', page.getByTestId('saved-search'));
  await page.keyboard.press('Escape');
  await search.fill('');

  // --- Quick open (Ctrl+K).
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+k');
  const quick = page.getByRole('dialog');
  await quick.getByRole('textbox').first().fill('bao cao');
  await literal(page.getByTestId('quick-open-item').filter({ hasText: 'Báo cáo' }).first(), P.script);
  await visit(page, events, 'quick-open', page.getByTestId('quick-open-item').first());
  await page.keyboard.press('Escape');

  // --- The page viewer: the text file's lines, the transcription, the saved web page.
  await card(text.id).dblclick();
  const sheet = page.getByTestId('text-sheet');
  await literal(sheet, '</textarea>');
  await literal(sheet, P.script);
  await literal(sheet, '<svg onload=window.__pwned=1>');
  await expect(page.getByTestId('transcription')).toHaveValue(/<\/textarea><script>window\.__pwned=1<\/script>/);
  figures.literalChecks++;
  await visit(page, events, 'page-viewer-text-file', page.getByTestId('viewer'));
  await visit(page, events, 'transcription', page.getByTestId('transcription'));
  await page.keyboard.press('Escape');
  await card(second.id).dblclick();
  for (const v of Object.values(P)) await expect.poll(() => page.getByTestId('transcription').inputValue()).toContain(v);
  figures.literalChecks++;
  await literal(sheet, P.img);
  await visit(page, events, 'page-viewer-transcribed', page.getByTestId('viewer'));
  await page.keyboard.press('Escape');
  await card(html.id).dblclick();
  await literal(sheet, 'Tin hoạt động của Đảng bộ');
  await literal(sheet, '<script>window.__pwned=1</script> như một chuỗi chữ');
  await literal(sheet, 'Liên kết lạ');
  await visit(page, events, 'page-viewer-web-page', page.getByTestId('viewer'));
  await page.keyboard.press('Escape');

  // --- What is still to be collected (the transcription cites a document not in the archive).
  await page.getByTestId('nav-toCollect').click();
  await literal(page.getByTestId('to-collect-row').first(), '07-NQ/TU');
  await literal(page.getByTestId('to-collect-row').first(), '"><svg onload=window.');
  await visit(page, events, 'to-collect', page.getByTestId('to-collect'));

  // --- A book: title and chapter through the UI, subtitle and details through the API.
  await page.getByTestId('nav-books').click();
  const bookTitle = `${P.tmpl} ${CTRL}Lịch sử`;
  await page.getByLabel('Tên sách').fill(bookTitle);
  await page.getByRole('button', { name: 'Tạo sách' }).click();
  placed('book title', 'ui');
  const chapterTitle = `${P.img} ${CTRL}Vùng đất`;
  await page.getByLabel('Tên chương').fill(chapterTitle);
  await page.getByRole('button', { name: 'Thêm chương' }).click();
  placed('chapter title', 'ui');
  const [book] = (await call(page, 'manuscript', 'listBooks', {})) as { id: number }[];
  const bookDetail = (await call(page, 'manuscript', 'getBook', { id: book!.id })) as { version: number };
  await call(page, 'manuscript', 'updateBook', {
    id: book!.id,
    baseVersion: bookDetail.version,
    subtitle: `${P.svg} ${CTRL}`,
    details: {
      compilingBody: P.img,
      period: P.tmplStr,
      placeYear: P.js,
      credits: { board: [P.script], editorInChief: [P.tmpl] },
      colophon: { publisher: P.script, printer: P.style, editors: [P.svg], registration: P.tmplStr },
      cover: { backText: `${P.img}\n${P.style}\n${CTRL}` },
    },
  });
  // A second chapter left empty: the check before printing names it.
  await call(page, 'manuscript', 'addChapter', { bookId: book!.id, title: `${P.script} ${CTRL}Chương trống` });
  placed('chapter title (empty chapter)', 'api');
  for (const k of ['subtitle', 'compiling body', 'period', 'place and year', 'credits board', 'credits editor', 'colophon publisher', 'colophon printer', 'colophon editors', 'colophon registration', 'cover back text']) placed(`book ${k}`, 'api');
  await page.reload();
  await page.getByTestId('nav-books').click();
  const chapterItem = page.getByTestId('chapter-item').first();
  await literal(chapterItem, P.img);
  await literal(page.locator('.outline-subtitle'), P.svg);
  await visit(page, events, 'books-outline', chapterItem);

  // The chapter typed in the editor: a paragraph, a footnote, a name from the register, a comment.
  await chapterItem.click();
  const editor = page.getByTestId('chapter-editor');
  await editor.click();
  await page.keyboard.type(`Mở đầu ${TYPED_SCRIPT} và ${P.tmplStr} `);
  placed('chapter text', 'ui');
  await page.getByTestId('insert-footnote').click();
  const popup = page.locator('.footnote-popup .footnote-editor');
  await expect(popup).toBeFocused();
  await page.keyboard.type(`Chú thích ${TYPED_IMG}`);
  placed('footnote', 'ui');
  await page.keyboard.press('Escape');
  await expect(editor).toBeFocused();
  await page.keyboard.type(' ông ');
  await page.keyboard.type('@');
  const picker = page.getByTestId('mention-picker');
  const personName = `${P.svg} Lò Văn ${CTRL}`;
  await picker.getByRole('textbox').fill(personName);
  await visit(page, events, 'mention-picker', picker);
  await picker.getByTestId('mention-create-person').click();
  placed('name in the register (mention)', 'ui');
  await expect(picker).toHaveCount(0);
  await literal(editor, TYPED_SCRIPT);
  await literal(editor, P.tmplStr);
  await literal(editor.locator('span.mention'), P.svg);
  await editor.locator('p').first().click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await selectionSettled(page);
  await page.getByTestId('insert-comment').click();
  const comments = page.getByTestId('comments-panel');
  await comments.getByLabel('Người góp ý').fill(P.style);
  await comments.getByLabel('Nội dung góp ý').fill(`${P.img} ${CTRL}`);
  placed('comment author', 'ui');
  placed('comment text', 'ui');
  await comments.getByRole('button', { name: 'Thêm góp ý' }).click();
  await literal(comments.getByTestId('comment-item'), P.img);
  await literal(comments.getByTestId('comment-item'), P.style);
  await visit(page, events, 'comments', comments);
  await expect(page.getByTestId('save-state')).toContainText('Đã lưu');
  await visit(page, events, 'chapter-editor', editor);
  await page.getByRole('tab', { name: 'Chú thích' }).click();
  await literal(page.getByTestId('footnote-item').first(), TYPED_IMG);
  await visit(page, events, 'footnote-panel', page.getByTestId('footnote-item').first());

  // The book details dialog.
  await page.getByRole('button', { name: 'Thông tin sách' }).click();
  const details = page.getByRole('dialog');
  for (const v of [P.tmpl, P.svg, P.img, P.tmplStr, P.js, P.script, P.style]) await literalValue(details, v);
  await visit(page, events, 'book-details', details);
  await details.getByRole('button', { name: 'Hủy', exact: true }).click();
  await expect(details).toHaveCount(0);

  // The preview, drawn by pdf.js from the typeset PDF.
  await page.getByTestId('preview-book').click();
  const preview = page.getByTestId('preview-dialog');
  await expect(preview.getByTestId('preview-status')).toHaveText(/^\d+ trang$/, { timeout: 60_000 });
  await visit(page, events, 'pdf-preview', preview);
  await preview.getByRole('button', { name: 'Đóng' }).click();

  // The check before printing, then the PDF itself: the payloads printed as words.
  const pdfPath = path.join(work, 'sach.pdf');
  const panel = page.getByTestId('preflight-panel');
  const downloading = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByRole('button', { name: 'Xuất PDF', exact: true }).click();
  // The empty chapter is a finding, so the panel comes before the file.
  await literal(panel, P.script);
  await visit(page, events, 'preflight-panel', panel);
  await panel.getByRole('button', { name: 'Vẫn xuất PDF' }).click();
  await (await downloading).saveAs(pdfPath);
  const printed = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(printed).toContain('window.__pwned=1');
  await visit(page, events, 'book-after-export', editor);

  // The name register.
  await page.getByTestId('nav-names').click();
  await literalValue(page.getByTestId('name-row').first(), P.svg);
  await visit(page, events, 'names', page.getByTestId('names-table'));

  // Backups.
  await page.getByTestId('open-backups').click();
  const backups = page.getByRole('dialog');
  await visit(page, events, 'backups', backups);
  await backups.getByRole('button', { name: 'Đóng', exact: true }).click();
  await expect(backups).toHaveCount(0);

  // What was kept of the control characters, as stored (read back through the API).
  const names = (await call(page, 'manuscript', 'listNames', { query: '' })) as { name: string }[];
  const stored = (await call(page, 'manuscript', 'getBook', { id: book!.id })) as { title: string; subtitle: string; nodes: { id: number; title: string }[] };
  const firstChapter = stored.nodes.find((n) => n.title.includes('Vùng đất'))!;
  const storedComments = (await call(page, 'manuscript', 'listComments', { nodeId: firstChapter.id })) as { text: string }[];
  const storedDoc = (await call(page, 'archive', 'getDocument', { id: text.id })) as { metadata: { abstract?: string } };
  const storedPageText = (await call(page, 'archive', 'getPageText', { pageId: secondPage })) as { text: string };
  const storedFirstLines = (await call(page, 'archive', 'getPageText', { pageId: text.pages[0]!.id })) as { text: string };
  const storedSearches = (await call(page, 'catalogue', 'savedSearches', {})) as { name: string }[];
  const project = (await call(page, 'project', 'current', {})) as { title: string; path: string };
  const controlChars = {
    importReport: reportShows,
    projectTitle: controls(project.title),
    projectFolder: controls(project.path),
    titleFromHostFileName: controls(second.title),
    titleFromUploadedFileName: controls(uploaded.title),
    titleSetThroughApi: controls(storedTitle),
    abstract: controls(storedDoc.metadata.abstract ?? ''),
    transcription: controls(storedPageText.text),
    textFileContent: controls(storedFirstLines.text),
    bookTitle: controls(stored.title),
    chapterTitle: controls(firstChapter.title),
    comment: controls(storedComments[0]?.text ?? ''),
    savedSearchName: controls(storedSearches[0]?.name ?? ''),
    registerName: controls(names.find((n) => n.name.includes('Lò Văn'))?.name ?? ''),
  };

  // The welcome screen after closing: the recent project's hostile folder name, as text.
  await page.getByRole('button', { name: 'Đóng dự án' }).click();
  const recent = page.locator('.recent-name').first();
  await literal(recent, P.svg);
  await visit(page, events, 'welcome-recent', recent);

  // Nothing ran later either.
  await page.waitForTimeout(500);
  expect(await traces(page)).toEqual(CLEAN);
  expect(events).toEqual([]);

  const out = {
    hostileText: {
      payloads: Object.keys(P).length,
      placements: figures.placements.length,
      placedThroughUi: figures.placements.filter((p) => p.how === 'ui').length,
      placedThroughApi: figures.placements.filter((p) => p.how === 'api').length,
      placedInFiles: figures.placements.filter((p) => p.how === 'file').length,
      screens: figures.screens.length,
      literalChecks: figures.literalChecks,
      uploadsRefusedForTheirName: refused.length,
      executed: 0,
      dialogs: 0,
      pageErrors: 0,
      controlChars,
      bidiLeaks: figures.bidiLeaks.length,
    },
  };
  console.log(JSON.stringify(out));
  console.log(`screens: ${figures.screens.join(', ')}`);
  for (const l of figures.bidiLeaks) console.log(`bidi leak at ${l.screen}: ${l.text}`);
  // Stored text loses bidi overrides, and names shown in the app's own sentences are made printable:
  // no override turns the app's words around anywhere.
  expect(figures.bidiLeaks).toEqual([]);
});

test('the checks see a payload that does run: its flag, its elements, its style, its reversed text', async ({ page }) => {
  // The same payloads put into a page as markup (what the app must never do) trip every check.
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent(`<div id="root">Sử Quán</div><p>${P.img}</p><p>${P.svg}</p><p>${P.script}</p><a href="${P.js}">x</a><p>${P.style}</p>`);
  await expect.poll(async () => (await traces(page)).pwned).not.toBeNull();
  const seen = await traces(page);
  expect(seen.imgX).toBe(1);
  expect(seen.svgOnload).toBeGreaterThan(0);
  expect(seen.inlineScripts).toBe(1);
  expect(seen.handlerAttributes.length).toBeGreaterThan(0);
  expect(seen.javascriptUrls).toBe(1);
  expect(seen.hidingStyles).toBe(1);
  expect(seen.rootShown).toBe(false);
  // An override that nothing isolates turns the sentence after it around; in a <bdi>, only the name.
  await page.setContent(`<div id="root"><p>Tên \u202etệp.txt của bạn</p><p>Tên <bdi>\u202etệp.txt</bdi> của bạn</p></div>`);
  expect(await bidiLeaks(page)).toEqual(['Tên <U+202E>tệp.txt của bạn', '<U+202E>tệp.txt']);
  expect(errors).toEqual([]);
});
