/**
 * No silent overwrites: two windows (two clients of one host, as two browser tabs are) each read
 * something, both change it; the change based on the older version is refused, nothing is
 * overwritten, and a refused chapter text survives as a revision.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../shared/api/client';
import { connect, makeImage, tempDir } from './helpers';
import { writeFileSync } from 'node:fs';

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of disposers.splice(0)) await d();
});

async function twoTabs() {
  const { app, api: tabA } = connect();
  disposers.push(() => app.dispose());
  const tabB = createClient((s, m, a) => app.dispatch(s, m, a));
  await tabA.project.create({ path: path.join(tempDir(), 'p.suquan'), title: 'Dự án' });
  return { app, tabA, tabB };
}

const doc = (...texts: string[]) => ({ type: 'doc' as const, content: texts.map((t) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })) });

describe('no silent overwrites', () => {
  it('a chapter saved in one tab is not overwritten by the stale tab; its text is kept as a revision', async () => {
    const { tabA, tabB } = await twoTabs();
    const book = await tabA.manuscript.createBook({ kind: 'history', title: 'Sách' });
    const node = await tabA.manuscript.addChapter({ bookId: book.id, title: 'Chương một' });
    const a = await tabA.manuscript.getChapter({ id: node.id });
    const b = await tabB.manuscript.getChapter({ id: node.id });
    expect(a.version).toBe(b.version);

    const savedA = await tabA.manuscript.saveChapter({ id: node.id, doc: doc('Bản của tab A.'), baseVersion: a.version });
    expect(savedA).toMatchObject({ status: 'saved', version: a.version + 1 });
    const savedB = await tabB.manuscript.saveChapter({ id: node.id, doc: doc('Bản của tab B, gõ cùng lúc.'), baseVersion: b.version });
    expect(savedB).toMatchObject({ status: 'conflict', version: a.version + 1, message: expect.stringMatching(/^Chương «Chương một» vừa được lưu ở nơi khác .* được giữ thành một phiên bản/) });
    if (savedB.status !== 'conflict') throw new Error('expected a conflict');

    // The stored text is A's; B's is a revision of reason 'conflict', and the two can be compared.
    expect(JSON.stringify((await tabB.manuscript.getChapter({ id: node.id })).doc)).toContain('Bản của tab A.');
    const kept = await tabB.manuscript.getRevision({ id: savedB.keptRevisionId });
    expect(kept).toMatchObject({ reason: 'conflict', nodeId: node.id });
    expect(JSON.stringify(kept.doc)).toContain('Bản của tab B, gõ cùng lúc.');
    const diff = await tabB.manuscript.compareRevisions({ nodeId: node.id, from: savedB.keptRevisionId, to: null });
    expect(diff.summary.changed + diff.summary.added + diff.summary.removed).toBeGreaterThan(0);

    // "Keep mine": B's text becomes current and A's is kept first.
    await tabB.manuscript.restoreRevision({ id: savedB.keptRevisionId });
    expect(JSON.stringify((await tabA.manuscript.getChapter({ id: node.id })).doc)).toContain('tab B');
    const reasons = (await tabA.manuscript.listRevisions({ nodeId: node.id })).map((r) => r.reason);
    expect(reasons).toEqual(expect.arrayContaining(['conflict', 'before-restore', 'restore']));
  });

  it('a stale change of a book’s details or structure is refused and changes nothing', async () => {
    const { tabA, tabB } = await twoTabs();
    const book = await tabA.manuscript.createBook({ kind: 'history', title: 'Sách' });
    const one = await tabA.manuscript.addChapter({ bookId: book.id, title: 'Một' });
    await tabA.manuscript.addChapter({ bookId: book.id, title: 'Hai' });
    const seenByB = await tabB.manuscript.getBook({ id: book.id });
    const seenByA = await tabA.manuscript.getBook({ id: book.id });

    await tabA.manuscript.renameNode({ id: one.id, title: 'Chương một (sửa)', baseVersion: seenByA.version });
    const conflict = { code: 'manuscript.book-conflict', message: expect.stringMatching(/^Sách «Sách» vừa được thay đổi ở nơi khác/) };
    await expect(tabB.manuscript.updateBook({ id: book.id, baseVersion: seenByB.version, title: 'Tên khác' })).rejects.toMatchObject(conflict);
    await expect(tabB.manuscript.deleteNode({ id: one.id, baseVersion: seenByB.version })).rejects.toMatchObject(conflict);
    await expect(tabB.manuscript.moveNode({ id: one.id, parentId: null, index: 1, baseVersion: seenByB.version })).rejects.toMatchObject(conflict);
    await expect(tabB.manuscript.setChapterStatus({ id: one.id, status: 'review', baseVersion: seenByB.version })).rejects.toMatchObject(conflict);
    const now = await tabB.manuscript.getBook({ id: book.id });
    expect(now).toMatchObject({ title: 'Sách', nodes: [{ title: 'Chương một (sửa)', status: 'draft' }, { title: 'Hai' }] });
    // Based on what it now sees, B's change goes through.
    expect((await tabB.manuscript.moveNode({ id: one.id, parentId: null, index: 1, baseVersion: now.version })).nodes.map((n) => n.title)).toEqual(['Hai', 'Chương một (sửa)']);
  });

  it('a stale change of a document’s metadata or a page’s transcription is refused', async () => {
    const { tabA, tabB } = await twoTabs();
    const file = path.join(tempDir(), 'nghi-quyet.jpg');
    writeFileSync(file, await makeImage('jpeg'));
    await tabA.archive.importPaths({ paths: [file] });
    const seenByA = await tabA.archive.getDocument({ id: 1 });
    const seenByB = await tabB.archive.getDocument({ id: 1 });

    await tabA.archive.updateMetadata({ id: 1, patch: { code: '05-NQ/TU' }, baseVersion: seenByA.version });
    await expect(tabB.archive.updateMetadata({ id: 1, patch: { code: '06-NQ/TU' }, baseVersion: seenByB.version })).rejects.toMatchObject({
      code: 'archive.document-conflict',
      message: expect.stringMatching(/^Tài liệu «nghi-quyet» vừa được sửa ở nơi khác/),
    });
    await expect(tabB.archive.updateDocument({ id: 1, title: 'Tên khác', baseVersion: seenByB.version })).rejects.toMatchObject({ code: 'archive.document-conflict' });
    await expect(tabB.archive.acceptSuggestions({ id: 1, baseVersion: seenByB.version })).rejects.toMatchObject({ code: 'archive.document-conflict' });
    expect(await tabB.archive.getDocument({ id: 1 })).toMatchObject({ title: 'nghi-quyet', metadata: { code: '05-NQ/TU' } });

    const pageId = seenByA.pages[0]!.id;
    const textA = await tabA.archive.getPageText({ pageId });
    const textB = await tabB.archive.getPageText({ pageId });
    await tabA.archive.setPageText({ pageId, text: 'Chép lời ở tab A.', baseVersion: textA.textVersion });
    await expect(tabB.archive.setPageText({ pageId, text: 'Chép lời ở tab B.', baseVersion: textB.textVersion })).rejects.toMatchObject({ code: 'archive.page-conflict' });
    expect((await tabB.archive.getPageText({ pageId })).text).toBe('Chép lời ở tab A.');
  });

  it('refuses a chapter that is not what the editor makes, before a byte changes', async () => {
    const { tabA } = await twoTabs();
    const book = await tabA.manuscript.createBook({ kind: 'history', title: 'Sách' });
    const node = await tabA.manuscript.addChapter({ bookId: book.id, title: 'Chương' });
    const nonsense = { type: 'doc' as const, content: [{ type: 'blink', content: [{ type: 'text', text: 'x' }] }] };
    await expect(tabA.manuscript.saveChapter({ id: node.id, doc: nonsense, baseVersion: node.version })).rejects.toMatchObject({ code: 'manuscript.invalid-document' });
    expect((await tabA.manuscript.getChapter({ id: node.id })).version).toBe(node.version);
  });
});
