/**
 * Archival fixity: every original in files/ is hashed again and compared with its name and its
 * database row; rows without a file (missing) and files whose bytes changed are reported with the
 * documents and pages that show them; SQLite's integrity_check runs on the database. Originals an
 * interrupted import left behind (named by their hash, recorded nowhere) are leftovers, not
 * damage: the check removes them when it may write.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CheckReport, FixityProblem } from '../../../shared/api/archive';
import type { OpenProject } from '../project/projectSession';
import { sha256OfFile } from './blobStore';
import { isLeftoverName, removeLeftovers } from './leftovers';

const SHA = /^[0-9a-f]{64}$/;

export async function checkProject(project: OpenProject): Promise<CheckReport> {
  const { db, layout } = project;
  const started = Date.now();
  const problems: FixityProblem[] = [];
  let filesChecked = 0;
  let bytesChecked = 0;

  const pagesOf = db.prepare(
    'SELECT p.document_id AS documentId, d.title AS documentTitle, p.seq FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.file_sha256 = ? ORDER BY p.document_id, p.seq',
  );
  const located = (sha256: string) => ({ pages: pagesOf.all(sha256) as { documentId: number; documentTitle: string; seq: number }[] });

  const rows = db.prepare('SELECT sha256, size FROM files ORDER BY sha256').all() as { sha256: string; size: number }[];
  for (const r of rows) {
    const file = layout.original(r.sha256);
    if (!existsSync(file)) {
      problems.push({ sha256: r.sha256, path: file, problem: 'missing', ...located(r.sha256) });
      continue;
    }
    try {
      const actual = await sha256OfFile(file);
      filesChecked++;
      bytesChecked += statSync(file).size;
      if (actual !== r.sha256) problems.push({ sha256: r.sha256, path: file, problem: 'changed', actual, ...located(r.sha256) });
    } catch {
      problems.push({ sha256: r.sha256, path: file, problem: 'unreadable', ...located(r.sha256) });
    }
  }

  // One walk over files/: originals the database knows, leftovers of an interrupted import (named
  // by their hash under their prefix, recorded nowhere), and anything else, which is not ours.
  const known = new Set(rows.map((r) => r.sha256));
  const leftovers: string[] = [];
  if (existsSync(layout.filesDir)) {
    for (const prefix of readdirSync(layout.filesDir)) {
      const dir = path.join(layout.filesDir, prefix);
      if (!statSync(dir).isDirectory()) {
        problems.push({ sha256: null, path: dir, problem: 'orphaned' });
        continue;
      }
      for (const name of readdirSync(dir)) {
        if (known.has(name)) continue;
        if (isLeftoverName(prefix, name)) leftovers.push(name);
        else problems.push({ sha256: SHA.test(name) ? name : null, path: path.join(dir, name), problem: 'orphaned' });
      }
    }
  }
  const leftoversRemoved = project.readOnly ? 0 : removeLeftovers(project, leftovers);

  const unreferenced = (
    db.prepare('SELECT f.sha256 FROM files f WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.file_sha256 = f.sha256) ORDER BY f.sha256').all() as {
      sha256: string;
    }[]
  ).map((r) => r.sha256);

  const messages = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const fk = db.pragma('foreign_key_check') as unknown[];
  const dbOk = messages.length === 1 && messages[0] === 'ok' && fk.length === 0;
  if (fk.length) messages.push(`${fk.length} dòng vi phạm khóa ngoại`);

  return {
    ok: problems.length === 0 && dbOk,
    filesChecked,
    bytesChecked,
    problems,
    unreferenced,
    leftovers,
    leftoversRemoved,
    database: { ok: dbOk, messages: dbOk ? ['ok'] : messages.filter((m) => m !== 'ok') },
    durationMs: Date.now() - started,
  };
}
