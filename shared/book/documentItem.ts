/**
 * A reproduced document (văn kiện) in a document collection: its printed title, its place-and-date
 * line, and its transcribed body without the header and signature the export generates from the
 * archival description, so each prints once.
 *
 * The transcription holds the document as typed from the scan, header included:
 *
 *   TỈNH ỦY LAI CHÂU                  ĐẢNG CỘNG SẢN VIỆT NAM
 *          *                     Lai Châu, ngày 20 tháng 6 năm 2021
 *   Số 05-NQ/TU
 *                          NGHỊ QUYẾT
 *               về công tác xây dựng Đảng năm 2021
 *   <body>
 *                                                T/M BAN THƯỜNG VỤ
 *                                                      BÍ THƯ
 *                                                  Nguyễn Văn A
 *
 * `trimDocumentBody` drops, conservatively, only the leading paragraphs that are header lines —
 * a shape every header has ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
 * "Độc lập - Tự do - Hạnh phúc", "*", "Số …", "<place>, ngày … tháng … năm …", an issuing body in
 * capitals) or the metadata (issuer, number, document type, abstract) — and stops at the first line
 * that is neither. A trailing signature block (T/M, K/T, T/L …, office, "(đã ký)", name) becomes the
 * signature. Body text is never dropped: when nothing would be left, the body stays as it is.
 */
import type { ArchivalMetadata } from '../archive/metadata';
import { foldForSearch, foldKey } from '../text/fold';
import { formatVietnameseDate, parsePartialDate } from '../text/partialDate';
import type { Block, InlineRun } from './model';

const textOf = (runs: InlineRun[]) => runs.map((r) => (r.kind === 'text' ? r.text : '')).join('').normalize('NFC').replace(/\s+/g, ' ').trim();

/** Words that start a clause after the document type: lower-cased when joined to it ("Nghị quyết về …"). */
const JOINING = /^(?:về|của|v\/v|việc|cho|tại|năm|nhiệm kỳ|lần)(?=\s|$)/iu;

/**
 * The document's full title, as the table of contents lists it and the header prints it in capitals:
 * type and abstract ("Nghị quyết về công tác xây dựng Đảng năm 2021"). Without a type, the archive's
 * title; an abstract that already opens with the type is the title.
 */
export function documentTitle(meta: ArchivalMetadata, archiveTitle: string): string {
  const type = (meta.docType ?? '').normalize('NFC').trim();
  const abstract = (meta.abstract ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().replace(/[.;]$/u, '');
  if (!type) return archiveTitle.normalize('NFC').trim() || abstract;
  if (!abstract) return type;
  if (foldForSearch(abstract).startsWith(foldForSearch(type))) return abstract;
  const first = JOINING.test(abstract) ? abstract.charAt(0).toLocaleLowerCase('vi') + abstract.slice(1) : abstract;
  return `${type} ${first}`;
}

/** A stored date as a header writes it: "ngày 20 tháng 6 năm 2021", "tháng 6 năm 2021", "năm 2021"; else the text as given. */
export function headerDate(date: ArchivalMetadata['date']): string {
  if (!date) return '';
  const text = date.text.normalize('NFC').trim();
  const iso = date.start && (!date.end || date.end === date.start) ? date.start : undefined;
  const [y, m, d] = (iso ?? '').split('-').map(Number);
  if (y && m && d) return formatVietnameseDate({ y, m, d });
  if (y && m) return `tháng ${m} năm ${y}`;
  const parsed = text ? parsePartialDate(text) : null;
  if (parsed && (parsed.precision === 'day' || parsed.precision === 'month' || parsed.precision === 'year') && !parsed.qualifier && parsed.calendar === 'solar' && !parsed.time && !parsed.partOfDay) {
    const [py, pm, pd] = parsed.start.split('-').map(Number) as [number, number, number];
    return parsed.precision === 'day' ? formatVietnameseDate({ y: py, m: pm, d: pd }) : parsed.precision === 'month' ? `tháng ${pm} năm ${py}` : `năm ${py}`;
  }
  if (y && !text) return `năm ${y}`;
  return text;
}

/** "Lai Châu, ngày 20 tháng 6 năm 2021" (a date alone starts with a capital). */
export function documentPlaceDate(meta: ArchivalMetadata): string {
  const place = (meta.place ?? '').normalize('NFC').trim();
  const date = headerDate(meta.date);
  if (place && date) return `${place}, ${date}`;
  return place || (date ? date.charAt(0).toLocaleUpperCase('vi') + date.slice(1) : '');
}

/**
 * The line a header prints at the top right, as it read when the document was issued: the Party's
 * name of that time for a Party document (Đảng Cộng sản Việt Nam from February 1930, Đảng Cộng
 * sản Đông Dương from October 1930, none while the Party worked in secret from November 1945,
 * Đảng Lao động Việt Nam from its Second Congress in February 1951, Đảng Cộng sản Việt Nam again
 * from the Fourth Congress in December 1976), the State's for a State document (Việt Nam Dân chủ
 * Cộng hòa until 2 July 1976). Undated: today's name. '' when the header has no such line.
 */
export function headerMotto(date: ArchivalMetadata['date'], system: 'party' | 'state' | undefined): string {
  const at = date?.start ?? parsePartialDateStart(date?.text);
  // A partial date counts from its first day ("1951" is before the congress of February 1951).
  const day = at ? (at.length === 4 ? `${at}-01-01` : at.length === 7 ? `${at}-01` : at) : '';
  const before = (iso: string) => day !== '' && day < iso;
  if (system === 'state') return before('1976-07-02') ? 'VIỆT NAM DÂN CHỦ CỘNG HÒA' : 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  if (!at) return 'ĐẢNG CỘNG SẢN VIỆT NAM';
  if (before('1930-02-03')) return '';
  if (before('1930-10-01')) return 'ĐẢNG CỘNG SẢN VIỆT NAM';
  if (before('1945-11-11')) return 'ĐẢNG CỘNG SẢN ĐÔNG DƯƠNG';
  if (before('1951-02-11')) return '';
  if (before('1976-12-20')) return 'ĐẢNG LAO ĐỘNG VIỆT NAM';
  return 'ĐẢNG CỘNG SẢN VIỆT NAM';
}

function parsePartialDateStart(text: string | undefined): string | undefined {
  const parsed = text ? parsePartialDate(text) : null;
  return parsed?.start;
}

const MOTTOS = [
  'đảng cộng sản việt nam',
  'đảng lao động việt nam',
  'đảng cộng sản đông dương',
  'cộng hòa xã hội chủ nghĩa việt nam',
  'việt nam dân chủ cộng hòa',
  'độc lập tự do hạnh phúc',
].map(foldKey);

/** An issuing body as headers print it: in capitals, opening with the name of a Party or State body. */
const ISSUER =
  /^(?:TỈNH|HUYỆN|XÃ|THÀNH PHỐ|THỊ XÃ|QUẬN|PHƯỜNG|KHU|LIÊN KHU|BAN|TỈNH [ỦU][YỶ]|HUYỆN [ỦU][YỶ]|THÀNH [ỦU][YỶ]|THỊ [ỦU][YỶ]|QUẬN [ỦU][YỶ]|KHU [ỦU][YỶ]|XỨ [ỦU][YỶ]|LIÊN KHU [ỦU][YỶ]|ĐẢNG [ỦU][YỶ]|ĐẢNG BỘ|ĐẢNG ĐOÀN|CHI BỘ|[ỦU][YỶ] BAN|UBND|HỘI ĐỒNG|VĂN PHÒNG|BỘ CHÍNH TRỊ|TRUNG ƯƠNG|BỘ CHỈ HUY|SỞ|BỘ|CỤC|TỔNG CỤC|MẶT TRẬN|TỈNH ĐOÀN|HUYỆN ĐOÀN|CÔNG AN)(?:\s|$)/u;
const isCapitals = (s: string) => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);

/** "Lai Châu, ngày 20 tháng 6 năm 2021", "ngày … tháng … năm 19…", with the place or without. */
const PLACE_DATE = /^(?:[\p{L}\s.-]{1,40},\s*)?ngày\b.{0,20}\btháng\b.{0,20}\bnăm\b\s*[\d.…]{0,4}\s*\.?$/iu;
const SEPARATOR = /^[-–—_*.…\s]+$/u;
const NUMBER = /^số\s*:?\s*[\p{L}\p{N}/.\-–\s]{1,30}$/iu;

/** What is left of a header line once every recognised piece is taken off; '' when all of it is header. */
function headerRest(line: string, meta: ArchivalMetadata): string {
  let key = foldKey(line);
  for (const m of MOTTOS) key = key.split(m).join('');
  if (meta.issuer) key = key.split(foldKey(meta.issuer)).join('');
  if (meta.code) key = key.replace(new RegExp(`^(?:so)?${foldKey(meta.code).replace(/[^\p{L}\p{N}]/gu, '')}`, 'u'), '');
  if (meta.place && meta.date) key = key.split(foldKey(documentPlaceDate(meta))).join('');
  return key;
}

function isHeaderLine(line: string, meta: ArchivalMetadata): boolean {
  if (!line || SEPARATOR.test(line)) return true;
  if (NUMBER.test(line) && line.length <= 40) return true;
  if (PLACE_DATE.test(line)) return true;
  if (isCapitals(line) && line.length <= 80 && ISSUER.test(line)) return true;
  return headerRest(line, meta) === '';
}

/** Every word of `line` is a word of `title` (diacritics and case folded), and there are at least three. */
function wordsWithin(line: string, title: string): boolean {
  const words = (s: string) => foldForSearch(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const have = new Set(words(title));
  const want = words(line);
  return want.length >= 3 && want.every((w) => have.has(w));
}

const sameText = (a: string, b: string) => foldKey(a) !== '' && foldKey(a) === foldKey(b);

const SIGNS_FOR = /^(?:T\/M|TM\.|K\/T|KT\.|T\/L|TL\.|TUQ\.|Q\.|THAY MẶT|THỪA LỆNH|KÝ THAY)\s*\S/u;
const SIGNED = /^\((?:đã ký|ký|ký tên|ký,? đóng dấu|ký tên,? đóng dấu)[^)]*\)$/iu;
const NAME = /^(?:\p{Lu}\p{Ll}*\s+){1,4}\p{Lu}\p{Ll}*$/u;

/** Where the signature block at the end of a transcription starts (T/M …, office, "(đã ký)", name); -1 when there is none. */
function signatureStart(lines: (string | null)[]): number {
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 5); i--) {
    const l = lines[i];
    if (l == null) return -1;
    if (SIGNS_FOR.test(l) && isCapitals(l)) {
      const rest = lines.slice(i + 1) as string[];
      if (!rest.length || !rest.every((r) => r.length <= 60 && !/\d/u.test(r) && (isCapitals(r) || SIGNED.test(r) || NAME.test(r)))) return -1;
      // "T/M TỈNH ỦY" above "K/T BÍ THƯ": one block.
      let start = i;
      while (start > 0 && lines[start - 1] != null && SIGNS_FOR.test(lines[start - 1]!) && isCapitals(lines[start - 1]!)) start--;
      return start;
    }
  }
  return -1;
}

/**
 * The body of a reproduced document without its own header (and, when one is found, without its
 * signature block, returned as `signature`). `title` is the printed title (see documentTitle).
 */
export function trimDocumentBody(body: Block[], meta: ArchivalMetadata, title: string): { body: Block[]; signature?: string[] } {
  const line = (b: Block | undefined) => (b && (b.kind === 'paragraph' || b.kind === 'heading') && b.runs.every((r) => r.kind === 'text') ? textOf(b.runs) : null);
  let k = 0;
  // Issuer, number, mottos, place and date, in whatever order the transcriber typed the two columns.
  while (k < body.length && k < 12) {
    const l = line(body[k]);
    if (l === null || !isHeaderLine(l, meta)) break;
    k++;
  }
  // The title: the document type (alone, or with the abstract), then the abstract, possibly over several lines.
  const type = meta.docType ?? '';
  const abstract = meta.abstract ?? '';
  const t0 = line(body[k]);
  if (t0 !== null && type && (sameText(t0, type) || sameText(t0, title) || sameText(t0, `${type} ${abstract}`))) {
    k++;
    if (abstract && !sameText(t0, title) && !sameText(t0, `${type} ${abstract}`)) {
      const want = foldKey(abstract);
      let got = '';
      let j = k;
      while (j < body.length && j < k + 4) {
        const l = line(body[j]);
        if (l === null) break;
        got += foldKey(l);
        if (!want.startsWith(got)) break;
        j++;
        if (got === want) {
          k = j;
          break;
        }
      }
    }
    // The transcription's own trích yếu line, worded otherwise than the abstract ("Về …", or words
    // all found in the title: "Hội nghị thành lập chi bộ" under "Biên bản về hội nghị thành lập chi bộ"): the title prints it.
    const sub = line(body[k]);
    if (abstract && sub && sub.length <= 300 && body.length > k + 1 && (/^(?:về|v\/v)\s/iu.test(sub) || wordsWithin(sub, title))) k++;
    while (k < body.length && SEPARATOR.test(line(body[k]) ?? 'x')) k++;
  }
  let rest = body.slice(k);
  if (!rest.some((b) => (line(b) ?? 'x') !== '')) rest = body; // never leave a document without its text
  // The signature block, when the last paragraphs are one and nothing else.
  const lines = rest.map(line);
  let end = lines.length;
  while (end > 0 && lines[end - 1] === '') end--;
  const start = signatureStart(lines.slice(0, end));
  if (start > 0) return { body: rest.slice(0, start), signature: lines.slice(start, end) as string[] };
  return { body: rest };
}
