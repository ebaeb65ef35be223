/**
 * Errors from the disk and the database that a user can act on — a full disk, a folder that
 * cannot be written, a project busy in another process, a failing drive — as one sentence that
 * says nothing was changed and what to do, instead of "Lỗi nội bộ: SQLITE_FULL". The dispatcher
 * uses it for every call; the import job uses it per file.
 */
import path from 'node:path';
import { UserFacingError } from '../../shared/errors';

type Kind = 'full' | 'read-only' | 'no-permission' | 'busy' | 'io' | 'corrupt' | 'too-many-files';

/**
 * The sentence for each kind; `file` is the file or folder the system named (Node's errors carry
 * it as `path`), so the user knows which disk or folder to look at. SQLite's errors name none.
 */
const sentences: Record<Kind, (file: string | null) => string> = {
  full: (f) =>
    `Ổ đĩa đã đầy${f ? ` (khi ghi ${f})` : ''} nên thay đổi chưa được lưu; dự án vẫn như trước. Hãy giải phóng chỗ trống trên ổ đĩa rồi thử lại.`,
  'read-only': (f) =>
    f
      ? `Không ghi được ${f}: ổ đĩa hoặc thư mục chỉ cho đọc, nên thay đổi chưa được lưu; hãy chọn nơi ghi được hoặc mở quyền ghi rồi thử lại.`
      : 'Dự án đang mở chỉ để đọc (hoặc thư mục của nó không ghi được) nên thay đổi chưa được lưu.',
  'no-permission': (f) =>
    f
      ? `Không có quyền ghi vào ${f} nên thay đổi chưa được lưu; hãy kiểm tra quyền của tệp và thư mục đó rồi thử lại.`
      : 'Không có quyền ghi vào thư mục dự án nên thay đổi chưa được lưu; hãy kiểm tra quyền của thư mục.',
  busy: () =>
    'Dự án đang bận: một chương trình khác (một cửa sổ Sử Quán khác, hoặc một lệnh suquan đang nhập hay sao lưu) giữ quyền ghi vào dự án quá lâu nên thay đổi chưa được lưu; hãy thử lại sau giây lát.',
  io: (f) =>
    `Lỗi đọc ghi ổ đĩa${f ? ` ở ${f}` : ''} nên thay đổi chưa được lưu; hãy kiểm tra ổ đĩa (hoặc kết nối tới thư mục dùng chung) rồi thử lại.`,
  corrupt: () => 'Cơ sở dữ liệu dự án bị hỏng; hãy khôi phục từ bản sao lưu (Dự án → Sao lưu) hoặc cứu dữ liệu bằng «suquan salvage».',
  'too-many-files': () => 'Hệ thống đang mở quá nhiều tệp cùng lúc; hãy đóng bớt chương trình rồi thử lại.',
};

/** The file or folder a system error names (Node's `path`, or `dest` of a rename/copy), if any. */
export function systemErrorPath(e: unknown): string | null {
  if (!(e instanceof Error)) return null;
  const { path: p, dest } = e as { path?: unknown; dest?: unknown };
  const named = typeof dest === 'string' && dest ? dest : typeof p === 'string' && p ? p : null;
  // A write made under a temporary name beside its target (atomicFile.ts) names the target.
  const temp = named ? /^\.(.+)\.\d+\.[0-9a-z]+\.part$/.exec(path.basename(named)) : null;
  return temp ? path.join(path.dirname(named!), temp[1]!) : named;
}

/** What kind of system failure an error is, if it is one. */
export function systemErrorKind(e: unknown): Kind | null {
  if (!(e instanceof Error)) return null;
  const code = String((e as { code?: unknown }).code ?? '');
  // SHMSIZE: SQLite could not grow the WAL index (-shm), which on Linux means the disk is full.
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE') return 'full';
  if (code.startsWith('SQLITE_IOERR') && /ENOSPC|disk is full|no space/i.test(e.message)) return 'full';
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' || code === 'SQLITE_CANTOPEN') return 'no-permission';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR')) return 'io';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code === 'EMFILE' || code === 'ENFILE') return 'too-many-files';
  return null;
}

/** The error as one sentence, or null when it is not a system failure (a programmer's error). */
export function translateSystemError(e: unknown): UserFacingError | null {
  const kind = systemErrorKind(e);
  return kind ? new UserFacingError(`system.${kind}`, sentences[kind](systemErrorPath(e))) : null;
}

/** What a file of an import is told: "a.jpg: chưa nhập được vì ổ đĩa đã đầy…" (the rest of the import goes on). */
const fileSentences: Record<Kind, string> = {
  full: 'ổ đĩa đã đầy, không lưu được vào dự án; hãy giải phóng chỗ trống rồi nhập lại.',
  'read-only': 'dự án đang mở chỉ để đọc (hoặc thư mục của nó không ghi được).',
  'no-permission': 'không có quyền ghi vào thư mục dự án.',
  busy: 'dự án đang bận ghi ở một tiến trình khác; hãy nhập lại tệp này sau giây lát.',
  io: 'lỗi đọc ghi ổ đĩa; hãy kiểm tra ổ đĩa rồi nhập lại.',
  corrupt: 'cơ sở dữ liệu dự án bị hỏng; hãy khôi phục từ bản sao lưu.',
  'too-many-files': 'hệ thống đang mở quá nhiều tệp cùng lúc; hãy nhập lại sau.',
};

/** The reason a file of an import was refused by the disk or the database, or null for other errors. */
export function systemErrorForFile(e: unknown, fileName: string): string | null {
  const kind = systemErrorKind(e);
  return kind ? `${fileName}: ${fileSentences[kind]}` : null;
}

const writeReasons: Partial<Record<Kind, string>> = {
  full: 'ổ đĩa đã đầy; hãy giải phóng chỗ trống hoặc chọn ổ đĩa khác rồi thử lại',
  'read-only': 'ổ đĩa hoặc thư mục chỉ cho đọc; hãy chọn nơi ghi được',
  'no-permission': 'không có quyền ghi vào đó; hãy chọn thư mục khác hoặc kiểm tra quyền',
  io: 'lỗi đọc ghi ổ đĩa; hãy kiểm tra ổ đĩa (hoặc kết nối mạng tới nó) rồi thử lại',
  'too-many-files': 'hệ thống đang mở quá nhiều tệp cùng lúc; hãy đóng bớt chương trình rồi thử lại',
};

/**
 * A file the user asked for (an export, a backup) that the disk refused, as one sentence naming
 * it — the failure may come from a temporary file beside it or a database copy, whose names the
 * user never gave. Null when the error is not the disk's. The file that was there is untouched:
 * every such file is written beside and renamed over it.
 */
export function cannotWrite(target: string, e: unknown): UserFacingError | null {
  const kind = systemErrorKind(e);
  const why = kind ? writeReasons[kind] : undefined;
  return why ? new UserFacingError(`system.${kind}`, `Không ghi được ${target}: ${why}. Tệp cũ ở đó (nếu có) vẫn nguyên vẹn.`) : null;
}
