/**
 * A project made elsewhere (or by an older version) can hold control characters in its titles —
 * the services drop them on the way in, but the project file is outside their control. Every XML
 * the exports write must still be well-formed: the Word file (read back with mammoth, its XML
 * parts checked against XML 1.0's characters), the catalogue XLSX (read back with exceljs, whose
 * parser refuses what XML forbids) and the PDF's XMP metadata (pdfinfo -meta).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectSession } from '../../../electron/core/project/projectSession';
import { connect, makeImage, tempDir } from '../foundation/helpers';

/** Characters XML 1.0 does not allow in a document (its Char production), as they would sit in a part's text. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const CONTROLS = 'Lịch sử\u001b[31m Đảng bộ\u0007 xã\u000b Tân\u001a Hòa\u0000\ufffe';
const CLEAN = 'Lịch sử[31m Đảng bộ xã Tân Hòa';

const open: { app: { dispose(): unknown } }[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.app.dispose();
});

/** A project with one imported scan and a one-chapter book whose titles are then overwritten with control characters, past the services. */
async function craftedProject() {
  const dir = path.join(tempDir(), 'p.suquan');
  const first = connect();
  await first.api.project.create({ path: dir, title: 'Dự án thử' });
  const scan = path.join(tempDir(), 'trang.jpg');
  writeFileSync(scan, await makeImage('jpeg', 400, 560));
  await first.api.archive.importPaths({ paths: [scan] });
  const book = await first.api.manuscript.createBook({ kind: 'history', title: 'Sách' });
  const ch = await first.api.manuscript.addChapter({ bookId: book.id, title: 'Chương' });
  await first.api.manuscript.saveChapter({ id: ch.id, baseVersion: ch.version, doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Nội dung chương.' }] }] } });
  await first.app.dispose();

  const session = new ProjectSession();
  const { db } = session.open(dir);
  db.prepare('UPDATE documents SET title = ?').run(CONTROLS);
  db.prepare('UPDATE books SET title = ?, subtitle = ?').run(CONTROLS, CONTROLS);
  db.prepare('UPDATE book_nodes SET title = ? WHERE id = ?').run(CONTROLS, ch.id);
  session.close();

  const c = connect();
  open.push(c);
  await c.api.project.open({ path: dir });
  return { ...c, bookId: book.id };
}

async function xmlPartsWithBadCharacters(zipBytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(zipBytes);
  const bad: string[] = [];
  for (const [name, f] of Object.entries(zip.files)) if (/\.(xml|rels)$/.test(name) && NOT_XML.test(await f.async('string'))) bad.push(name);
  return bad;
}

describe('exports of a project holding control characters', () => {
  it('the Word file is well-formed XML and reads back with the titles, controls dropped', async () => {
    const { api, bookId } = await craftedProject();
    const out = path.join(tempDir(), 'sách.docx');
    await api.publish.exportWord({ bookId, path: out });
    const bytes = readFileSync(out);
    expect(await xmlPartsWithBadCharacters(bytes)).toEqual([]);
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    expect(value).toContain(CLEAN);
    expect(value).toContain('Nội dung chương.');
    expect(value).not.toMatch(NOT_XML);
  });

  it('the catalogue XLSX reads back with exceljs, the title without its controls', async () => {
    const { api } = await craftedProject();
    const out = path.join(tempDir(), 'mục lục.xlsx');
    await api.catalogue.export({ format: 'xlsx', columns: ['id', 'title'], title: CONTROLS, path: out });
    expect(await xmlPartsWithBadCharacters(readFileSync(out))).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Mục lục')!.getRow(2).getCell(2).value).toBe(CLEAN);
    expect(wb.getWorksheet('Thông tin')!.getRow(1).getCell(2).value).toBe(CLEAN);
  });

  it("the PDF's XMP metadata is well-formed and names the book", async () => {
    const { api, bookId } = await craftedProject();
    const out = path.join(tempDir(), 'sách.pdf');
    await api.publish.exportPdf({ bookId, path: out });
    const r = spawnSync('pdfinfo', ['-meta', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('<x:xmpmeta');
    expect(r.stdout).toContain(`<rdf:li xml:lang="x-default">${CLEAN}</rdf:li>`);
    expect(r.stdout).not.toMatch(NOT_XML);
  }, 60_000);
});
