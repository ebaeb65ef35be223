/**
 * A document's date through the real contract: the core derives the sortable days from the text
 * whenever a date arrives without them (a save, an accepted suggestion), keeps days set by hand,
 * and names a bad field in Vietnamese.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNewProject, tempDir } from './fixtures';

type Project = Awaited<ReturnType<typeof openNewProject>>;
let p: Project;

beforeAll(async () => {
  p = await openNewProject();
});
afterAll(() => p.close());

let seq = 0;
async function newDoc(text = 'Báo cáo tình hình.'): Promise<number> {
  const file = path.join(tempDir(), `tài liệu ${++seq}.txt`);
  writeFileSync(file, `${text}\nSố thứ tự ${seq}.`);
  const r = await p.api.archive.importPaths({ paths: [file] });
  const o = r.outcomes[0]!;
  if (o.status !== 'imported') throw new Error(JSON.stringify(o));
  return o.documentId;
}

const version = async (id: number) => (await p.api.archive.getDocument({ id })).version;

describe('the sortable days of a document’s date', () => {
  it('are derived from the text when a date is saved without them', async () => {
    const id = await newDoc();
    let doc = await p.api.archive.updateMetadata({ id, baseVersion: await version(id), patch: { date: { text: 'tháng 3-1946' } } });
    expect(doc.metadata.date).toEqual({ text: 'tháng 3-1946', start: '1946-03-01', end: '1946-03-31' });
    doc = await p.api.archive.updateMetadata({ id, baseVersion: doc.version, patch: { date: { text: 'ngày 15 tháng Giêng năm Bính Tuất' } } });
    expect(doc.metadata.date).toEqual({ text: 'ngày 15 tháng Giêng năm Bính Tuất', start: '1946-02-16', end: '1946-02-16' });
    // Stored so: read back from the database, not from the reply.
    expect((await p.api.archive.getDocument({ id })).metadata.date).toEqual(doc.metadata.date);
  });

  it('keep days set by hand, and complete one given alone from the text', async () => {
    const id = await newDoc();
    let doc = await p.api.archive.updateMetadata({
      id,
      baseVersion: await version(id),
      patch: { date: { text: 'Đông Xuân 1953-1954', start: '1953-12-06', end: '1954-05-07' } },
    });
    expect(doc.metadata.date).toEqual({ text: 'Đông Xuân 1953-1954', start: '1953-12-06', end: '1954-05-07' });
    // Another field saved: the hand-set days stay.
    doc = await p.api.archive.updateMetadata({ id, baseVersion: doc.version, patch: { code: '12-BC/TU' } });
    expect(doc.metadata.date).toEqual({ text: 'Đông Xuân 1953-1954', start: '1953-12-06', end: '1954-05-07' });
    doc = await p.api.archive.updateMetadata({ id, baseVersion: doc.version, patch: { date: { text: 'Cuối năm 1930', start: '1930-10-28' } } });
    expect(doc.metadata.date).toEqual({ text: 'Cuối năm 1930', start: '1930-10-28', end: '1930-12-31' });
  });

  it('are left out for a text that is not a date, which is still stored as written', async () => {
    const id = await newDoc();
    const doc = await p.api.archive.updateMetadata({ id, baseVersion: await version(id), patch: { date: { text: 'không rõ ngày' } } });
    expect(doc.metadata.date).toEqual({ text: 'không rõ ngày' });
  });

  it('are derived when a suggestion without them is accepted', async () => {
    const id = await newDoc();
    // A suggestion stored by an older version of the app: the date's text only.
    p.app.session.require().db.prepare('UPDATE documents SET suggestions = ? WHERE id = ?').run(JSON.stringify({ date: { text: 'Xuân Mậu Thân 1968' } }), id);
    const doc = await p.api.archive.acceptSuggestions({ id, baseVersion: await version(id), fields: ['date'] });
    expect(doc.metadata.date).toEqual({ text: 'Xuân Mậu Thân 1968', start: '1968-02-01', end: '1968-04-30' });
  });

  it('refuse a malformed day naming the field in Vietnamese, not its path', async () => {
    const id = await newDoc();
    const err = await p.api.archive.updateMetadata({ id, baseVersion: await version(id), patch: { date: { text: 'tháng 3-1946', start: '1946-3-1' } } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'api.invalid-input', field: 'patch.date.start' });
    expect((err as Error).message).toMatch(/^Từ ngày \(để sắp xếp\): /);
    expect((err as Error).message).not.toContain('patch');
  });
});
