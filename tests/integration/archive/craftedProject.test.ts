/**
 * A project folder is untrusted input (issue 14). A project is made as a user makes it, then its
 * project.sqlite is edited the way someone crafting one would (the CHECK on files.sha256 removed,
 * foreign keys off): hashes that are paths ('../../x', '/etc/passwd', a 64-character one that
 * climbs out to a file beside the project), a page pointing at no files row, a missing original, an
 * original replaced by a link to a file outside, a link in cache/ leading outside, a 20 MB page
 * of text. Everything a user does with it — open it, view its pages and thumbnails (in process and
 * through the browser host), search it, export a book citing it and its catalogue, `suquan check`
 * and `--repair` — must neither read nor write outside the project folder, nor crash; and check
 * names every bad row. The folder around the project is the sentinel: nothing in it may change.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../shared/api/client';
import { inProcessServices } from '../../../electron/core/remote/inProcessServices';
import { startWebServer } from '../../../electron/host/web/webServer';
import { ProjectLayout } from '../../../electron/core/store/projectLayout';
import { registerSqlFunctions } from '../../../electron/core/store/sqlFunctions';
import { makeScan, tempDir } from './fixtures';
import { hostRequest, suquanCli } from '../foundation/helpers';

const suquan = suquanCli();

/** Bytes no answer may ever contain: they live only outside the project. */
const MARK = `SENTINEL-${process.pid}-${Date.now()}-NGOAI-DU-AN`;

interface Crafted {
  outer: string;
  dir: string;
  layout: ProjectLayout;
  /** Page ids by what was done to them. */
  pages: { rel: number; abs: number; climb: number; noRow: number; missing: number; linked: number; good: number; huge: number };
  docs: Record<keyof Crafted['pages'], number>;
  climb: string;
  noRowHash: string;
  missingHash: string;
  linkedHash: string;
}

/** Every file and link under `root` except the project folder: path → content hash or link target. */
function snapshot(root: string, skip: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (full === skip) continue;
      const rel = path.relative(root, full);
      if (e.isSymbolicLink()) out.set(rel, `link ${readlinkSync(full)}`);
      else if (e.isDirectory()) {
        out.set(rel, 'dir');
        walk(full);
      } else out.set(rel, createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(root);
  return out;
}

const passwd = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8').split('\n')[0]! : null;

/** No bytes of a file outside the project in an answer. */
function expectNothingFromOutside(bytes: Uint8Array | string): void {
  const s = Buffer.from(bytes as Uint8Array).toString('latin1');
  expect(s.includes(MARK)).toBe(false);
  if (passwd) expect(s.includes(Buffer.from(passwd).toString('latin1'))).toBe(false);
}

async function craft(): Promise<Crafted> {
  const outer = tempDir('suquan-crafted-');
  const dir = path.join(outer, 'p', 'Dự án lạ.suquan');
  const src = path.join(outer, 'nguon');
  mkdirSync(src, { recursive: true });
  const names = ['rel', 'abs', 'climb', 'noRow', 'missing', 'linked', 'good'] as const;
  for (const [i, n] of names.entries()) writeFileSync(path.join(src, `${i + 1}-${n}.jpg`), await makeScan('jpeg', 200, 280, i + 1));
  writeFileSync(path.join(src, '8-huge.txt'), 'Báo cáo tình hình hợp tác xã năm 1960.');
  // What a crafted path would reach: a real JPEG (a viewer would show it, a thumbnail could be
  // made of it) carrying the mark, where '../../x' and the 64-character climb lead.
  const secret = Buffer.concat([await makeScan('jpeg', 120, 160, 99), Buffer.from(MARK)]);
  writeFileSync(path.join(outer, 'x'), secret);
  writeFileSync(path.join(outer, 'secret.jpg'), secret);
  mkdirSync(path.join(outer, 'sink'));

  const app = inProcessServices({ defaultParent: tempDir() });
  const api = createClient((s, m, a) => app.dispatch(s, m, a));
  await api.project.create({ path: dir, title: 'Dự án nhận từ nơi khác' });
  const report = await api.archive.importPaths({ paths: [src] });
  const docIds = report.outcomes.map((o) => (o as { documentId: number }).documentId);
  expect(docIds).toHaveLength(8);
  const pageOf = async (id: number) => (await api.archive.getDocument({ id })).pages[0]!;
  const all = await Promise.all(docIds.map(pageOf));
  await app.dispose();

  const layout = new ProjectLayout(dir);
  const [rel, abs, climbPage, noRow, missing, linked, good, huge] = all as [typeof all[0], typeof all[0], typeof all[0], typeof all[0], typeof all[0], typeof all[0], typeof all[0], typeof all[0]];
  // 64 characters (so it passes the CHECK anyway) that climb from files/ to the secret beside the project.
  let climb = path.relative(layout.filesDir, path.join(outer, 'secret.jpg'));
  while (climb.length < 63) climb = `./${climb}`;
  if (climb.length === 63) climb = `/${climb}`;
  expect(climb).toHaveLength(64);
  // Before the fix, this is where a page with that hash was read from.
  expect(path.join(layout.filesDir, climb.slice(0, 2), climb)).toBe(path.join(outer, 'secret.jpg'));
  const noRowHash = 'e'.repeat(64);

  // The files table made again without its CHECK, with its rows, indexes and triggers.
  const crafted = new Database(layout.database);
  registerSqlFunctions(crafted);
  crafted.pragma('foreign_keys = OFF');
  const tableSql = crafted.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'files'").pluck().get() as string;
  expect(tableSql).toContain('CHECK (length(sha256) = 64)');
  const companions = crafted.prepare("SELECT sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND tbl_name = 'files' AND sql IS NOT NULL").pluck().all() as string[];
  crafted.transaction(() => {
    crafted.exec(tableSql.replace('CHECK (length(sha256) = 64)', '').replace(/^CREATE TABLE files\b/, 'CREATE TABLE files_crafted'));
    crafted.exec('INSERT INTO files_crafted SELECT * FROM files; DROP TABLE files; ALTER TABLE files_crafted RENAME TO files;');
    for (const sql of companions) crafted.exec(sql);
  })();
  const addFile = crafted.prepare("INSERT INTO files(sha256, size, mime, original_name, imported_at) VALUES (?, 1, 'image/jpeg', 'x.jpg', '2026-01-01')");
  const point = crafted.prepare('UPDATE pages SET file_sha256 = ? WHERE id = ?');
  for (const [value, page] of [['../../x', rel], ['/etc/passwd', abs], [climb, climbPage]] as const) {
    addFile.run(value);
    point.run(value, page.id);
  }
  point.run(noRowHash, noRow.id);
  // A 20 MB page of text, written as a crafted file would be: past the search index's triggers.
  const triggers = crafted.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'pages'").pluck().all() as string[];
  const names2 = crafted.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'pages'").pluck().all() as string[];
  for (const n of names2) crafted.exec(`DROP TRIGGER "${n}"`);
  const words = 'hợp tác xã nông nghiệp phát triển sản xuất ';
  crafted.prepare('UPDATE pages SET text = ? WHERE id = ?').run(words.repeat(Math.ceil(20e6 / Buffer.byteLength(words))), huge.id);
  for (const t of triggers) crafted.exec(t);
  crafted.close();

  // A missing original; an original replaced by a link to the secret; the text page's thumbnail
  // folder a link to a folder outside (cache/ may be deleted and rebuilt, so it is).
  rmSync(layout.original(missing.fileSha256), { force: true });
  rmSync(layout.original(linked.fileSha256), { force: true });
  symlinkSync(path.join(outer, 'secret.jpg'), layout.original(linked.fileSha256));
  rmSync(path.join(layout.cacheDir, 'thumbs'), { recursive: true, force: true });
  expect(huge.fileSha256.slice(0, 2)).not.toBe(good.fileSha256.slice(0, 2));
  mkdirSync(path.join(layout.cacheDir, 'thumbs'), { recursive: true });
  symlinkSync(path.join(outer, 'sink'), path.join(layout.cacheDir, 'thumbs', huge.fileSha256.slice(0, 2)));

  const pages = { rel: rel.id, abs: abs.id, climb: climbPage.id, noRow: noRow.id, missing: missing.id, linked: linked.id, good: good.id, huge: huge.id };
  const docs = Object.fromEntries(Object.keys(pages).map((k, i) => [k, docIds[i]!])) as Crafted['docs'];
  return { outer, dir, layout, pages, docs, climb, noRowHash, missingHash: missing.fileSha256, linkedHash: linked.fileSha256 };
}

const get = (port: number, p: string) => hostRequest(port, { path: p, headers: { Cookie: 'suquan_token=t0ken' } });

let c: Crafted;
let before: Map<string, string>;

beforeAll(async () => {
  c = await craft();
  before = snapshot(c.outer, c.dir);
}, 120_000);

afterAll(() => {
  // The folder around the project is exactly as it was: nothing written there, nothing removed.
  expect(snapshot(c.outer, c.dir)).toEqual(before);
});

describe('a crafted project folder', () => {
  it('opens, shows pages and thumbnails, searches and exports without reaching outside the project', async () => {
    const services = inProcessServices({ defaultParent: tempDir() });
    const api = createClient((s, m, a) => services.dispatch(s, m, a));
    const rendererDir = tempDir();
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Sử Quán</title>');
    const web = await startWebServer({ services, rendererDir, token: 't0ken' });
    try {
      await api.project.open({ path: c.dir });
      const listed = await api.archive.listDocuments({});
      expect(listed.total).toBe(8);
      for (const id of Object.values(c.docs)) expectNothingFromOutside(JSON.stringify(await api.archive.getDocument({ id })));

      // Pages and thumbnails: the bad rows get nothing (the viewer's "không hiển thị được", a 404
      // in browser mode); the good page is shown; every answer is a file inside the project.
      const root = realpathSync(c.dir);
      const answered: Record<string, [boolean, boolean]> = {};
      for (const [name, id] of Object.entries(c.pages)) {
        const page = await services.file('page', String(id));
        const thumb = await services.file('thumb', String(id));
        answered[name] = [page !== null, thumb !== null];
        for (const f of [page, thumb]) {
          if (!f) continue;
          expect(realpathSync(f.path).startsWith(root + path.sep)).toBe(true);
          expectNothingFromOutside(readFileSync(f.path));
        }
        for (const kind of ['page', 'thumb']) {
          const r = await get(web.port, `/files/${kind}/${id}`);
          expect(r.status === 200 || r.status === 404).toBe(true);
          expectNothingFromOutside(r.body);
        }
      }
      expect(answered).toEqual({
        rel: [false, false],
        abs: [false, false],
        climb: [false, false],
        noRow: [false, false],
        missing: [false, false],
        linked: [false, false],
        good: [true, true],
        huge: [false, false], // text has no image; its thumbnail folder leads outside
      });
      expect((await get(web.port, `/files/page/${c.pages.good}`)).status).toBe(200);
      expect((await get(web.port, `/files/page/${c.pages.climb}`)).status).toBe(404);

      // Search, the 20 MB page included.
      const found = await api.archive.search({ query: 'hợp tác xã' });
      expectNothingFromOutside(JSON.stringify(found));
      expectNothingFromOutside(JSON.stringify(await api.archive.search({ query: 'passwd' })));

      // A book citing the crafted documents, with figures of their pages, exported; the catalogue too.
      const book = await api.manuscript.createBook({ kind: 'history', title: 'Lịch sử Đảng bộ xã' });
      const ch = await api.manuscript.addChapter({ bookId: book.id, title: 'Chương một' });
      const figure = (key: keyof Crafted['pages']) => ({
        type: 'figure',
        attrs: { documentId: c.docs[key], pageId: c.pages[key], pageSeq: 1 },
        content: [{ type: 'text', text: `Hình ${key}` }],
      });
      const cite = (key: keyof Crafted['docs']) => ({ type: 'footnote', content: [{ type: 'citation', attrs: { documentId: c.docs[key], pageId: null, pageSeq: 1, folio: '', text: '' } }] });
      const doc = {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Phong trào hợp tác hóa.' }, cite('rel'), cite('climb'), cite('huge')] },
          ...(['rel', 'abs', 'climb', 'noRow', 'missing', 'linked', 'good'] as const).map(figure),
        ],
      };
      const { version } = await api.manuscript.getChapter({ id: ch.id });
      const saved = await api.manuscript.saveChapter({ id: ch.id, doc: doc as never, baseVersion: version });
      expect(saved.status).toBe('saved');
      const pdf = await api.publish.exportPdf({ bookId: book.id });
      const word = await api.publish.exportWord({ bookId: book.id });
      const catalogue = await api.catalogue.export({ format: 'xlsx' });
      const cataloguePdf = await api.catalogue.export({ format: 'pdf' });
      for (const e of [pdf, word, catalogue, cataloguePdf]) {
        const f = await services.file('export', e.exportId);
        expect(f && realpathSync(f.path).startsWith(root + path.sep)).toBe(true);
        expectNothingFromOutside(readFileSync(f!.path));
      }
      // A crafted document as a searchable PDF: refused in a sentence, or made without the image.
      const asPdf = await api.publish.exportDocument({ documentId: c.docs.climb }).then(
        async (e) => readFileSync((await services.file('export', e.exportId))!.path),
        (e: { code?: string }) => e,
      );
      if (Buffer.isBuffer(asPdf)) expectNothingFromOutside(asPdf);
      else expect(typeof asPdf.code).toBe('string');
    } finally {
      await web.close();
      await services.dispose();
    }
    expect(snapshot(c.outer, c.dir)).toEqual(before);
  }, 180_000);

  it('suquan check names every bad row by table, document and page, and exits 2', () => {
    const r = suquan('check', c.dir, '--json');
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout).result as {
      problems: { problem: string; sha256: string | null; row?: { table: string; value: string }; pages?: { documentId: number; seq: number }[] }[];
    };
    const seen = report.problems.map((p) => ({ problem: p.problem, table: p.row?.table ?? null, value: p.row?.value ?? p.sha256, docs: (p.pages ?? []).map((pg) => pg.documentId) }));
    expect(seen).toEqual(
      expect.arrayContaining([
        { problem: 'invalid-hash', table: 'files', value: '../../x', docs: [c.docs.rel] },
        { problem: 'invalid-hash', table: 'files', value: '/etc/passwd', docs: [c.docs.abs] },
        { problem: 'invalid-hash', table: 'files', value: c.climb, docs: [c.docs.climb] },
        { problem: 'no-file-row', table: 'pages', value: c.noRowHash, docs: [c.docs.noRow] },
        { problem: 'missing', table: null, value: c.missingHash, docs: [c.docs.missing] },
        { problem: 'unreadable', table: null, value: c.linkedHash, docs: [c.docs.linked] },
      ]),
    );
    expect(seen).toHaveLength(6);
    expectNothingFromOutside(r.stdout);

    const human = suquan('check', c.dir);
    expect(human.code).toBe(2);
    expectNothingFromOutside(human.stdout);
    const line = (needle: string) => human.stdout.split('\n').find((l) => l.includes(needle)) ?? '';
    expect(line('«../../x»')).toMatch(new RegExp(`^✗ mã băm tệp không hợp lệ .*: bảng files, giá trị «\\.\\./\\.\\./x» — tài liệu #${c.docs.rel} «1-rel» trang 1$`));
    expect(line('«/etc/passwd»')).toContain(`tài liệu #${c.docs.abs} «2-abs» trang 1`);
    expect(line(c.noRowHash)).toMatch(new RegExp(`^✗ trang trỏ tới một tệp gốc mà bảng files không ghi: bảng pages, giá trị «e{64}» — tài liệu #${c.docs.noRow} «4-noRow» trang 1$`));
    expect(line('thiếu tệp gốc')).toContain(`tài liệu #${c.docs.missing} «5-missing» trang 1`);
    expect(line('không đọc được tệp gốc')).toContain(`tài liệu #${c.docs.linked} «6-linked» trang 1`);
    expect(human.stdout).toContain('Kết quả: CÓ LỖI');
  }, 60_000);

  it('check reports leftovers and temporary files without calling them damage; --repair removes only those', () => {
    // An original an interrupted import stored, and the temporary file of a write whose process is gone.
    const leftover = 'ab'.repeat(32);
    mkdirSync(path.dirname(c.layout.original(leftover)), { recursive: true });
    writeFileSync(c.layout.original(leftover), 'bytes of a scan');
    const temp = path.join(c.layout.cacheDir, 'previews', '.x.png.999999999.k3j2.part');
    mkdirSync(path.dirname(temp), { recursive: true });
    writeFileSync(temp, 'half a preview');
    const r = suquan('check', c.dir, '--json');
    expect(r.code).toBe(2); // the crafted rows, not the leftovers
    const report = JSON.parse(r.stdout).result;
    expect(report).toMatchObject({ leftovers: [leftover], leftoversRemoved: 0, tempFiles: [path.relative(c.dir, temp)], tempFilesRemoved: 0 });
    expect(report.problems).toHaveLength(6);
    expect(existsSync(temp) && existsSync(c.layout.original(leftover))).toBe(true);

    const human = suquan('check', c.dir, '--repair');
    expect(human.code).toBe(2);
    expect(human.stdout).toContain('Đã dọn 1 tệp do một lần nhập bị ngắt giữa chừng để lại');
    expect(human.stdout).toContain('Đã dọn 1 tệp tạm');
    expect(existsSync(temp) || existsSync(c.layout.original(leftover))).toBe(false);
    // The crafted rows' targets and the links are left where they are: repair removes only leftovers.
    expect(lstatSync(c.layout.original(c.linkedHash)).isSymbolicLink()).toBe(true);
    expect(snapshot(c.outer, c.dir)).toEqual(before);
  }, 60_000);
});

describe('a project.sqlite of a schema no version made', () => {
  it('is refused in a sentence', async () => {
    const app = inProcessServices({ defaultParent: tempDir() });
    const api = createClient((s, m, a) => app.dispatch(s, m, a));
    const dir = path.join(tempDir(), 'lạ.suquan');
    await api.project.create({ path: dir, title: 'Lạ' });
    await app.dispose();
    const db = new Database(path.join(dir, 'project.sqlite'));
    db.pragma('user_version = 5');
    db.close();
    const r = suquan('check', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('phiên bản lược đồ (5) mà không phiên bản Sử Quán nào tạo ra');
  }, 60_000);
});

describe('a project folder whose files/, cache/ and backups/ are links to elsewhere', () => {
  it('imports, exports and backs up nothing through them, and deletes nothing there', async () => {
    const outer = tempDir('suquan-linked-');
    const dir = path.join(outer, 'Dự án.suquan');
    const elsewhere = path.join(outer, 'nơi khác');
    let app = inProcessServices({ defaultParent: outer });
    let api = createClient((s, m, a) => app.dispatch(s, m, a));
    await api.project.create({ path: dir, title: 'Dự án có liên kết' });
    await app.dispose();
    for (const sub of ['files', 'cache', 'backups']) {
      rmSync(path.join(dir, sub), { recursive: true, force: true });
      mkdirSync(path.join(elsewhere, sub, 'tmp'), { recursive: true });
      symlinkSync(path.join(elsewhere, sub), path.join(dir, sub));
    }
    // What a cleanup of staged copies or temporary files would delete, were it to follow the links.
    writeFileSync(path.join(elsewhere, 'cache', 'tmp', 'import-1-cũ.part'), 'không phải của dự án');
    writeFileSync(path.join(elsewhere, 'files', 'tmp', '.a.pdf.1.x.part'), 'không phải của dự án');
    const before = snapshot(outer, dir);

    app = inProcessServices({ defaultParent: outer });
    api = createClient((s, m, a) => app.dispatch(s, m, a));
    try {
      await api.project.open({ path: dir });
      const scan = path.join(tempDir(), 'bản quét.jpg');
      writeFileSync(scan, await makeScan('jpeg', 200, 280, 9));
      const imported = await api.archive.importPaths({ paths: [scan] });
      expect(imported.outcomes[0]).toMatchObject({ status: 'rejected' });
      expect(JSON.stringify(imported.outcomes[0])).toContain('ra ngoài thư mục dự án');

      const book = await api.manuscript.createBook({ kind: 'history', title: 'Sách' });
      const ch = await api.manuscript.addChapter({ bookId: book.id, title: 'Chương một' });
      const { version } = await api.manuscript.getChapter({ id: ch.id });
      await api.manuscript.saveChapter({ id: ch.id, baseVersion: version, doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Xã được thành lập năm 1948.' }] }] } as never });
      await expect(api.publish.exportPdf({ bookId: book.id })).rejects.toMatchObject({ code: 'project.outside' });
      await expect(api.backup.create({})).rejects.toMatchObject({ code: 'project.outside' });
    } finally {
      await app.dispose();
    }
    expect(snapshot(outer, dir)).toEqual(before);
  }, 60_000);
});
