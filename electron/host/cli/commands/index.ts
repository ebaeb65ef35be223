/**
 * Every CLI command, in the order `suquan --help` lists them: name, usage and summary here, the
 * command itself behind `load`. Only the chosen command's module is imported (a lazy chunk in the
 * bundle), so help, parsing and a mistyped name load nothing heavy.
 */
import type { CliCommandEntry } from '../command';

export const commands: CliCommandEntry[] = [
  {
    name: 'init',
    usage: 'suquan init DIR [--title T] [--json]',
    summary: 'Tạo dự án mới trong thư mục DIR.',
    load: async () => (await import('./init')).initCommand,
  },
  {
    name: 'sample',
    usage: 'suquan sample DIR [--json]',
    summary:
      'Tạo dự án mẫu (Đảng bộ xã Hòa Lam, hư cấu) trong thư mục DIR mới hoặc trống: kho 12 tài liệu có bản quét, mô tả lưu trữ và chữ; cuốn lịch sử, biên niên và tuyển tập văn kiện có chú thích nguồn — để xem Sử Quán làm gì trước khi dùng dữ liệu thật.',
    load: async () => (await import('./sample')).sampleCommand,
  },
  {
    name: 'import',
    usage: 'suquan import DIR PATH... [--group folder|name|file] [--folder-as-document] [--ocr] [--json]',
    summary:
      'Nhập tư liệu (ảnh JPEG/PNG/TIFF, PDF, Word .docx/.doc, OpenDocument .odt, RTF, trang web, văn bản — cả phông chữ cũ TCVN3, VNI, VISCII, VIQR; thư mục được nhập đệ quy) vào kho; --group folder (hay --folder-as-document) gộp ảnh trang của mỗi thư mục thành một tài liệu, --group name gộp các tệp chỉ khác nhau ở số trang cuối tên (NQ05_p1.jpg, NQ05_p2.jpg…); tệp đã có trong kho được báo, không nhập lại; --ocr nhận dạng chữ các bản quét vừa nhập.',
    load: async () => (await import('./import')).importCommand,
  },
  {
    name: 'list',
    usage: 'suquan list DIR [--json]',
    summary: 'Liệt kê tài liệu và sách trong dự án.',
    load: async () => (await import('./list')).listCommand,
  },
  {
    name: 'search',
    usage: 'suquan search DIR [WORDS...] [--type NQ] [--issuer TU] [--from 1945] [--to 1975-04] [--fond …] [--exact] [--sort date|code|…] [--desc] [--json]',
    summary: 'Tìm trong kho tư liệu: không dấu cũng được, đúng dấu xếp trước; "cụm từ", -loại trừ, OR, tiền tố*; lọc theo loại, cơ quan, ngày, phông…',
    load: async () => (await import('./search')).searchCommand,
  },
  {
    name: 'to-collect',
    usage: 'suquan to-collect DIR [--out FILE.csv|FILE.xlsx] [--json]',
    summary:
      'Danh sách tài liệu cần sưu tầm: các văn bản được tài liệu trong kho hoặc bản thảo dẫn đến theo số và ký hiệu (đọc theo nhiệm kỳ) nhưng chưa có trong kho, kèm số lần và nơi dẫn; --out ghi ra CSV hoặc Excel.',
    load: async () => (await import('./toCollect')).toCollectCommand,
  },
  {
    name: 'ocr',
    usage: 'suquan ocr DIR [--document N[,M...]] [--redo] [--json]',
    summary:
      'Nhận dạng chữ (OCR tiếng Việt, không cần mạng) các trang quét chưa có chữ, hoặc của các tài liệu đã chọn; trang do người gõ không bao giờ bị ghi đè; --redo nhận dạng lại (giữ bản cũ).',
    load: async () => (await import('./ocr')).ocrCommand,
  },
  {
    name: 'catalogue',
    usage:
      'suquan catalogue DIR --out FILE.xlsx|FILE.csv|FILE.pdf [--words "…"] [--type NQ] [--issuer TU] [--from 1945] [--to 1975-04] [--fond …] [--box …] [--file …] [--sort location|date|code|…] [--desc] [--columns code,date,…] [--title "…"] [--json]',
    summary:
      'Xuất mục lục tài liệu trong kho (toàn bộ hoặc theo bộ lọc, theo thứ tự đã chọn; mặc định theo vị trí lưu trữ) ra bảng tính Excel (.xlsx), CSV (UTF-8, mở được bằng Excel) hoặc bản in PDF theo mẫu mục lục hồ sơ.',
    load: async () => (await import('./catalogue')).catalogueCommand,
  },
  {
    name: 'export-document',
    usage: 'suquan export-document DIR --document N --out FILE.pdf [--json]',
    summary: 'Xuất một tài liệu trong kho ra PDF tìm kiếm được (ảnh quét kèm lớp chữ ẩn) để gửi người thẩm định.',
    load: async () => (await import('./exportDocument')).exportDocumentCommand,
  },
  {
    name: 'export',
    usage: 'suquan export DIR --book ID [--chapter NODE_ID | --cover] --out FILE.pdf|FILE.docx [--check] [--json]',
    summary:
      'Xuất một cuốn sách ra PDF để in hoặc ra Word (.docx) để thẩm định; --chapter: bản in thử của một chương hay một phần; --cover: bìa sách (bìa trước, gáy, bìa sau trên một tờ PDF); --check: kiểm tra trước khi in (in ra các vấn đề tìm thấy rồi vẫn xuất).',
    load: async () => (await import('./export')).exportCommand,
  },
  {
    name: 'check',
    usage: 'suquan check DIR [--repair] [--json]',
    summary: 'Kiểm tra tính toàn vẹn: băm lại mọi tệp gốc, kiểm tra cơ sở dữ liệu và các dòng chỉ tới tệp; mã thoát khác 0 khi có lỗi. --repair: dọn tệp thừa và tệp tạm do một lần nhập hay ghi bị ngắt để lại.',
    load: async () => (await import('./check')).checkCommand,
  },
  {
    name: 'backup',
    usage: 'suquan backup DIR --out FILE [--json]',
    summary:
      'Sao lưu toàn bộ dự án (cơ sở dữ liệu và mọi tệp gốc, kèm mã SHA-256 từng tệp) vào một tệp; dùng được cả khi ứng dụng đang mở dự án; nếu bị ngắt, chạy lại sẽ ghi tiếp.',
    load: async () => (await import('./backup')).backupCommand,
  },
  {
    name: 'restore',
    usage: 'suquan restore FILE --to DIR [--json]',
    summary: 'Khôi phục dự án từ tệp sao lưu vào thư mục DIR (chưa có hoặc trống); kiểm tra mã SHA-256 từng tệp và kiểm tra dự án trước khi tạo DIR.',
    load: async () => (await import('./restore')).restoreCommand,
  },
  {
    name: 'salvage',
    usage: 'suquan salvage DIR --to NEW [--json]',
    summary: 'Cứu dữ liệu của một dự án bị hỏng sang dự án mới NEW: mọi dòng còn đọc được và mọi tệp gốc còn nguyên; in ra phần giữ được và phần bị mất.',
    load: async () => (await import('./salvage')).salvageCommand,
  },
  {
    name: 'book',
    usage: 'suquan book create DIR --kind history|chronicle|documents --title T [--subtitle S] [--json]',
    summary: 'Tạo một cuốn sách mới trong dự án (lịch sử Đảng bộ, biên niên sự kiện, văn kiện).',
    load: async () => (await import('./book')).bookCommand,
  },
  {
    name: 'chapter',
    usage: 'suquan chapter import DIR --book ID FILE.(md|docx) [--split] [--json]',
    summary: 'Nhập bản thảo Markdown (chú thích kiểu Pandoc), Word (.docx, .doc), OpenDocument (.odt) hoặc RTF (có chú thích) thành chương; --split tách mỗi đề mục cấp 1 thành một chương.',
    load: async () => (await import('./chapter')).chapterCommand,
  },
  {
    name: 'typeset',
    usage: 'suquan typeset FILE.md --out FILE.pdf [--json]',
    summary: 'Dàn trang một tệp Markdown (có khai báo YAML) thành tệp PDF sẵn sàng in.',
    load: async () => (await import('./typeset')).typesetCommand,
  },
  {
    name: 'check-pdf',
    usage: 'suquan check-pdf FILE.pdf [--json]',
    summary:
      'Kiểm tra một tệp PDF trước khi gửi nhà in theo chuẩn PDF/X-4 (mục đích đầu ra và hồ sơ màu ICC, khung cắt TrimBox/BleedBox, phông chữ đã nhúng, siêu dữ liệu, không mã hóa, không JavaScript…); mã thoát 2 khi có quy tắc không đạt.',
    load: async () => (await import('./checkPdf')).checkPdfCommand,
  },
  {
    name: 'debug-crash',
    usage: 'suquan debug-crash [throw|uncaught|rejection]',
    summary: 'Cố ý gây lỗi nội bộ để kiểm tra cách dòng lệnh xử lý lỗi (mã thoát 70, ghi nhật ký).',
    load: async () => (await import('./debugCrash')).debugCrashCommand,
    hidden: true,
  },
];

/** The usage line of a command, for the error that says how to call it. */
export function usageOf(name: string): string {
  return commands.find((c) => c.name === name)?.usage ?? `suquan ${name}`;
}
