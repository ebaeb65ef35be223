/**
 * Term-aware links between sources and the list of documents to collect, through the real
 * contract with text files imported for real: "16-NQ/TW" of 1955 and of 2022 both in the archive;
 * a 1975 report links only to the 1955 one, a 2023 report to the 2022 one, an undated note to
 * both as ambiguous; a year written with the reference decides. What no archived document can be
 * (a number cited before any document bearing it, a number nobody has) is to be collected, with
 * its count and its places in the archive and the manuscript; the index follows edits, the
 * project's own abbreviations, reopening, and a project migrated from before the index existed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/store/projectDatabase';
import type { ToCollectItem } from '../../../shared/api/archive';
import { openNewProject, tempDir } from './fixtures';

type Project = Awaited<ReturnType<typeof openNewProject>>;
let p: Project;
const ids = { nq1955: 0, nq2022: 0, bc1975: 0, bc2023: 0, note: 0, explicit: 0, early: 0 };
let chapterId = 0;
let bookId = 0;
let chronicleId = 0;
let entryId = 0;

async function importText(name: string, lines: string[]): Promise<number> {
  const file = path.join(tempDir(), `${name}.txt`);
  writeFileSync(file, lines.join('\n'));
  const r = await p.api.archive.importPaths({ paths: [file] });
  const o = r.outcomes[0]!;
  if (o.status !== 'imported') throw new Error(JSON.stringify(o));
  return o.documentId;
}

const links = (id: number) => p.api.archive.documentLinks({ id });
const item = (list: ToCollectItem[], code: string, period?: string) => list.find((i) => i.code === code && (period === undefined || i.period === period));

beforeAll(async () => {
  p = await openNewProject();
  // Two resolutions with one number, 67 years apart: the header gives number and date (suggested).
  ids.nq1955 = await importText('nq-1955', ['BAN CHẤP HÀNH TRUNG ƯƠNG', 'Số 16-NQ/TW', 'Hà Nội, ngày 5 tháng 8 năm 1955', 'NGHỊ QUYẾT về công tác cải cách ruộng đất.']);
  ids.nq2022 = await importText('nq-2022', ['BỘ CHÍNH TRỊ', 'Số 16-NQ/TW', 'Hà Nội, ngày 5 tháng 8 năm 2022', 'NGHỊ QUYẾT về xây dựng Đảng.']);
  // The 2022 one is described by hand (accepted), the 1955 one only suggested: both identify them.
  const d = await p.api.archive.getDocument({ id: ids.nq2022 });
  await p.api.archive.acceptSuggestions({ id: ids.nq2022, baseVersion: d.version });

  ids.bc1975 = await importText('bc-1975', [
    'TỈNH ỦY LAI CHÂU',
    'Số 12-BC/TU',
    'Lai Châu, ngày 30 tháng 4 năm 1975',
    'BÁO CÁO',
    'Thực hiện Nghị quyết số 16-NQ/TW của Trung ương và Chỉ thị số 05-CT/TU của Tỉnh ủy,',
    'các chi bộ đã quán triệt Chỉ thị số 05-CT/TU đến từng đảng viên.',
  ]);
  ids.bc2023 = await importText('bc-2023', [
    'TỈNH ỦY LAI CHÂU',
    'Số 40-BC/TU',
    'Lai Châu, ngày 10 tháng 3 năm 2023',
    'BÁO CÁO',
    'Kết quả một năm thực hiện Nghị quyết số 16-NQ/TW và Kết luận số 21-KL/TW của Ban Chấp hành Trung ương.',
  ]);
  ids.note = await importText('ghi-chep', ['Ghi chép của đồng chí Bí thư: học tập Nghị quyết số 16-NQ/TW.']);
  ids.explicit = await importText('trich', ['Trích dẫn: Nghị quyết số 16-NQ/TW năm 1955 của Trung ương.']);
  ids.early = await importText('thu-1950', ['TỈNH ỦY LAI CHÂU', 'Lai Châu, ngày 2 tháng 9 năm 1950', 'THƯ', 'Nhắc lại Nghị quyết số 16-NQ/TW của Trung ương.']);

  const book = await p.api.manuscript.createBook({ kind: 'history', title: 'Lịch sử Đảng bộ tỉnh Lai Châu' });
  bookId = book.id;
  const ch = await p.api.manuscript.addChapter({ bookId, title: 'Chương I' });
  chapterId = ch.id;
  const content = await p.api.manuscript.getChapter({ id: ch.id });
  await p.api.manuscript.saveChapter({
    id: ch.id,
    baseVersion: content.version,
    doc: {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Tỉnh ủy ra Chỉ thị số 05-CT/TU, rồi Kết luận số 01-KL/TU.' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Toàn Đảng bộ học tập Nghị quyết số 16-NQ/TW ngày 5-8-2022' },
            { type: 'footnote', content: [{ type: 'text', text: 'Xem thêm Nghị quyết số 16-NQ/TW.' }] },
            { type: 'text', text: '.' },
          ],
        },
      ],
    } as never,
  });

  // A chronicle: an entry's date is the date of its text.
  const chronicle = await p.api.manuscript.createBook({ kind: 'chronicle', title: 'Biên niên sự kiện' });
  chronicleId = chronicle.id;
  const year = await p.api.manuscript.addChapter({ bookId: chronicle.id, title: 'Năm 2023' });
  entryId = year.id;
  await p.api.manuscript.saveChapter({
    id: year.id,
    baseVersion: (await p.api.manuscript.getChapter({ id: year.id })).version,
    doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ngày 10-3-2023. Tỉnh ủy tổ chức học tập Nghị quyết số 16-NQ/TW.' }] }] } as never,
  });
});
afterAll(() => p.close());

describe('links read within terms', () => {
  it('a 1975 report links to the 1955 resolution only; a number nobody has is missing', async () => {
    const l = await links(ids.bc1975);
    expect(l.refersTo.map((r) => [r.code, r.status, r.documents.map((d) => d.id), r.candidates.map((d) => d.id)])).toEqual([
      ['16-NQ/TW', 'resolved', [ids.nq1955], []],
      ['05-CT/TU', 'missing', [], []],
    ]);
    expect(l.refersTo[0]).toMatchObject({ pageSeq: 1, basis: 'closest-earlier', documents: [{ id: ids.nq1955, title: 'nq-1955', date: 'ngày 5 tháng 8 năm 1955' }] });
  });

  it('a 2023 report links to the 2022 resolution, of its own term', async () => {
    const [nq, kl] = (await links(ids.bc2023)).refersTo;
    expect(nq).toMatchObject({ code: '16-NQ/TW', status: 'resolved', basis: 'same-term', documents: [{ id: ids.nq2022 }], candidates: [] });
    expect(kl).toMatchObject({ code: '21-KL/TW', status: 'missing' });
  });

  it('an undated text cannot choose: ambiguous, with both candidates; a year written with the code decides', async () => {
    expect((await links(ids.note)).refersTo).toEqual([
      {
        code: '16-NQ/TW',
        pageSeq: 1,
        status: 'ambiguous',
        basis: 'none',
        documents: [],
        candidates: [
          { id: ids.nq1955, title: 'nq-1955', date: 'ngày 5 tháng 8 năm 1955' },
          { id: ids.nq2022, title: 'nq-2022', date: 'ngày 5 tháng 8 năm 2022' },
        ],
      },
    ]);
    expect((await links(ids.explicit)).refersTo).toEqual([
      { code: '16-NQ/TW', pageSeq: 1, status: 'resolved', basis: 'date-in-text', written: 'năm 1955', documents: [{ id: ids.nq1955, title: 'nq-1955', date: 'ngày 5 tháng 8 năm 1955' }], candidates: [] },
    ]);
    // A text older than both refers to neither.
    expect((await links(ids.early)).refersTo.map((r) => [r.code, r.status])).toEqual([['16-NQ/TW', 'missing']]);
  });

  it('"referred to by" counts only the texts that resolve to the document; the others are "may refer"', async () => {
    const old = await links(ids.nq1955);
    expect(old.referredBy.map((r) => r.documentId).sort()).toEqual([ids.bc1975, ids.explicit].sort());
    expect(old.possiblyReferredBy.map((r) => r.documentId)).toEqual([ids.note]);
    // A document's own number in its header is not a reference to itself.
    expect(old.refersTo).toEqual([]);
    const recent = await links(ids.nq2022);
    expect(recent.referredBy.map((r) => r.documentId)).toEqual([ids.bc2023]);
    expect(recent.possiblyReferredBy.map((r) => r.documentId)).toEqual([ids.note]);
    // The chapter names it with its date (and once more in a footnote, without one: ambiguous there).
    expect(recent.mentionedIn).toEqual([
      { bookId, bookTitle: 'Lịch sử Đảng bộ tỉnh Lai Châu', nodeId: chapterId, nodeTitle: 'Chương I', count: 2, ambiguous: false },
      { bookId: chronicleId, bookTitle: 'Biên niên sự kiện', nodeId: entryId, nodeTitle: 'Năm 2023', count: 1, ambiguous: false },
    ]);
    expect(old.mentionedIn).toEqual([{ bookId, bookTitle: 'Lịch sử Đảng bộ tỉnh Lai Châu', nodeId: chapterId, nodeTitle: 'Chương I', count: 1, ambiguous: true }]);
  });
});

describe('the list of documents to collect (cần sưu tầm)', () => {
  it('lists what is cited but not archived, with counts and places, term by term, in code order', async () => {
    const list = await p.api.archive.toCollect({});
    expect(list.items.map((i) => [i.code, i.period, i.count])).toEqual([
      // Central Committee first, by type then number: the 1950 letter cites a 16-NQ/TW of khóa I.
      ['21-KL/TW', 'khóa XIII (2021–2026)', 1],
      ['16-NQ/TW', 'khóa I (1935–1951)', 1],
      ['05-CT/TU', '', 3],
      ['01-KL/TU', '', 1],
    ]);
    const ct = item(list.items, '05-CT/TU')!;
    expect(ct).toMatchObject({ typeName: 'Chỉ thị', issuerName: 'Tỉnh ủy', notAfter: '1975-04-30', placeCount: 2 });
    expect(ct.places).toEqual([
      { kind: 'document', documentId: ids.bc1975, title: 'bc-1975', pageSeq: 1, count: 2 },
      { kind: 'chapter', bookId, bookTitle: 'Lịch sử Đảng bộ tỉnh Lai Châu', nodeId: chapterId, nodeTitle: 'Chương I', count: 1 },
    ]);
    expect(item(list.items, '16-NQ/TW')).toMatchObject({ notAfter: '1950-09-02', places: [{ kind: 'document', documentId: ids.early, pageSeq: 1, count: 1 }] });
    // Archived ones are never listed, whatever the text says.
    expect(list.items.some((i) => i.code === '12-BC/TU' || i.code === '40-BC/TU')).toBe(false);
  });

  it('follows the texts: a corrected transcription, a newly archived document, a project abbreviation', async () => {
    const doc = await p.api.archive.getDocument({ id: ids.bc2023 });
    const page = doc.pages[0]!;
    await p.api.archive.setPageText({ pageId: page.id, baseVersion: page.textVersion, text: 'Kết quả thực hiện Kết luận số 21-KL/TW năm 2022 và Kế hoạch số 03-BCĐ/ĐUK.' });
    expect((await links(ids.nq2022)).referredBy).toEqual([]);
    let list = await p.api.archive.toCollect({});
    // The written year now decides the term of 21-KL/TW… and 03-BCĐ/ĐUK is no code the tables know.
    expect(item(list.items, '21-KL/TW')).toMatchObject({ period: 'khóa XIII (2021–2026)', written: 'năm 2022' });
    expect(item(list.items, '03-BCĐ/ĐUK')).toBeUndefined();

    await p.api.archive.setCodeAbbreviation({ table: 'partyIssuers', code: 'ĐUK', name: 'Đảng ủy Khối' });
    list = await p.api.archive.toCollect({});
    expect(item(list.items, '03-BCĐ/ĐUK')).toMatchObject({ issuerName: 'Đảng ủy Khối', count: 1 });

    // The 05-CT/TU comes in: no longer to collect.
    const ct = await importText('ct-05', ['TỈNH ỦY LAI CHÂU', 'Số 05-CT/TU', 'Lai Châu, ngày 3 tháng 2 năm 1961', 'CHỈ THỊ về công tác tư tưởng.']);
    list = await p.api.archive.toCollect({});
    expect(item(list.items, '05-CT/TU')).toBeUndefined();
    expect((await links(ids.bc1975)).refersTo[1]).toMatchObject({ code: '05-CT/TU', status: 'resolved', documents: [{ id: ct }] });
    await p.api.archive.deleteDocument({ id: ct });
    expect(item((await p.api.archive.toCollect({})).items, '05-CT/TU')).toMatchObject({ count: 3 });

    // Reopened: the index lives in the project.
    await p.api.project.close({});
    await p.api.project.open({ path: p.dir });
    expect((await links(ids.bc1975)).refersTo[0]).toMatchObject({ status: 'resolved', documents: [{ id: ids.nq1955 }] });
  });

  it('exports the list as CSV (UTF-8 with BOM) and XLSX that read back', async () => {
    const csvPath = path.join(tempDir(), 'cần sưu tầm.csv');
    const csv = await p.api.archive.exportToCollect({ format: 'csv', path: csvPath });
    expect(csv.fileName).toBe('Tài liệu cần sưu tầm.csv');
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(csvPath);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Số và ký hiệu,Tên loại,Cơ quan ban hành,Nhiệm kỳ / năm,Ngày ghi khi dẫn,Ban hành trước ngày,Số lần được dẫn,Số nơi dẫn,Nơi dẫn');
    expect(lines.find((l) => l.startsWith('05-CT/TU,'))).toBe(
      `05-CT/TU,Chỉ thị,Tỉnh ủy,,,1975-04-30,3,2,"Tài liệu số ${ids.bc1975} «bc-1975», tr. 1 (2 lần); Sách «Lịch sử Đảng bộ tỉnh Lai Châu» › «Chương I»"`,
    );

    const xlsxPath = path.join(tempDir(), 'cần sưu tầm.xlsx');
    await p.api.archive.exportToCollect({ format: 'xlsx', path: xlsxPath });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    const ws = wb.getWorksheet('Cần sưu tầm')!;
    expect(ws.getRow(1).getCell(1).value).toBe('Số và ký hiệu');
    const rows = ws.getSheetValues().slice(2) as unknown[][];
    const ct = rows.find((r) => r[1] === '05-CT/TU')!;
    expect(ct[7]).toBe(3);
    expect((ct[6] as Date).toISOString().slice(0, 10)).toBe('1975-04-30');
  });
});

describe('pages that move', () => {
  it('carry their references to their new document', async () => {
    // The 1950 letter's page joins the undated note: its reference is now the note's, and ambiguous.
    await p.api.archive.mergeDocuments({ targetId: ids.note, sourceIds: [ids.early] });
    expect(item((await p.api.archive.toCollect({})).items, '16-NQ/TW')).toBeUndefined();
    const db = p.app.session.require().db;
    expect(db.prepare('SELECT DISTINCT document_id, seq FROM document_refs r WHERE page_id IN (SELECT id FROM pages WHERE document_id = ?) ORDER BY seq').all(ids.note)).toEqual([
      { document_id: ids.note, seq: 1 },
      { document_id: ids.note, seq: 2 },
    ]);
    expect((await links(ids.nq1955)).possiblyReferredBy.map((r) => [r.documentId, r.pageSeq])).toEqual([[ids.note, 1]]);
  });
});

describe('the reference index in a project made before it existed', () => {
  it('is built from the pages and documents already there', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const db = new Database(file);
    migrate(db, 16);
    const now = '2026-01-01T00:00:00Z';
    db.prepare("INSERT INTO files(sha256, size, mime, original_name, imported_at) VALUES (?, 1, 'text/plain', 'a.txt', ?)").run('a'.repeat(64), now);
    db.prepare("INSERT INTO documents(id, title, metadata, created_at, updated_at) VALUES (1, 'NQ', ?, ?, ?)").run(JSON.stringify({ code: '16-NQ/TƯ', date: { text: 'ngày 5-8-1955' } }), now, now);
    db.prepare("INSERT INTO documents(id, title, metadata, created_at, updated_at) VALUES (2, 'BC', '{}', ?, ?)").run(now, now);
    db.prepare("INSERT INTO pages(document_id, seq, file_sha256, width, height, text) VALUES (2, 1, ?, 1, 1, 'Thực hiện Nghị quyết số 16-NQ/TW ngày 5-8-1955.')").run('a'.repeat(64));
    migrate(db);
    expect(db.prepare('SELECT code_key, code, date_start, date_end FROM document_codes WHERE document_id = 1').get()).toEqual({
      code_key: '16nqtw',
      code: '16-NQ/TW',
      date_start: '1955-08-05',
      date_end: '1955-08-05',
    });
    expect(db.prepare('SELECT code_key, date_start, date_text FROM document_refs').all()).toEqual([{ code_key: '16nqtw', date_start: '1955-08-05', date_text: 'ngày 5-8-1955' }]);
    db.close();
  });
});
