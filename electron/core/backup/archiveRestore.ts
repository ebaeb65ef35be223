/**
 * Restores a project archive (projectBag.ts) into a new folder. Everything in the archive is
 * untrusted: only known member names are accepted, every payload member is hashed and compared
 * with the manifest, every original with its own name, and the project is opened and checked as
 * `suquan check` does. All of it happens in a temporary folder beside the target, renamed into
 * place only at the end, so a damaged archive leaves nothing behind but one sentence.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveRestored } from '../../../shared/api/backup';
import { UserFacingError } from '../../../shared/errors';
import { checkProject } from '../archive/fixity';
import { ProjectSession } from '../project/projectSession';
import { ProjectLayout } from '../store/projectLayout';
import type { ArchiveProgress } from './archiveWriter';
import { fsyncDirectory } from '../atomicFile';
import { BAGIT_TXT_NAME, classifyMember, damagedArchive, MANIFEST_NAME, parseManifest, TAG_MANIFEST_NAME } from './projectBag';
import { scanMembers, type TarMember } from './tarBlocks';
import { moveIntoPlace, requireEmptyTarget, workFolderBeside } from './targetFolder';

export interface RestoreArchiveOptions {
  onProgress?(p: ArchiveProgress): void;
  /** Called between members; throws to stop (nothing is left at the target). */
  checkpoint?(): void | Promise<void>;
}

const CHUNK = 1024 * 1024;
const MAX_TAG_BYTES = 64 * 1024 * 1024;
const problemWords = {
  missing: 'thiếu tệp gốc',
  changed: 'tệp gốc không khớp mã băm',
  orphaned: 'có tệp lạ',
  unreadable: 'không đọc được tệp gốc',
  'invalid-hash': 'có dòng mang mã băm tệp không hợp lệ',
  'no-file-row': 'có trang trỏ tới tệp gốc không được ghi',
} as const;

export async function restoreProjectArchive(file: string, to: string, opts: RestoreArchiveOptions = {}): Promise<ArchiveRestored> {
  const src = path.resolve(file);
  const dest = path.resolve(to);
  if (!existsSync(src) || !statSync(src).isFile()) throw new UserFacingError('backup.archive-not-found', `Không có tệp sao lưu ${src}.`);
  requireEmptyTarget(dest);
  const damaged = (what: string) => damagedArchive(src, what);

  const { members, end } = scanMembers(src);
  if (end.kind === 'bad-header') throw damaged(end.name ? `có mục lạ «${end.name}» không phải tệp thường` : `phần đầu của mục ở byte ${end.at} bị hỏng`);
  if (end.kind === 'truncated') throw damaged(`tệp bị cắt cụt, mục bắt đầu ở byte ${end.at} không trọn vẹn`);
  if (end.kind === 'eof') throw damaged('tệp chưa được ghi xong (thiếu phần kết thúc của tệp tar)');
  const byName = new Map<string, TarMember>();
  for (const m of members) {
    if (!classifyMember(m.name)) throw damaged(`có mục lạ «${m.name}» không thuộc một bản sao lưu Sử Quán`);
    if (byName.has(m.name)) throw damaged(`mục «${m.name}» xuất hiện hai lần`);
    byName.set(m.name, m);
  }

  const fh = await openFile(src, 'r');
  const temp = workFolderBeside(dest, 'restoring');
  try {
    const readSmall = async (name: string): Promise<Buffer | null> => {
      const m = byName.get(name);
      if (!m) return null;
      if (m.size > MAX_TAG_BYTES) throw damaged(`tệp ${name} quá lớn`);
      const buf = Buffer.alloc(m.size);
      if (m.size) await fh.read(buf, 0, m.size, m.dataOffset);
      return buf;
    };
    if (!byName.has(BAGIT_TXT_NAME)) throw damaged('thiếu tệp bagit.txt (đây có thể không phải bản sao lưu của Sử Quán)');
    const manifestBytes = await readSmall(MANIFEST_NAME);
    if (!manifestBytes) throw damaged('thiếu bản kê manifest-sha256.txt');
    const entries = parseManifest(manifestBytes.toString('utf8'), (n) => {
      const k = classifyMember(n);
      return k !== null && k.kind !== 'tag';
    });
    if (!entries) throw damaged('bản kê manifest-sha256.txt có dòng không đọc được');
    const tagManifest = await readSmall(TAG_MANIFEST_NAME);
    if (tagManifest) {
      const tags = parseManifest(tagManifest.toString('utf8'), (n) => classifyMember(n)?.kind === 'tag' && n !== TAG_MANIFEST_NAME);
      if (!tags) throw damaged('bản kê tagmanifest-sha256.txt có dòng không đọc được');
      for (const t of tags) {
        const bytes = await readSmall(t.name);
        if (!bytes || createHash('sha256').update(bytes).digest('hex') !== t.sha256) throw damaged(`tệp ${t.name} không khớp mã SHA-256 trong tagmanifest-sha256.txt`);
      }
    }
    const listed = new Set(entries.map((e) => e.name));
    for (const m of members) {
      if (classifyMember(m.name)!.kind !== 'tag' && !listed.has(m.name)) throw damaged(`có ${m.name} mà bản kê không ghi`);
    }
    if (!listed.has('data/project.sqlite')) throw damaged('thiếu cơ sở dữ liệu data/project.sqlite');
    for (const e of entries) {
      if (!byName.has(e.name)) throw damaged(`thiếu ${e.name} mà bản kê có ghi`);
      const kind = classifyMember(e.name)!;
      if (kind.kind === 'original' && kind.sha256 !== e.sha256) throw damaged(`tệp gốc ${e.name} mang tên khác với mã SHA-256 bản kê ghi cho nó`);
    }

    const layout = new ProjectLayout(temp);
    mkdirSync(layout.filesDir, { recursive: true });
    const total = entries.length;
    const bytesTotal = entries.reduce((n, e) => n + byName.get(e.name)!.size, 0);
    let done = 0;
    let bytesDone = 0;
    const buf = Buffer.allocUnsafe(CHUNK);
    for (const e of entries) {
      await opts.checkpoint?.();
      const m = byName.get(e.name)!;
      const kind = classifyMember(e.name)!;
      const target = kind.kind === 'original' ? layout.original(kind.sha256) : layout.database;
      mkdirSync(path.dirname(target), { recursive: true });
      const out = await openFile(target, 'wx');
      const hash = createHash('sha256');
      try {
        let pos = 0;
        while (pos < m.size) {
          const { bytesRead } = await fh.read(buf, 0, Math.min(CHUNK, m.size - pos), m.dataOffset + pos);
          if (bytesRead === 0) throw damaged(`tệp bị cắt cụt trong ${e.name}`);
          const chunk = buf.subarray(0, bytesRead);
          hash.update(chunk);
          let off = 0;
          while (off < chunk.length) off += (await out.write(chunk, off, chunk.length - off)).bytesWritten;
          pos += bytesRead;
          bytesDone += bytesRead;
        }
        await out.sync();
      } finally {
        await out.close();
      }
      if (hash.digest('hex') !== e.sha256) {
        throw damaged(kind.kind === 'original' ? `tệp gốc ${e.name} không khớp mã SHA-256 trong bản kê` : `cơ sở dữ liệu ${e.name} không khớp mã SHA-256 trong bản kê`);
      }
      if (kind.kind === 'original') chmodSync(target, 0o444);
      done++;
      opts.onProgress?.({ done, total, bytesDone, bytesTotal, current: e.name });
    }
    for (const dir of readdirSync(layout.filesDir)) fsyncDirectory(path.join(layout.filesDir, dir));
    fsyncDirectory(temp);

    // The same check as `suquan check`, on the project as it will be.
    const session = new ProjectSession();
    let check;
    try {
      let opened;
      try {
        opened = session.open(temp);
      } catch (e) {
        throw damaged(`không mở được cơ sở dữ liệu trong đó (${(e as Error).message.replace(/\.$/, '')})`);
      }
      if (opened.readOnly?.reason === 'damaged') throw damaged('cơ sở dữ liệu trong đó không qua được kiểm tra toàn vẹn của SQLite');
      check = await checkProject(opened);
    } finally {
      session.close();
    }
    if (!check.ok) {
      const first = check.problems[0];
      throw damaged(first ? `${problemWords[first.problem]} ${first.row ? `(bảng ${first.row.table}: «${first.row.value}»)` : path.relative(temp, first.path)}` : `cơ sở dữ liệu có lỗi (${check.database.messages.join('; ')})`);
    }

    moveIntoPlace(temp, dest);
    const originals = entries.length - 1;
    return { path: dest, originals, payloadBytes: bytesTotal, check };
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw e;
  } finally {
    await fh.close();
  }
}
