/** A real project in a temp folder and the manuscript service behind its contract's schemas. */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InputOf, OutputOf } from '../../../shared/api/contract';
import { manuscriptContract, type ChapterSaveResult } from '../../../shared/api/manuscript';
import { createManuscriptService } from '../../../electron/core/manuscript/manuscriptService';
import { ProjectSession } from '../../../electron/core/project/projectSession';

type C = typeof manuscriptContract;
type StructureMethod = 'updateBook' | 'renameNode' | 'moveNode' | 'deleteNode' | 'restoreNode' | 'setChapterStatus';

export interface Harness {
  dir: string;
  session: ProjectSession;
  call<M extends keyof C>(method: M, input: InputOf<C[M]>): Promise<OutputOf<C[M]>>;
  /** saveChapter based on the chapter's stored version, as an editor that just loaded it saves; a conflict fails. */
  save(input: Omit<InputOf<C['saveChapter']>, 'baseVersion'>): Promise<Extract<ChapterSaveResult, { status: 'saved' }>>;
  /** A change of a book's details or structure based on the book's current version. */
  change<M extends StructureMethod>(method: M, input: Omit<InputOf<C[M]>, 'baseVersion'>): Promise<OutputOf<C[M]>>;
  /** Adds an archived document row with metadata (what the archive service stores). */
  addDocument(title: string, metadata: Record<string, unknown>, pages?: number): number;
  /** Adds an archived document whose one page is a real JPEG scan, stored as the archive stores it. */
  addScan(title: string, metadata: Record<string, unknown>, size?: { width: number; height: number }): Promise<{ documentId: number; pageId: number }>;
  close(): void;
}

export function openHarness(): Harness {
  const dir = mkdtempSync(path.join(tmpdir(), 'suquan-manuscript-'));
  const session = new ProjectSession();
  session.create(path.join(dir, 'Dự án.suquan'), 'Dự án thử');
  const service = createManuscriptService(session);
  async function call<M extends keyof C>(method: M, input: InputOf<C[M]>): Promise<OutputOf<C[M]>> {
    const parsed = manuscriptContract[method].input.parse(input);
    return (await (service[method] as (i: unknown) => unknown)(parsed)) as never;
  }
  return {
    dir,
    session,
    call,
    async save(input) {
      const { version } = await call('getChapter', { id: input.id });
      const r = await call('saveChapter', { ...input, baseVersion: version });
      if (r.status !== 'saved') throw new Error(r.message);
      return r;
    },
    async change(method, input) {
      const { db } = session.require();
      const { id } = input as { id: number };
      const bookId = method === 'updateBook' ? id : (db.prepare('SELECT book_id FROM book_nodes WHERE id = ?').get(id) as { book_id: number }).book_id;
      const { version } = await call('getBook', { id: bookId });
      return call(method, { ...input, baseVersion: version } as InputOf<C[typeof method]>);
    },
    addDocument(title, metadata, pages = 2) {
      const { db } = session.require();
      const now = new Date().toISOString();
      const sha = 'a'.repeat(64);
      db.prepare("INSERT OR IGNORE INTO files(sha256, size, mime, original_name, imported_at) VALUES (?, 1, 'image/jpeg', 'x.jpg', ?)").run(sha, now);
      const id = Number(db.prepare('INSERT INTO documents(title, metadata, created_at, updated_at) VALUES (?, ?, ?, ?)').run(title, JSON.stringify(metadata), now, now).lastInsertRowid);
      for (let seq = 1; seq <= pages; seq++) {
        db.prepare('INSERT INTO pages(document_id, seq, file_sha256, width, height) VALUES (?, ?, ?, 100, 140)').run(id, seq, sha);
      }
      return id;
    },
    async addScan(title, metadata, { width, height } = { width: 600, height: 800 }) {
      const { db, layout } = session.require();
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f1e9d2"/><rect x="40" y="40" width="${width - 80}" height="30" fill="#333"/></svg>`;
      const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
      const sha = createHash('sha256').update(jpeg).digest('hex');
      mkdirSync(path.dirname(layout.original(sha)), { recursive: true });
      writeFileSync(layout.original(sha), jpeg);
      const now = new Date().toISOString();
      db.prepare("INSERT OR IGNORE INTO files(sha256, size, mime, original_name, imported_at) VALUES (?, ?, 'image/jpeg', 'anh.jpg', ?)").run(sha, jpeg.length, now);
      const documentId = Number(db.prepare('INSERT INTO documents(title, metadata, created_at, updated_at) VALUES (?, ?, ?, ?)').run(title, JSON.stringify(metadata), now, now).lastInsertRowid);
      const pageId = Number(db.prepare("INSERT INTO pages(document_id, seq, file_sha256, width, height, image_kind) VALUES (?, 1, ?, ?, ?, 'original')").run(documentId, sha, width, height).lastInsertRowid);
      return { documentId, pageId };
    },
    close() {
      session.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A chapter paragraph of plain text, with a footnote at its end when `note` is given (inline content, as the editor writes it). */
export const para = (text: string, note?: string) => ({
  type: 'paragraph',
  content: [{ type: 'text', text }, ...(note ? [{ type: 'footnote', content: [{ type: 'text', text: note }] }] : [])],
});
