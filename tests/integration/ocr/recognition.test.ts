/**
 * OCR through the real contract on generated office scans: a tilted resolution on yellowed paper
 * and a page scanned sideways are imported, recognised by the shipped Vietnamese model, and then
 * found by search on words that exist only on the scans; the header prefills number, type,
 * issuer and date as suggestions; word boxes land on the image; a typed page is never
 * overwritten; re-reading keeps the earlier text; a cancelled job leaves every page whole.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeScan } from '../../fixtures/scans';
import { openNewProject, tempDir } from '../archive/fixtures';

type Project = Awaited<ReturnType<typeof openNewProject>>;
let p: Project;

const RESOLUTION = [
  'TỈNH ỦY LAI CHÂU                ĐẢNG LAO ĐỘNG VIỆT NAM',
  'Số 05-NQ/TU                Lai Châu, ngày 3 tháng 2 năm 1961',
  '',
  'NGHỊ QUYẾT',
  'về công tác xây dựng Đảng ở vùng cao',
  '',
  'Hội nghị Ban Chấp hành Đảng bộ tỉnh họp tại huyện Phong Thổ đã thảo luận nhiệm vụ khai hoang, làm thủy lợi nhỏ và mở lớp bình dân học vụ cho đồng bào các dân tộc.',
].join('\n');

const REPORT = 'BÁO CÁO\nTình hình hợp tác xã Nậm Nhùn năm 1962\nXã viên đã gặt xong vụ mùa, thóc nộp đủ, đời sống ổn định.';

let resolutionId = 0;
let reportId = 0;

beforeAll(async () => {
  p = await openNewProject();
  const dir = tempDir();
  writeFileSync(path.join(dir, 'nghi-quyet-05.jpg'), await makeScan(RESOLUTION, { rotate: 1.5, yellowed: true, seed: 3, format: 'jpeg', dpi: 200 }));
  writeFileSync(path.join(dir, 'bao-cao.png'), await makeScan(REPORT, { turn: 90, seed: 4, dpi: 200, font: 'typewriter' }));
  const r = await p.api.archive.importPaths({ paths: [path.join(dir, 'nghi-quyet-05.jpg'), path.join(dir, 'bao-cao.png')] });
  const ids = r.outcomes.map((o) => (o.status === 'imported' ? o.documentId : 0));
  [resolutionId, reportId] = ids as [number, number];
}, 60_000);
afterAll(() => p.close());

describe('recognising scans', () => {
  it('reads every scanned page not yet recognised, and search then finds words that exist only on the scans', async () => {
    expect(await p.api.ocr.coverage({})).toMatchObject({ imagePages: 2, unrecognised: 2 });
    expect((await p.api.archive.search({ query: 'Phong Thổ' })).total).toBe(0);
    const s = await p.api.ocr.recognize({ all: true });
    expect(s.state).toBe('done');
    expect(s.outcomes.map((o) => o.status)).toEqual(['recognised', 'recognised']);
    expect(await p.api.ocr.coverage({})).toMatchObject({ unrecognised: 0, ocr: 2 });

    const hits = await p.api.archive.search({ query: 'Phong Thổ' });
    expect(hits.hits.map((h) => h.documentId)).toEqual([resolutionId]);
    expect(hits.hits[0]!.snippet.marks.length).toBeGreaterThan(0);
    // The sideways page was turned upright before reading.
    expect((await p.api.archive.search({ query: 'Nậm Nhùn' })).hits.map((h) => h.documentId)).toEqual([reportId]);
    const report = await p.api.archive.getDocument({ id: reportId });
    expect(report.pages[0]!.textSource).toBe('ocr');
  }, 120_000);

  it('prefills the number, type, issuer and date from the recognised header, for confirmation only', async () => {
    const doc = await p.api.archive.getDocument({ id: resolutionId });
    expect(doc.suggestions.code).toBe('05-NQ/TU');
    expect(doc.suggestions.docType).toBe('Nghị quyết');
    expect(doc.suggestions.issuer).toBe('TỈNH ỦY LAI CHÂU');
    expect(doc.suggestions.date).toMatchObject({ start: '1961-02-03' });
    expect(doc.metadata.code).toBeUndefined();
    // Its own number, read from its header, is not a reference to another document.
    expect((await p.api.archive.documentLinks({ id: resolutionId })).refersTo).toEqual([]);
  });

  it('keeps word boxes and confidence on the page image, a search word where it is printed', async () => {
    const doc = await p.api.archive.getDocument({ id: resolutionId });
    const page = doc.pages[0]!;
    const ocr = (await p.api.ocr.page({ pageId: page.id }))!;
    expect(ocr.width).toBe(page.width);
    expect(ocr.height).toBe(page.height);
    expect(ocr.words.length).toBeGreaterThan(30);
    for (const w of ocr.words) {
      expect(w.box[0]).toBeGreaterThanOrEqual(0);
      expect(w.box[2]).toBeLessThanOrEqual(ocr.width);
      expect(w.box[3]).toBeLessThanOrEqual(ocr.height);
      expect(w.confidence).toBeGreaterThanOrEqual(0);
    }
    // The header's right column ("Lai Châu, ngày …") lies right of its left one ("Số 05-NQ/TU"),
    // the title line ("NGHỊ QUYẾT") below them and above the body ("Phong Thổ").
    const find = (text: string) => ocr.words.find((w) => w.text === text)!;
    const [number, place, title, phong] = [find('05-NQ/TU'), find('Lai'), find('QUYẾT'), find('Phong')];
    for (const w of [number, place, title, phong]) expect(w).toBeDefined();
    expect(place.box[0]).toBeGreaterThan(number.box[2]);
    expect(Math.abs(place.box[1] - number.box[1])).toBeLessThan(ocr.height * 0.02);
    expect(title.box[1]).toBeGreaterThan(number.box[3]);
    expect(title.box[3]).toBeLessThan(phong.box[1]);
    expect(ocr.confidence).toBeGreaterThan(70);
  });

  it('never overwrites a typed page, and keeps an earlier reading as a revision when reading again', async () => {
    const doc = await p.api.archive.getDocument({ id: resolutionId });
    const page = doc.pages[0]!;
    const typed = await p.api.archive.setPageText({ pageId: page.id, text: 'Bản chép tay của người lưu trữ.', baseVersion: page.textVersion });
    const s = await p.api.ocr.recognize({ documentIds: [resolutionId], redo: true });
    expect(s.outcomes).toEqual([]);
    expect(s.skipped).toBe(1);
    expect((await p.api.archive.getPageText({ pageId: page.id })).text).toBe('Bản chép tay của người lưu trữ.');
    expect(typed.textSource).toBe('typed');

    const other = (await p.api.archive.getDocument({ id: reportId })).pages[0]!;
    const machine = await p.api.archive.setPageText({ pageId: other.id, text: 'Bản máy đọc trước đây.', source: 'ocr', baseVersion: other.textVersion });
    expect(machine.textSource).toBe('ocr');
    // Not asked to read again: a recognised page is left alone.
    expect((await p.api.ocr.recognize({ documentIds: [reportId] })).total).toBe(0);
    const again = await p.api.ocr.recognize({ documentIds: [reportId], redo: true });
    expect(again.outcomes.map((o) => o.status)).toEqual(['recognised']);
    const revisions = await p.api.ocr.revisions({ pageId: other.id });
    expect(revisions.map((r) => r.text)).toEqual(['Bản máy đọc trước đây.']);
    expect((await p.api.archive.getPageText({ pageId: other.id })).text).toContain('Nậm Nhùn');
  }, 120_000);

  it('stops when cancelled, leaving each page recognised or untouched', async () => {
    const dir = tempDir();
    const files = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const f = path.join(dir, `trang-${i}.png`);
        writeFileSync(f, await makeScan(`Biên bản số ${i}\nHội nghị chi bộ xã Mường So lần thứ ${i + 1}.`, { seed: 10 + i, dpi: 150 }));
        return f;
      }),
    );
    const r = await p.api.archive.importPaths({ paths: files });
    const ids = r.outcomes.map((o) => (o.status === 'imported' ? o.documentId : 0));
    const { jobId, total } = await p.api.ocr.start({ scope: { documentIds: ids } });
    expect(total).toBe(3);
    await p.api.jobs.cancel({ jobId });
    const s = await p.api.ocr.status({ jobId });
    expect(s.state).toBe('cancelled');
    expect(s.done).toBeLessThan(3);
    for (const id of ids) {
      const page = (await p.api.archive.getDocument({ id })).pages[0]!;
      const ocr = await p.api.ocr.page({ pageId: page.id });
      // Whole or untouched: text and boxes together, or neither.
      expect(page.textSource === 'ocr').toBe(ocr !== null);
    }
  }, 120_000);
});
