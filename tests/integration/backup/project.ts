/**
 * Real projects for the backup tests, made cheaply: originals are small real PNG files (noise, so
 * each is a few KB and every one differs), stored and recorded as the importer stores them
 * (files/ab/<sha256>, a `files` row, a document with its pages and their text, indexed for search
 * by the schema's own triggers); books, chapters and revisions go through the contract client.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { connect, suquanCli, tempDir } from '../foundation/helpers';

export { tempDir };

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const configHome = tempDir('suquan-backup-config-');

/** Runs the real `suquan` bin as a user would. */
export const suquan = suquanCli({ configHome });

export function suquanCommand(): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  return { command: process.execPath, args: [path.join(root, 'bin', 'suquan.js')], env: { ...process.env, XDG_CONFIG_HOME: configHome } };
}

/** A page scan: a small PNG of noise, different for every seed. */
export async function scan(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 48, height: 64, channels: 3, background: '#ffffff', noise: { type: 'gaussian', mean: 128 + (seed % 50), sigma: 40 } } })
    .png()
    .toBuffer();
}

export interface MadeProject {
  dir: string;
  pages: number;
  documents: number;
  books: number;
}

/**
 * A project of `documents` × `pagesPerDocument` pages (each its own original) and three books
 * (history, chronicle, documents) with chapters, saved text and revisions.
 */
export async function makeProject(opts: { documents: number; pagesPerDocument: number; title?: string }): Promise<MadeProject> {
  const dir = path.join(tempDir('suquan-backup-'), 'Dự án sao lưu.suquan');
  const { app, api } = connect();
  await api.project.create({ path: dir, title: opts.title ?? 'Lịch sử Đảng bộ xã Thử' });
  const { db, layout } = app.session.require();
  const scans: { sha: string; size: number }[] = [];
  const total = opts.documents * opts.pagesPerDocument;
  for (let i = 0; i < total; i++) {
    const png = await scan(i);
    const sha = createHash('sha256').update(png).digest('hex');
    const file = layout.original(sha);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, png);
    chmodSync(file, 0o444);
    scans.push({ sha, size: png.length });
  }
  const now = new Date().toISOString();
  db.transaction(() => {
    const addFile = db.prepare("INSERT INTO files(sha256, size, mime, original_name, imported_at, format) VALUES (?, ?, 'image/png', ?, ?, 'png')");
    const addDoc = db.prepare('INSERT INTO documents(title, metadata, created_at, updated_at) VALUES (?, ?, ?, ?)');
    const addPage = db.prepare("INSERT INTO pages(document_id, seq, file_sha256, width, height, text, text_source) VALUES (?, ?, ?, 48, 64, ?, 'typed')");
    let n = 0;
    for (let d = 1; d <= opts.documents; d++) {
      const meta = JSON.stringify({ code: `${d}-NQ/ĐU`, issuer: 'Đảng ủy xã', date: { text: `Ngày ${d % 28 + 1}-3-1950` } });
      const docId = Number(addDoc.run(`Nghị quyết số ${d}-NQ/ĐU về xây dựng Đảng`, meta, now, now).lastInsertRowid);
      for (let seq = 1; seq <= opts.pagesPerDocument; seq++) {
        const s = scans[n++]!;
        addFile.run(s.sha, s.size, `trang-${n}.png`, now);
        addPage.run(docId, seq, s.sha, `Trang ${seq} của nghị quyết số ${d}: Đảng bộ lãnh đạo nhân dân xây dựng hợp tác xã, chống giặc đói, giặc dốt (bản đánh máy ${n}).`);
      }
    }
  })();

  const kinds = ['history', 'chronicle', 'documents'] as const;
  for (const [b, kind] of kinds.entries()) {
    const book = await api.manuscript.createBook({ kind, title: `Sách thử ${b + 1}` });
    for (let c = 1; c <= 3; c++) {
      const ch = await api.manuscript.addChapter({ bookId: book.id, title: `Chương ${c} của sách ${b + 1}` });
      for (let rev = 1; rev <= 2; rev++) {
        const { version } = await api.manuscript.getChapter({ id: ch.id });
        const text = `Năm 1950, Đảng bộ xã lãnh đạo phong trào (bản ${rev} của chương ${c}).`;
        await api.manuscript.saveChapter({ id: ch.id, baseVersion: version, doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } });
        await api.manuscript.saveRevision({ id: ch.id, note: `Bản ${rev}` });
      }
    }
  }
  await app.dispose();
  return { dir, pages: total, documents: opts.documents, books: kinds.length };
}

/** The rows that make up a project's content, table by table, for comparing two projects. */
export function contentOf(dir: string): Record<string, unknown[]> {
  const db = new Database(path.join(dir, 'project.sqlite'), { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const t of ['files', 'documents', 'pages', 'books', 'book_nodes', 'chapter_revisions', 'project_meta']) {
      out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all();
    }
    out.search = db.prepare("SELECT rowid FROM search_pages WHERE search_pages MATCH 'dang' ORDER BY rowid").all();
    return out;
  } finally {
    db.close();
  }
}
