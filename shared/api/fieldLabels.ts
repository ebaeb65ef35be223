/**
 * Names of input fields as the user knows them, for messages about invalid input: "Từ ngày (để
 * sắp xếp): …" rather than "(patch.date.start)". Looked up from the most specific end of the
 * path ("date.start" before "start"); list indexes are skipped.
 */
const LABELS: Readonly<Record<string, string>> = {
  'date.text': 'Ngày tháng năm',
  'date.start': 'Từ ngày (để sắp xếp)',
  'date.end': 'Đến ngày (để sắp xếp)',
  date: 'Ngày tháng năm',
  from: 'Từ ngày',
  to: 'Đến ngày',
  code: 'Số và ký hiệu',
  docType: 'Tên loại',
  issuer: 'Cơ quan ban hành',
  place: 'Địa danh ban hành',
  abstract: 'Trích yếu nội dung',
  'location.repository': 'Kho lưu trữ',
  'location.fond': 'Phông',
  'location.inventory': 'Mục lục số',
  'location.box': 'Hộp số',
  'location.file': 'Hồ sơ số',
  'location.folio': 'Tờ số',
  secrecy: 'Độ mật',
  urgency: 'Độ khẩn',
  authenticity: 'Bản gốc / bản sao',
  form: 'Hình thức',
  languages: 'Ngôn ngữ',
  condition: 'Tình trạng vật lý',
  annotations: 'Bút tích',
  tags: 'Từ khóa',
  people: 'Nhân vật',
  places: 'Địa danh liên quan',
  organisations: 'Cơ quan, tổ chức',
  notes: 'Ghi chú',
  title: 'Tiêu đề',
  id: 'Số tài liệu',
  ids: 'Các tài liệu',
  path: 'Đường dẫn',
  paths: 'Đường dẫn',
  baseVersion: 'Phiên bản',
};

/** The user's name for the field at `path`, or null when it has none. */
export function fieldLabel(path: readonly PropertyKey[]): string | null {
  const keys = path.filter((k): k is string => typeof k === 'string');
  for (let n = Math.min(keys.length, 2); n >= 1; n--) {
    const label = LABELS[keys.slice(-n).join('.')];
    if (label) return label;
  }
  return null;
}

/** What zod reports about one input (the fields this file reads). */
export interface InputIssue {
  message: string;
  path: readonly PropertyKey[];
  code?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  values?: readonly unknown[];
}

/** zod's own messages (English: "Too big: …", "Invalid input") in Vietnamese; a message the schema wrote is kept. */
function sentenceOf(issue: InputIssue): string {
  if (!/^(?:Too (?:big|small)|Invalid|Unrecognized|Expected|Required)\b/u.test(issue.message)) return issue.message;
  const n = (v: number | bigint | undefined) => String(v ?? '');
  const text = issue.origin === 'string';
  const list = issue.origin === 'array' || issue.origin === 'set';
  switch (issue.code) {
    case 'too_big':
      return text ? `Dài quá ${n(issue.maximum)} ký tự.` : list ? `Nhiều quá ${n(issue.maximum)} mục.` : `Phải nhỏ hơn ${issue.inclusive ? 'hoặc bằng ' : ''}${n(issue.maximum)}.`;
    case 'too_small':
      if (text) return Number(issue.minimum) <= 1 ? 'Không được để trống.' : `Phải có ít nhất ${n(issue.minimum)} ký tự.`;
      if (list) return `Cần ít nhất ${n(issue.minimum)} mục.`;
      return `Phải lớn hơn ${issue.inclusive ? 'hoặc bằng ' : ''}${n(issue.minimum)}.`;
    case 'invalid_value':
      return `Phải là một trong: ${(issue.values ?? []).map(String).join(', ')}.`;
    case 'invalid_type':
      return 'Không đúng kiểu dữ liệu.';
    case 'invalid_format':
      return 'Không đúng dạng.';
    default:
      return 'Không hợp lệ.';
  }
}

/** A message about invalid input that names the field, never its internal path. */
export function invalidInputMessage(issue: InputIssue | undefined): string {
  if (!issue) return 'Dữ liệu không hợp lệ.';
  const message = sentenceOf(issue);
  const lower = `${message.charAt(0).toLocaleLowerCase('vi')}${message.slice(1)}`;
  const label = fieldLabel(issue.path);
  if (label) return `${label}: ${lower}`;
  if (message === issue.message) return message;
  return message === 'Không hợp lệ.' ? 'Dữ liệu không hợp lệ.' : `Dữ liệu không hợp lệ: ${lower}`;
}
