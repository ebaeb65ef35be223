/**
 * Mentions feed the book's index: names in the project's registry (migration 0011), mentions in
 * chapters holding their ids, and an exported PDF whose index (Bảng tra cứu) lists each name with
 * the pages its mentions are printed on — read back page by page with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadManuscriptBook } from '../../../electron/core/manuscript/bookModel';
import { openHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

const text = (t: string) => ({ type: 'text', text: t });
const named = (t: string, n: { id: number; kind: string; name: string }) => ({ type: 'text', text: t, marks: [{ type: 'mention', attrs: { nameId: n.id, kind: n.kind, term: n.name } }] });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });

describe('the registry of names', () => {
  it('finds names without diacritics, keeps one entry per name and kind, and corrects names', async () => {
    const a = await h.call('createName', { kind: 'person', name: 'Nguyễn  Văn A' });
    expect(a.name).toBe('Nguyễn Văn A');
    expect((await h.call('createName', { kind: 'person', name: 'Nguyễn Văn A' })).id).toBe(a.id);
    const place = await h.call('createName', { kind: 'place', name: 'Tam Đường' });
    await h.call('createName', { kind: 'organisation', name: 'Huyện ủy Tam Đường' });
    expect((await h.call('listNames', { query: 'tam duong' })).map((n) => n.name)).toEqual(['Tam Đường', 'Huyện ủy Tam Đường']);
    expect((await h.call('listNames', { query: 'tam duong', kind: 'organisation' })).map((n) => n.name)).toEqual(['Huyện ủy Tam Đường']);
    expect((await h.call('listNames', { query: 'van a' })).map((n) => n.id)).toEqual([a.id]);
    expect((await h.call('updateName', { id: place.id, name: 'Tam Đường (huyện)' })).name).toBe('Tam Đường (huyện)');
    await expect(h.call('updateName', { id: place.id, name: 'Huyện ủy Tam Đường' })).resolves.toMatchObject({ name: 'Huyện ủy Tam Đường' }); // another kind: allowed
    await expect(h.call('updateName', { id: a.id, name: '' })).rejects.toThrow();
  });
});

describe('mentions in the exported index', () => {
  it('lists people, places and organisations with the pages their mentions are printed on', async () => {
    const person = await h.call('createName', { kind: 'person', name: 'Nguyễn Văn Áng' });
    const place = await h.call('createName', { kind: 'place', name: 'Bình Lư' });
    const org = await h.call('createName', { kind: 'organisation', name: 'Chi bộ Bản Giang' });
    const book = await h.call('createBook', { kind: 'history', title: 'Lịch sử Đảng bộ xã Bình Lư' });
    const one = await h.call('addChapter', { bookId: book.id, title: 'Vùng đất, con người' });
    const two = await h.call('addChapter', { bookId: book.id, title: 'Kháng chiến chống Pháp' });
    const filler = (n: number) => Array.from({ length: n }, (_, i) => para(text(`Đoạn văn thứ ${i + 1} kể lại đời sống của đồng bào các dân tộc trong vùng, việc làm nương, làm ruộng, giữ gìn bản làng qua bao thế hệ nối tiếp nhau trên mảnh đất biên cương này.`)));
    await h.save({
      id: one.id,
      doc: { type: 'doc', content: [para(text('Xã '), named('Bình Lư', place), text(' nằm bên sông. Ông '), named('Nguyễn Văn Áng', person), text(' là người cao tuổi nhất.')), ...filler(3)] } as never,
    });
    await h.save({
      id: two.id,
      doc: { type: 'doc', content: [...filler(2), para(text('Năm 1947, '), named('chi bộ', org), text(' được thành lập; '), named('ông Áng', person), text(' làm bí thư. MỐC-HAI'))] } as never,
    });
    // A correction in the registry reaches the index.
    await h.call('updateName', { id: org.id, name: 'Chi bộ bản Giang' });

    const model = loadManuscriptBook(h.session.require().db, book.id);
    const runs = model.body.flatMap((c) => (c.kind === 'chapter' ? c.blocks : [])).flatMap((b) => (b.kind === 'paragraph' ? b.runs : []));
    expect(runs.filter((r) => r.kind === 'index-term')).toEqual([
      { kind: 'index-term', term: 'Bình Lư', index: 'place' },
      { kind: 'index-term', term: 'Nguyễn Văn Áng', index: 'person' },
      { kind: 'index-term', term: 'Chi bộ bản Giang', index: 'organisation' },
      { kind: 'index-term', term: 'Nguyễn Văn Áng', index: 'person' },
    ]);

    const { typeset } = await import('../../../electron/core/publish/index');
    const file = path.join(h.dir, 'tra-cuu.pdf');
    writeFileSync(file, await typeset(model));
    const pageCount = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    const pages = Array.from({ length: pageCount }, (_, i) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }));
    // The printed folio of the page holding a text: the number alone on the page's first or last line.
    const folioOf = (needle: string): string => {
      const page = pages.find((p) => p.replace(/\s+/g, ' ').includes(needle));
      expect(page, needle).toBeDefined();
      const lines = page!.split('\n').map((l) => l.trim()).filter(Boolean);
      const folio = [lines[lines.length - 1]!, lines[0]!].map((l) => /^(\d+)$|^(\d+)\s{2,}|\s{2,}(\d+)$/.exec(l)).find(Boolean);
      expect(folio, `folio of the page with ${needle}`).toBeTruthy();
      return folio![1] ?? folio![2] ?? folio![3]!;
    };
    const p1 = folioOf('là người cao tuổi nhất');
    const p2 = folioOf('MỐC-HAI');
    expect(p1).not.toBe(p2);
    const index = pages.find((p) => p.includes('BẢNG TRA CỨU'))!.replace(/\s+/g, ' ');
    expect(index).toContain(`Nguyễn Văn Áng, ${p1}, ${p2}`);
    expect(index).toContain(`Bình Lư, ${p1}`);
    expect(index).toContain(`Chi bộ bản Giang, ${p2}`);
    expect(index).not.toContain('Chi bộ Bản Giang');
  });
});

describe('keeping the registry clean', () => {
  it('counts mentions, merges a name written two ways into one (chapters and revisions), and deletes only unused names', async () => {
    const right = await h.call('createName', { kind: 'person', name: 'Lò Văn Hặc' });
    const typo = await h.call('createName', { kind: 'person', name: 'Lò văn Hặc' });
    const place = await h.call('createName', { kind: 'place', name: 'Bình Lư' });
    const unused = await h.call('createName', { kind: 'place', name: 'Bản Giang' });
    const book = await h.call('createBook', { kind: 'history', title: 'Sách' });
    const ch = await h.call('addChapter', { bookId: book.id, title: 'Chương' });
    const doc = { type: 'doc', content: [para(text('Ông '), named('Lò văn Hặc', typo), text(' và ông '), named('Hặc', right), text(' ở '), named('Bình Lư', place), text('.'))] };
    await h.save({ id: ch.id, doc: doc as never });
    await h.call('saveRevision', { id: ch.id, note: 'trước khi gộp' });
    const count = async () => Object.fromEntries((await h.call('nameRegistry', {})).map((n) => [n.name, n.mentions]));
    expect(await count()).toEqual({ 'Lò Văn Hặc': 1, 'Lò văn Hặc': 1, 'Bình Lư': 1, 'Bản Giang': 0 });

    // Refusals, each in one sentence, and nothing changed.
    await expect(h.call('mergeNames', { from: typo.id, into: place.id })).rejects.toThrow('Chỉ gộp được hai tên cùng loại: “Lò văn Hặc” và “Bình Lư” khác loại.');
    await expect(h.call('mergeNames', { from: typo.id, into: typo.id })).rejects.toThrow('Không thể gộp một tên vào chính nó.');
    await expect(h.call('deleteName', { id: typo.id })).rejects.toThrow('“Lò văn Hặc” còn được nhắc 1 lần trong bản thảo: hãy gộp vào tên khác thay vì xóa.');
    expect(await count()).toEqual({ 'Lò Văn Hặc': 1, 'Lò văn Hặc': 1, 'Bình Lư': 1, 'Bản Giang': 0 });

    expect(await h.call('mergeNames', { from: typo.id, into: right.id })).toEqual({ moved: 1 });
    expect(await count()).toEqual({ 'Lò Văn Hặc': 2, 'Bình Lư': 1, 'Bản Giang': 0 });
    // The chapter and its revision both point at the kept name, so a restore brings no lost mention back.
    const terms = (d: unknown) => JSON.stringify(d).match(/"nameId":\d+/g);
    expect(terms((await h.call('getChapter', { id: ch.id })).doc)).toEqual([`"nameId":${right.id}`, `"nameId":${right.id}`, `"nameId":${place.id}`]);
    const [revision] = await h.call('listRevisions', { nodeId: ch.id });
    expect(terms((await h.call('getRevision', { id: revision!.id })).doc)).toEqual([`"nameId":${right.id}`, `"nameId":${right.id}`, `"nameId":${place.id}`]);
    // The index lists the person once.
    const model = loadManuscriptBook(h.session.require().db, book.id);
    const runs = model.body.flatMap((c) => (c.kind === 'chapter' ? c.blocks : [])).flatMap((b) => (b.kind === 'paragraph' ? b.runs : []));
    expect(runs.filter((r) => r.kind === 'index-term').map((r) => (r.kind === 'index-term' ? r.term : ''))).toEqual(['Lò Văn Hặc', 'Lò Văn Hặc', 'Bình Lư']);

    await h.call('deleteName', { id: unused.id });
    expect(await count()).toEqual({ 'Lò Văn Hặc': 2, 'Bình Lư': 1 });
  });
});
