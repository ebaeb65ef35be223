/**
 * Writes a whole project as one archive file (projectBag.ts): the database copied with SQLite's
 * online backup API, so the project may stay open and in use, and every original it knows,
 * each hashed as it is written and checked against its name.
 *
 * Resumable: the archive is written to FILE.partial and renamed to FILE only when complete and
 * flushed. A later run that finds FILE.partial lists its members, checks the head (bagit.txt,
 * bag-info.txt, the manifest, the database) and each original after it against the manifest, cuts
 * the file after the last member that checks out, and goes on from there. The archive then holds
 * the database as it was when the first run copied it, with the originals that copy knows.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { open as openFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveWritten } from '../../../shared/api/backup';
import { UserFacingError } from '../../../shared/errors';
import type { OpenProject } from '../project/projectSession';
import { snapshotDatabase } from './databaseSnapshot';
import { fsyncDirectory, removeStaleTemps } from '../atomicFile';
import { cannotWrite, systemErrorPath, translateSystemError } from '../systemErrors';
import {
  BAG_INFO_NAME,
  BAGIT_TXT,
  BAGIT_TXT_NAME,
  bagInfo,
  classifyMember,
  DATABASE_MEMBER,
  formatManifest,
  MANIFEST_NAME,
  originalMember,
  parseManifest,
  TAG_MANIFEST_NAME,
} from './projectBag';
import { END_OF_ARCHIVE, headerBlock, paddingOf, scanMembers, type TarMember } from './tarBlocks';

export interface ArchiveProgress {
  /** Members written (or found already written) out of `total`. */
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
  /** The member being written. */
  current: string | null;
}

export interface WriteArchiveOptions {
  onProgress?(p: ArchiveProgress): void;
  /** Lines worth telling the user (resuming an earlier run). */
  onInfo?(line: string): void;
  /** Called between pieces of work; throws to stop (FILE.partial stays, for the next run). */
  checkpoint?(): void | Promise<void>;
  /** Writes at most this many bytes a second (a slow disk or network share stays usable). */
  maxBytesPerSecond?: number;
  now?: () => Date;
}

type Source = { kind: 'bytes'; bytes: Buffer } | { kind: 'file'; path: string; what: string };

interface PlannedMember {
  name: string;
  size: number;
  sha256: string;
  source: Source;
}

const CHUNK = 1024 * 1024;
/** Tag files are small; anything bigger in their place is not ours. */
const MAX_TAG_BYTES = 64 * 1024 * 1024;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function bytesMember(name: string, text: string): PlannedMember {
  const bytes = Buffer.from(text, 'utf8');
  return { name, size: bytes.length, sha256: sha256(bytes), source: { kind: 'bytes', bytes } };
}

/** An original of the project as a member, or a sentence saying it is missing. */
function originalPlanned(open: OpenProject, sha: string): PlannedMember {
  const file = open.layout.original(sha);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UserFacingError(
      'backup.original-missing',
      `Thiếu tệp gốc ${file} mà cơ sở dữ liệu có ghi; hãy chạy «suquan check» để xem và khôi phục tệp này trước khi sao lưu.`,
    );
  }
  return { name: originalMember(sha), size, sha256: sha, source: { kind: 'file', path: file, what: `tệp gốc ${file}` } };
}

async function readMember(fh: FileHandle, m: TarMember): Promise<Buffer> {
  const buf = Buffer.alloc(m.size);
  let pos = 0;
  while (pos < m.size) {
    const { bytesRead } = await fh.read(buf, pos, m.size - pos, m.dataOffset + pos);
    if (bytesRead === 0) throw new Error('unexpected end of archive');
    pos += bytesRead;
  }
  return buf;
}

async function hashMember(fh: FileHandle, m: TarMember): Promise<string> {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(CHUNK);
  let pos = 0;
  while (pos < m.size) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(CHUNK, m.size - pos), m.dataOffset + pos);
    if (bytesRead === 0) throw new Error('unexpected end of archive');
    hash.update(buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
  return hash.digest('hex');
}

/**
 * What an interrupted run left in FILE.partial that checks out: the plan it was following (from
 * its manifest) and the byte up to which the file is good. Null when even the head is not whole.
 */
async function resumePoint(partial: string, open: OpenProject): Promise<{ plan: PlannedMember[]; keep: number; kept: number } | null> {
  let members: TarMember[];
  try {
    members = scanMembers(partial).members;
  } catch {
    return null;
  }
  const headNames = [BAGIT_TXT_NAME, BAG_INFO_NAME, MANIFEST_NAME, DATABASE_MEMBER];
  if (members.length < headNames.length || headNames.some((n, i) => members[i]!.name !== n)) return null;
  if (members.slice(0, 3).some((m) => m.size > MAX_TAG_BYTES)) return null;
  const fh = await openFile(partial, 'r');
  try {
    const [bagit, info, manifestBytes] = await Promise.all(members.slice(0, 3).map((m) => readMember(fh, m)));
    if (bagit!.toString('utf8') !== BAGIT_TXT) return null;
    const entries = parseManifest(manifestBytes!.toString('utf8'), (n) => { const k = classifyMember(n); return k !== null && k.kind !== 'tag'; });
    if (!entries || entries[0]?.name !== DATABASE_MEMBER) return null;
    const db = members[3]!;
    if ((await hashMember(fh, db)) !== entries[0].sha256) return null;
    const plan: PlannedMember[] = [
      { name: BAGIT_TXT_NAME, size: bagit!.length, sha256: sha256(bagit!), source: { kind: 'bytes', bytes: bagit! } },
      { name: BAG_INFO_NAME, size: info!.length, sha256: sha256(info!), source: { kind: 'bytes', bytes: info! } },
      { name: MANIFEST_NAME, size: manifestBytes!.length, sha256: sha256(manifestBytes!), source: { kind: 'bytes', bytes: manifestBytes! } },
      // Already in the archive and checked: never written again.
      { name: DATABASE_MEMBER, size: db.size, sha256: entries[0].sha256, source: { kind: 'bytes', bytes: Buffer.alloc(0) } },
      ...entries.slice(1).map((e) => originalPlanned(open, e.sha256)),
    ];
    let keep = db.end;
    let kept = 4;
    for (let i = 4; i < members.length && i < plan.length; i++) {
      const m = members[i]!;
      const p = plan[i]!;
      if (m.name !== p.name || m.size !== p.size || (await hashMember(fh, m)) !== p.sha256) break;
      keep = m.end;
      kept = i + 1;
    }
    return { plan, keep, kept };
  } finally {
    await fh.close();
  }
}

/** A new plan: the database copied now, and the originals that copy knows. */
async function freshPlan(open: OpenProject, dbCopy: string, bagged: Date): Promise<PlannedMember[]> {
  const snap = await snapshotDatabase(open.db, dbCopy);
  const originals = snap.originals.map((o) => originalPlanned(open, o.sha256));
  const database: PlannedMember = { name: DATABASE_MEMBER, size: snap.size, sha256: snap.sha256, source: { kind: 'file', path: dbCopy, what: 'bản sao cơ sở dữ liệu' } };
  const payload = [database, ...originals];
  const titleRow = open.db.prepare("SELECT value FROM project_meta WHERE key = 'title'").get() as { value: string } | undefined;
  const schemaVersion = open.db.pragma('user_version', { simple: true }) as number;
  return [
    bytesMember(BAGIT_TXT_NAME, BAGIT_TXT),
    bytesMember(
      BAG_INFO_NAME,
      bagInfo({
        title: titleRow?.value ?? path.basename(open.layout.root),
        bagged,
        payloadBytes: payload.reduce((n, m) => n + m.size, 0),
        payloadFiles: payload.length,
        schemaVersion,
      }),
    ),
    bytesMember(MANIFEST_NAME, formatManifest(payload)),
    ...payload,
  ];
}

/**
 * Writes `target`'s archive of the open project; see the file comment. A disk that refuses the
 * archive (full, read-only, no permission) is named in the sentence: the failure may come from
 * FILE.partial or the database copy beside it, names the user never gave.
 */
export async function writeProjectArchive(open: OpenProject, target: string, opts: WriteArchiveOptions = {}): Promise<ArchiveWritten> {
  const out = path.resolve(target);
  try {
    return await writeArchive(open, out, opts);
  } catch (e) {
    if (e instanceof UserFacingError) throw e;
    const failed = systemErrorPath(e);
    // A project file that could not be read says so itself; anything else happened beside the archive.
    if (failed && !path.resolve(failed).startsWith(path.dirname(out) + path.sep)) throw translateSystemError(e) ?? e;
    throw cannotWrite(out, e) ?? e;
  }
}

async function writeArchive(open: OpenProject, target: string, opts: WriteArchiveOptions): Promise<ArchiveWritten> {
  const started = Date.now();
  const now = opts.now ?? (() => new Date());
  const out = path.resolve(target);
  const partial = `${out}.partial`;
  const dbCopy = `${partial}-database`;
  if (existsSync(out) && statSync(out).isDirectory()) {
    throw new UserFacingError('backup.out-is-folder', `${out} là một thư mục; hãy cho tên một tệp, ví dụ «${path.join(out, 'du-an.tar')}».`);
  }
  if (open.readOnly?.reason === 'damaged') {
    throw new UserFacingError(
      'backup.project-damaged',
      'Cơ sở dữ liệu của dự án đã bị hỏng nên không sao lưu được; hãy khôi phục một bản sao lưu, hoặc dùng «suquan salvage» để cứu dữ liệu sang dự án mới rồi sao lưu dự án đó.',
    );
  }
  mkdirSync(path.dirname(out), { recursive: true });
  // What a run killed before it could clean up left beside the archive: its database copy's temporaries.
  removeStaleTemps(dbCopy);

  const resumed = existsSync(partial) ? await resumePoint(partial, open) : null;
  let plan: PlannedMember[];
  let keep = 0;
  let done = 0;
  if (resumed) {
    ({ plan, keep, kept: done } = resumed);
    opts.onInfo?.(`Tiếp tục bản sao lưu dở dang ${partial}: ${done}/${plan.length + 1} mục (${mb(keep)}) đã ghi và kiểm tra lại, được giữ nguyên.`);
  } else {
    rmSync(dbCopy, { force: true });
    plan = await freshPlan(open, dbCopy, now());
  }

  const total = plan.length + 1; // + the tag manifest
  const bytesTotal = plan.reduce((n, m) => n + m.size, 0);
  let bytesDone = plan.slice(0, done).reduce((n, m) => n + m.size, 0);
  const report = (current: string | null) => opts.onProgress?.({ done, total, bytesDone, bytesTotal, current });
  const throttleStart = Date.now();
  let throttled = 0;
  const throttle = async (n: number) => {
    if (!opts.maxBytesPerSecond) return;
    throttled += n;
    const ahead = (throttled / opts.maxBytesPerSecond) * 1000 - (Date.now() - throttleStart);
    if (ahead > 0) await new Promise((r) => setTimeout(r, ahead));
  };

  const fh = await openFile(partial, resumed ? 'r+' : 'w');
  let pos = keep;
  try {
    await fh.truncate(keep);
    const write = async (buf: Buffer) => {
      let off = 0;
      while (off < buf.length) off += (await fh.write(buf, off, buf.length - off, pos + off)).bytesWritten;
      pos += buf.length;
    };
    const writeMember = async (m: PlannedMember) => {
      const start = pos;
      await write(headerBlock(m.name, m.size, now()));
      if (m.source.kind === 'bytes') {
        await write(m.source.bytes);
        await throttle(m.size);
      } else {
        const hash = createHash('sha256');
        const input = await openFile(m.source.path, 'r');
        const buf = Buffer.allocUnsafe(CHUNK);
        try {
          let read = 0;
          while (read < m.size) {
            await opts.checkpoint?.();
            const { bytesRead } = await input.read(buf, 0, Math.min(CHUNK, m.size - read), read);
            if (bytesRead === 0) break;
            const chunk = buf.subarray(0, bytesRead);
            hash.update(chunk);
            await write(chunk);
            read += bytesRead;
            bytesDone += bytesRead;
            report(m.name);
            await throttle(bytesRead);
          }
          if (read !== m.size || hash.digest('hex') !== m.sha256) {
            await fh.truncate(start);
            pos = start;
            throw new UserFacingError(
              'backup.source-changed',
              `${m.source.what[0]!.toUpperCase()}${m.source.what.slice(1)} đã bị thay đổi trong lúc sao lưu (mã SHA-256 không khớp); hãy chạy «suquan check» rồi sao lưu lại.`,
            );
          }
        } finally {
          await input.close();
        }
      }
      await write(Buffer.alloc(paddingOf(m.size)));
    };

    for (let i = done; i < plan.length; i++) {
      await opts.checkpoint?.();
      const m = plan[i]!;
      report(m.name);
      await writeMember(m);
      if (m.source.kind === 'bytes') bytesDone += m.size;
      done = i + 1;
      report(null);
    }
    const tags = plan.slice(0, 3);
    await writeMember(bytesMember(TAG_MANIFEST_NAME, formatManifest(tags)));
    await write(END_OF_ARCHIVE);
    done = total;
    report(null);
    await fh.sync();
  } finally {
    await fh.close();
  }
  renameSync(partial, out);
  fsyncDirectory(path.dirname(out));
  rmSync(dbCopy, { force: true });
  const originals = plan.filter((m) => classifyMember(m.name)?.kind === 'original').length;
  return { path: out, size: pos, originals, payloadBytes: bytesTotal - plan.slice(0, 3).reduce((n, m) => n + m.size, 0), resumedFromBytes: keep, durationMs: Date.now() - started };
}
