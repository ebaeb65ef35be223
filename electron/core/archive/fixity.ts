/**
 * Archival fixity: every original in files/ is hashed again and compared with its name and its
 * database row; rows without a file (missing) and files whose bytes changed are reported with the
 * documents and pages that show them; SQLite's integrity_check runs on the database.
 *
 * A project folder may come from elsewhere, so the rows that name files are checked first: a hash
 * that is not 64 lowercase hexadecimal digits (in files or pages) and a page whose file no files
 * row records are reported by table, document and page, and no path is ever made of them.
 *
 * Originals an interrupted import left behind (named by their hash, recorded nowhere) and
 * temporary files of processes that are gone are leftovers, not damage: reported, and removed only
 * when asked to repair (the project is then writable: this process holds its lock).
 */
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { CheckReport, FixityProblem } from '../../../shared/api/archive';
import type { OpenProject } from '../project/projectSession';
import { describeStoredValue, isSha256 } from '../store/projectLayout';
import { sha256OfFile } from './blobStore';
import { findTempFiles, isLeftoverName, removeLeftovers, removeTempFiles, tempFileWriter } from './leftovers';

type Located = { documentId: number; documentTitle: string; seq: number };

export async function checkProject(project: OpenProject, opts: { repair?: boolean } = {}): Promise<CheckReport> {
  const { db, layout } = project;
  const started = Date.now();
  const problems: FixityProblem[] = [];
  let filesChecked = 0;
  let bytesChecked = 0;

  const pagesOf = db.prepare(
    "SELECT p.document_id AS documentId, coalesce(d.title, '') AS documentTitle, p.seq FROM pages p LEFT JOIN documents d ON d.id = p.document_id WHERE p.file_sha256 = ? ORDER BY p.document_id, p.seq",
  );
  const located = (sha256: unknown) => ({ pages: pagesOf.all(sha256) as Located[] });

  const rows = db.prepare('SELECT sha256 FROM files ORDER BY sha256').all() as { sha256: unknown }[];
  const valid: string[] = [];
  for (const r of rows) {
    if (isSha256(r.sha256)) valid.push(r.sha256);
    else problems.push({ sha256: null, path: '', problem: 'invalid-hash', row: { table: 'files', value: describeStoredValue(r.sha256) }, ...located(r.sha256) });
  }
  // Pages whose hash no files row holds: an invalid one (never looked for), or a valid one whose
  // file the project does not record (a page pointing at nothing).
  const strays = db
    .prepare('SELECT DISTINCT p.file_sha256 AS sha256 FROM pages p WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.sha256 = p.file_sha256) ORDER BY 1')
    .all() as { sha256: unknown }[];
  for (const r of strays) {
    const ok = isSha256(r.sha256);
    problems.push({
      sha256: isSha256(r.sha256) ? r.sha256 : null,
      path: '',
      problem: ok ? 'no-file-row' : 'invalid-hash',
      row: { table: 'pages', value: describeStoredValue(r.sha256) },
      ...located(r.sha256),
    });
  }

  for (const sha256 of valid) {
    const file = layout.original(sha256);
    const stat = lstatSync(file, { throwIfNoEntry: false });
    if (!stat) {
      problems.push({ sha256, path: file, problem: 'missing', ...located(sha256) });
      continue;
    }
    // A link or a device where an original should be is never followed (it could lead out of the
    // project, or to /dev/zero, which never ends).
    if (!stat.isFile()) {
      problems.push({ sha256, path: file, problem: 'unreadable', ...located(sha256) });
      continue;
    }
    try {
      const actual = await sha256OfFile(file);
      filesChecked++;
      bytesChecked += stat.size;
      if (actual !== sha256) problems.push({ sha256, path: file, problem: 'changed', actual, ...located(sha256) });
    } catch {
      problems.push({ sha256, path: file, problem: 'unreadable', ...located(sha256) });
    }
  }

  // One walk over files/: originals the database knows, leftovers of an interrupted import (named
  // by their hash under their prefix, recorded nowhere), temporary files (reported with the
  // others below), and anything else, which is not ours.
  const known = new Set(valid);
  const leftovers: string[] = [];
  if (existsSync(layout.filesDir)) {
    for (const prefix of readdirSync(layout.filesDir)) {
      const dir = path.join(layout.filesDir, prefix);
      if (!lstatSync(dir).isDirectory()) {
        problems.push({ sha256: null, path: dir, problem: 'orphaned' });
        continue;
      }
      for (const name of readdirSync(dir)) {
        if (known.has(name) || tempFileWriter(name, false) !== null) continue;
        if (isLeftoverName(prefix, name)) leftovers.push(name);
        else problems.push({ sha256: isSha256(name) ? name : null, path: path.join(dir, name), problem: 'orphaned' });
      }
    }
  }
  const tempFiles = findTempFiles(project);
  const repair = opts.repair === true && !project.readOnly;
  const leftoversRemoved = repair ? removeLeftovers(project, leftovers) : 0;
  const tempFilesRemoved = repair ? removeTempFiles(project, tempFiles) : 0;

  const unreferenced = (
    db.prepare('SELECT f.sha256 FROM files f WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.file_sha256 = f.sha256) ORDER BY f.sha256').all() as {
      sha256: unknown;
    }[]
  )
    .map((r) => r.sha256)
    .filter(isSha256);

  const messages = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const fk = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  // Pages pointing at no files row are named above, row by row; other broken references are counted.
  const otherFk = fk.filter((v) => !(v.table === 'pages' && v.parent === 'files'));
  const dbOk = messages.length === 1 && messages[0] === 'ok' && otherFk.length === 0;
  if (otherFk.length) messages.push(`${otherFk.length} dòng vi phạm khóa ngoại`);

  return {
    ok: problems.length === 0 && dbOk,
    filesChecked,
    bytesChecked,
    problems,
    unreferenced,
    leftovers,
    leftoversRemoved,
    tempFiles,
    tempFilesRemoved,
    database: { ok: dbOk, messages: dbOk ? ['ok'] : messages.filter((m) => m !== 'ok') },
    durationMs: Date.now() - started,
  };
}
