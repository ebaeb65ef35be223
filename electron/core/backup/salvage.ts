/**
 * Salvage (cứu dữ liệu) of a damaged project into a new one: every row that can still be read,
 * table by table, and every original whose bytes still match its name.
 *
 * A damaged page of the database makes a SELECT throw when it reaches it, so rows are read in
 * rowid order and, at an error, the reader probes forward (doubling, then bisecting) for the
 * first rowid it can reach again: only the rows on the damaged pages are lost. Rows that the new
 * schema refuses (garbage that happened to decode) and rows whose parent row was lost are left
 * out and counted. How many rows a table had is read from an index when the table itself cannot
 * be counted, and the pages lost are named by document and page number from the pages' own index
 * when it survived. The damaged project is only read, never written.
 */
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CheckReport } from '../../../shared/api/archive';
import type { BackupInfo } from '../../../shared/api/backup';
import { UserFacingError } from '../../../shared/errors';
import { sha256OfFile } from '../archive/blobStore';
import { checkProject } from '../archive/fixity';
import { sniff, SNIFF_BYTES } from '../archive/sniff';
import { ProjectSession } from '../project/projectSession';
import { latestSchemaVersion, type Db } from '../store/projectDatabase';
import { ProjectLayout } from '../store/projectLayout';
import { listBackups } from './rotatingBackups';
import { moveIntoPlace, requireEmptyTarget, workFolderBeside } from './targetFolder';

export interface SalvagedTable {
  table: string;
  /** Rows copied into the new project. */
  saved: number;
  /** Rows the damaged table had, when that could be counted (from the table or one of its indexes). */
  expected: number | null;
  /** Rowid ranges that could not be read (the damaged pages). */
  unreadable: [number, number][];
  /** Rows read but left out: refused by the schema, or whose parent row was lost. */
  rejected: number;
}

export interface LostOriginal {
  sha256: string;
  reason: 'missing' | 'changed' | 'unreadable';
  /** The pages that showed it, by document (where the rows survived). */
  documents: { documentId: number; title: string | null; pages: number[] }[];
}

export interface SalvageReport {
  path: string;
  tables: SalvagedTable[];
  originals: { saved: number; lost: LostOriginal[] };
  /** Pages whose rows were lost, by document and page number (from the pages' index, where it survived). */
  lostPages: { documentId: number; title: string | null; pages: number[] }[];
  /** Whether everything the damaged project held was saved. */
  complete: boolean;
  /** The damaged project's newest automatic backup, if it has one (another way back). */
  newestBackup: BackupInfo | null;
  check: CheckReport;
}

export interface SalvageOptions {
  onInfo?(line: string): void;
}

const SHA = /^[0-9a-f]{64}$/;
/** Tables in the order that keeps parents before children (the search index's triggers need the document of a page).
 *  The reference index's rows come just before the rows they derive from, whose triggers then remake them. */
const ORDER = ['project_meta', 'code_abbreviations', 'files', 'document_codes', 'documents', 'document_refs', 'pages', 'books', 'book_nodes', 'chapter_revisions', 'chapter_comments', 'index_names', 'page_ocr', 'page_text_revisions'];
/** Tables the schema's triggers fill from documents and pages: never copied, remade as their rows arrive. */
const DERIVED = new Set(['catalogue', 'document_tags', 'page_chunks']);
const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const MIME: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  odt: 'application/vnd.oasis.opendocument.text',
  rtf: 'application/rtf',
  html: 'text/html',
  text: 'text/plain',
};

type Probe = { ok: true; first: number | null } | { ok: false };

/** Reads every reachable row of `table`, skipping damaged ranges. */
function readTable(src: Db, table: string, columns: string[], onRow: (row: Record<string, unknown>) => void): [number, number][] {
  const cols = columns.map(q).join(', ');
  const scan = src.prepare(`SELECT rowid AS __rowid, ${cols} FROM ${q(table)} WHERE rowid >= ? ORDER BY rowid`);
  const one = src.prepare(`SELECT rowid AS __rowid, ${cols} FROM ${q(table)} WHERE rowid = ?`);
  const first = src.prepare(`SELECT rowid AS r FROM ${q(table)} WHERE rowid >= ? ORDER BY rowid LIMIT 1`);
  const probe = (at: number): Probe => {
    try {
      const r = first.get(at) as { r: number } | undefined;
      return { ok: true, first: r ? r.r : null };
    } catch {
      return { ok: false };
    }
  };
  const gaps: [number, number][] = [];
  // Rowids the application makes start at 1 (SQLite never assigns 0 or less by itself).
  let pos = 0;
  for (;;) {
    try {
      for (const row of scan.iterate(pos) as Iterable<Record<string, unknown>>) {
        const { __rowid, ...rest } = row;
        onRow(rest);
        pos = Number(__rowid) + 1;
      }
      return gaps;
    } catch {
      // Damage at or after `pos`.
    }
    const p = probe(pos);
    if (p.ok) {
      if (p.first === null) return gaps;
      // The row itself is reachable but cannot be read (its overflow pages are damaged)?
      try {
        const row = one.get(p.first) as Record<string, unknown> | undefined;
        if (row) {
          const { __rowid: _r, ...rest } = row;
          onRow(rest);
        }
      } catch {
        gaps.push([p.first, p.first]);
      }
      pos = p.first + 1;
      continue;
    }
    // Skip the damaged range: the first rowid from which the table can be read again.
    let lo = pos;
    let found: number | null = null;
    for (let step = 1; found === null; step *= 2) {
      const at = pos + step;
      if (at > Number.MAX_SAFE_INTEGER - 1) break;
      if (probe(at).ok) found = at;
      else lo = at;
    }
    if (found === null) {
      gaps.push([pos, Number.MAX_SAFE_INTEGER]);
      return gaps;
    }
    let hi: number = found;
    while (hi - lo > 1) {
      const mid: number = lo + Math.floor((hi - lo) / 2);
      if (probe(mid).ok) hi = mid;
      else lo = mid;
    }
    gaps.push([pos, hi - 1]);
    pos = hi;
  }
}

/** How many rows a table had: counted from the table, else from any index that can still be read. */
function countRows(src: Db, table: string): number | null {
  try {
    return (src.prepare(`SELECT count(*) AS n FROM ${q(table)} NOT INDEXED`).get() as { n: number }).n;
  } catch {
    // The table's pages are damaged: try its indexes.
  }
  const indexes = src.prepare(`SELECT name FROM pragma_index_list(?)`).all(table) as { name: string }[];
  for (const { name } of indexes) {
    try {
      return (src.prepare(`SELECT count(*) AS n FROM ${q(table)} INDEXED BY ${q(name)}`).get() as { n: number }).n;
    } catch {
      // This one is damaged too.
    }
  }
  return null;
}

/** Every page's document and number, read from the index on (document_id, seq) alone when it survived. */
function pagesFromIndex(src: Db): { id: number; documentId: number; seq: number }[] {
  const indexes = src.prepare(`SELECT name FROM pragma_index_list('pages') WHERE "unique" = 1`).all() as { name: string }[];
  for (const { name } of indexes) {
    try {
      return src.prepare(`SELECT rowid AS id, document_id AS documentId, seq FROM pages INDEXED BY ${q(name)}`).all() as { id: number; documentId: number; seq: number }[];
    } catch {
      // Damaged index.
    }
  }
  return [];
}

function columnsOf(db: Db, table: string): string[] {
  return (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);
}

function groupPages(rows: { documentId: number; seq: number }[], titles: Map<number, string>) {
  const byDoc = new Map<number, number[]>();
  for (const r of rows) byDoc.set(r.documentId, [...(byDoc.get(r.documentId) ?? []), r.seq]);
  return [...byDoc.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([documentId, pages]) => ({ documentId, title: titles.get(documentId) ?? null, pages: pages.sort((a, b) => a - b) }));
}

function openDamaged(file: string): Db {
  let src: Db;
  try {
    src = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new UserFacingError('salvage.unreadable', `Không mở được cơ sở dữ liệu ${file} để cứu dữ liệu: ${(e as Error).message}.`);
  }
  try {
    src.pragma('query_only = 1');
    const version = src.pragma('user_version', { simple: true }) as number;
    if (version > latestSchemaVersion()) {
      throw new UserFacingError('project.too-new', `Dự án được tạo bởi phiên bản Sử Quán mới hơn (lược đồ ${version}); hãy cứu dữ liệu bằng phiên bản đó.`);
    }
    src.prepare('SELECT name FROM sqlite_schema').all();
  } catch (e) {
    src.close();
    if (e instanceof UserFacingError) throw e;
    throw new UserFacingError(
      'salvage.no-schema',
      `Phần đầu của cơ sở dữ liệu ${file} (nơi ghi cấu trúc các bảng) đã hỏng nên không cứu được dòng nào; hãy khôi phục từ một bản sao lưu.`,
    );
  }
  return src;
}

export async function salvageProject(dir: string, to: string, opts: SalvageOptions = {}): Promise<SalvageReport> {
  const info = opts.onInfo ?? (() => {});
  const from = new ProjectLayout(path.resolve(dir));
  if (!existsSync(from.database)) throw new UserFacingError('project.not-found', `Không có dự án Sử Quán nào ở ${from.root}.`);
  const dest = path.resolve(to);
  requireEmptyTarget(dest);
  const src = openDamaged(from.database);
  const session = new ProjectSession();
  const work = workFolderBeside(dest, 'salvaging');
  try {
    const srcTables = new Set((src.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const titleRow = (() => {
      try {
        return src.prepare("SELECT value FROM project_meta WHERE key = 'title'").get() as { value: string } | undefined;
      } catch {
        return undefined;
      }
    })();
    const created = session.create(work, titleRow?.value ?? path.basename(from.root));
    const { db, layout } = created;
    const destTables = (db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[])
      .filter((t) => !/^CREATE VIRTUAL/i.test(t.sql));
    const virtual = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'").all() as { name: string }[]).map((r) => r.name);
    // FTS shadow tables are rebuilt by the triggers as rows arrive.
    const copyable = destTables.map((t) => t.name).filter((n) => !virtual.some((v) => n.startsWith(`${v}_`)) && srcTables.has(n) && !DERIVED.has(n));
    copyable.sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));

    const tables: SalvagedTable[] = [];
    db.pragma('foreign_keys = OFF');
    db.transaction(() => {
      for (const table of copyable) {
        const destCols = new Set(columnsOf(db, table));
        const cols = columnsOf(src, table).filter((c) => destCols.has(c));
        const insert = db.prepare(
          `INSERT ${table === 'project_meta' ? 'OR REPLACE ' : ''}INTO ${q(table)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
        );
        const report: SalvagedTable = { table, saved: 0, expected: countRows(src, table), unreadable: [], rejected: 0 };
        report.unreadable = readTable(src, table, cols, (row) => {
          try {
            insert.run(cols.map((c) => row[c]));
            report.saved++;
          } catch {
            report.rejected++;
          }
        });
        // project_meta of the new project already had its title: not a row saved twice.
        tables.push(report);
        info(`Bảng ${table}: đọc được ${report.saved}${report.expected !== null ? `/${report.expected}` : ''} dòng.`);
      }
    })();

    // Originals: every file whose bytes match its name is kept (a lost `files` row is remade);
    // a row whose file is missing or changed goes, and with it the pages that showed it.
    const rowFor = db.prepare('SELECT sha256 FROM files WHERE sha256 = ?');
    const remake = db.prepare('INSERT INTO files(sha256, size, mime, original_name, imported_at, format) VALUES (?, ?, ?, ?, ?, ?)');
    const good = new Set<string>();
    const changed = new Set<string>();
    const unreadable = new Set<string>();
    const onDisk = existsSync(from.filesDir) ? readdirSync(from.filesDir).filter((d) => /^[0-9a-f]{2}$/.test(d)) : [];
    let hashed = 0;
    for (const prefix of onDisk) {
      for (const name of readdirSync(path.join(from.filesDir, prefix))) {
        if (!SHA.test(name) || !name.startsWith(prefix)) continue;
        const file = path.join(from.filesDir, prefix, name);
        let actual: string;
        try {
          actual = await sha256OfFile(file);
        } catch {
          unreadable.add(name);
          continue;
        }
        if (actual !== name) {
          changed.add(name);
          continue;
        }
        const target = layout.original(name);
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(file, target);
        chmodSync(target, 0o444);
        good.add(name);
        if (!rowFor.get(name)) {
          const head = Buffer.alloc(Math.min(SNIFF_BYTES, statSync(file).size));
          const fd = openSync(file, 'r');
          try {
            readSync(fd, head, 0, head.length, 0);
          } finally {
            closeSync(fd);
          }
          const kind = sniff(head).kind;
          remake.run(name, statSync(file).size, MIME[kind] ?? 'application/octet-stream', name, new Date().toISOString(), MIME[kind] ? kind : null);
        }
        if (++hashed % 500 === 0) info(`Đã kiểm tra ${hashed} tệp gốc…`);
      }
    }

    const titles = new Map((db.prepare('SELECT id, title FROM documents').all() as { id: number; title: string }[]).map((r) => [r.id, r.title]));
    const lost: LostOriginal[] = [];
    const pagesOf = db.prepare('SELECT document_id AS documentId, seq FROM pages WHERE file_sha256 = ? ORDER BY document_id, seq');
    const filesRows = (db.prepare('SELECT sha256 FROM files').all() as { sha256: string }[]).map((r) => r.sha256);
    db.transaction(() => {
      for (const sha of filesRows) {
        if (good.has(sha)) continue;
        const reason = changed.has(sha) ? 'changed' : unreadable.has(sha) ? 'unreadable' : 'missing';
        lost.push({ sha256: sha, reason, documents: groupPages(pagesOf.all(sha) as { documentId: number; seq: number }[], titles) });
        db.prepare('DELETE FROM files WHERE sha256 = ?').run(sha);
      }
      // Rows whose parent is gone (a lost document's pages, a lost file's pages, a lost chapter's revisions…).
      for (let round = 0; round < 20; round++) {
        const orphans = db.pragma('foreign_key_check') as { table: string; rowid: number }[];
        if (orphans.length === 0) break;
        for (const o of orphans) {
          const r = db.prepare(`DELETE FROM ${q(o.table)} WHERE rowid = ?`).run(o.rowid);
          const t = tables.find((x) => x.table === o.table);
          if (t && r.changes) {
            t.saved--;
            t.rejected++;
          }
        }
      }
    })();
    db.pragma('foreign_keys = ON');

    // Pages the index knows but whose rows could not be read.
    const savedPages = new Set((db.prepare('SELECT id FROM pages').all() as { id: number }[]).map((r) => r.id));
    const lostByFile = new Set(lost.flatMap((l) => l.documents.flatMap((d) => d.pages.map((p) => `${d.documentId}:${p}`))));
    const lostPages = groupPages(
      pagesFromIndex(src).filter((p) => !savedPages.has(p.id) && !lostByFile.has(`${p.documentId}:${p.seq}`)),
      titles,
    );

    session.close();
    moveIntoPlace(work, dest);
    let check: CheckReport;
    try {
      check = await checkProject(session.open(dest));
    } finally {
      session.close();
    }
    const metaTable = tables.find((t) => t.table === 'project_meta');
    const complete =
      lost.length === 0 && tables.every((t) => t.unreadable.length === 0 && t.rejected === 0 && (t.expected === null || t.saved >= t.expected)) && metaTable !== undefined;
    return { path: dest, tables, originals: { saved: good.size, lost }, lostPages, complete, check, newestBackup: listBackups(from)[0] ?? null };
  } catch (e) {
    session.close();
    rmSync(work, { recursive: true, force: true });
    throw e;
  } finally {
    src.close();
  }
}
