/**
 * Errors from the disk and the database that a user can act on — a full disk, a folder that
 * cannot be written, a project busy in another process, a failing drive — as one sentence that
 * says nothing was changed and what to do, instead of "Lỗi nội bộ: SQLITE_FULL". The dispatcher
 * uses it for every call; the import job uses it per file.
 */
import { UserFacingError } from '../../shared/errors';

type Kind = 'full' | 'read-only' | 'no-permission' | 'busy' | 'io' | 'corrupt' | 'too-many-files';

const sentences: Record<Kind, string> = {
  full: 'Ổ đĩa đã đầy nên thay đổi chưa được lưu; dự án vẫn như trước. Hãy giải phóng chỗ trống trên ổ đĩa rồi thử lại.',
  'read-only': 'Dự án đang mở chỉ để đọc (hoặc thư mục của nó không ghi được) nên thay đổi chưa được lưu.',
  'no-permission': 'Không có quyền ghi vào thư mục dự án nên thay đổi chưa được lưu; hãy kiểm tra quyền của thư mục.',
  busy: 'Dự án đang bận ghi ở một tiến trình khác nên thay đổi chưa được lưu; hãy thử lại sau giây lát.',
  io: 'Lỗi đọc ghi ổ đĩa nên thay đổi chưa được lưu; hãy kiểm tra ổ đĩa (hoặc kết nối tới thư mục dùng chung) rồi thử lại.',
  corrupt: 'Cơ sở dữ liệu dự án bị hỏng; hãy khôi phục từ bản sao lưu (Dự án → Sao lưu) hoặc cứu dữ liệu bằng «suquan salvage».',
  'too-many-files': 'Hệ thống đang mở quá nhiều tệp cùng lúc; hãy đóng bớt chương trình rồi thử lại.',
};

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
  return kind ? new UserFacingError(`system.${kind}`, sentences[kind]) : null;
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
