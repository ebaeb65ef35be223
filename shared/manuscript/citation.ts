/**
 * Citation text in the Vietnamese archival style (trích dẫn tài liệu lưu trữ), generated from an
 * archived document's metadata, so a corrected number or date changes every citation of it:
 *
 *   Tỉnh ủy Lai Châu: *Nghị quyết số 05-NQ/TU ngày 3-2-1961 về …*, lưu tại Kho Lưu trữ Tỉnh ủy
 *   Lai Châu, Phông số 1, Mục lục số 2, Hồ sơ số 45, tờ 3.
 *
 * Issuing body, colon, the document in italics (type, number-symbol, date, abstract), then its
 * location from the repository down to the folio — most specific last. A copy says so ("(bản sao)")
 * before its location; each part loses the final punctuation it was catalogued with, since the
 * citation adds its own. Pure; no I/O.
 */

/** The parts of an archived document a citation needs; all optional except the title. */
export interface CitationSource {
  /** The document's title as catalogued (used when type/number/abstract are unknown). */
  title: string;
  /** Cơ quan ban hành: "Tỉnh ủy Lai Châu". */
  issuer?: string;
  /** Tên loại: "Nghị quyết", "Chỉ thị", "Báo cáo". */
  docType?: string;
  /** Số và ký hiệu: "05-NQ/TU". */
  number?: string;
  /** Ngày ban hành: ISO "1961-02-03", "1961-02", "1961", or as written ("3-2-1961"). */
  date?: string;
  /** Trích yếu nội dung: "về công tác xây dựng Đảng". */
  abstract?: string;
  /** Kho lưu trữ: "Kho Lưu trữ Tỉnh ủy Lai Châu". */
  repository?: string;
  /** Phông số. */
  fonds?: string;
  /** Mục lục số. */
  findingAid?: string;
  /** Hộp/cặp số. */
  box?: string;
  /** Hồ sơ số / ĐVBQ. */
  file?: string;
  /** Tờ số of the whole document as catalogued: "3" or "3-7". */
  folio?: string;
  /** Set when the archive holds a copy, not the original: "bản sao", "bản trích sao", "bản chụp". */
  copy?: string;
}

/** Where in the document: a folio (tờ) as catalogued, or the scan's page number. */
export interface CitationLocator {
  folio?: string;
  page?: number;
}

export interface CitationSpan {
  text: string;
  italic?: boolean;
}

const clean = (s: string | undefined): string => (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * A part as it goes into the citation, which adds its own separators (": ", ", ", the final "."):
 * a catalogued "… tiêu thổ kháng chiến." or "Về nhiệm vụ …" must not print "…., lưu tại". The
 * full stop of an abbreviation ("v.v.", "Nxb.") stays; "?" and "!" stay, they carry meaning.
 */
export function bareCitationPart(s: string | undefined): string {
  const v = clean(s);
  const cut = v.replace(/[\s.…;:,]+$/u, '');
  if (cut !== v && /(?:^|[\s(])(?:v\.v|Nxb|tr|tp|Tp|TP)$/u.test(cut) && v.charAt(cut.length) === '.') return `${cut}.`;
  return cut;
}

/** Words a partial date opens with; they run on in lower case after "Báo cáo số …". */
const DATE_WORDS = /^(ngày|tháng|năm|cuối|đầu|giữa|khoảng|quý|mùa|vụ|trước|sau|từ|đêm|sáng|trưa|chiều|tối|xuân|hè|thu|đông)(?=\s|$)/iu;

/** "1961-02-03" → "3-2-1961"; "1961-02" → "tháng 2-1961"; "1961" → "năm 1961"; other text as written. */
export function formatCitationDate(date: string): string {
  const d = clean(date);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(d);
  if (m) return `ngày ${Number(m[3])}-${Number(m[2])}-${m[1]}`;
  m = /^(\d{4})-(\d{1,2})$/.exec(d);
  if (m) return `tháng ${Number(m[2])}-${m[1]}`;
  if (/^\d{4}$/.test(d)) return `năm ${d}`;
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/.test(d)) return `ngày ${d.replace(/[/.]/g, '-')}`;
  // The catalogue's written form "Ngày 3 tháng 2 năm 1946" / "Tháng 3 năm 1948" / "Năm 1981".
  m = /^ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})$/iu.exec(d);
  if (m) return `ngày ${Number(m[1])}-${Number(m[2])}-${m[3]}`;
  m = /^tháng (\d{1,2}) năm (\d{4})$/iu.exec(d);
  if (m) return `tháng ${Number(m[1])}-${m[2]}`;
  if (/^năm \d{4}$/iu.test(d)) return `năm ${d.slice(4)}`;
  return d;
}

/** "Phông số 1" from "1"; "Phông Tỉnh ủy" kept when the value is a name, not a number. */
function located(label: string, value: string | undefined): string | null {
  const v = bareCitationPart(value);
  if (!v) return null;
  if (new RegExp(`^${label}(?=\\s|$)`, 'iu').test(v)) return v;
  return /^[\dA-Za-z./-]+$/.test(v) && /\d/.test(v) ? `${label} số ${v}` : `${label} ${v}`;
}

/** The citation as spans (the document part italic) — for the editor and the typesetter. */
export function citationSpans(src: CitationSource, at: CitationLocator = {}): CitationSpan[] {
  const spans: CitationSpan[] = [];
  const issuer = bareCitationPart(src.issuer);
  if (issuer) spans.push({ text: `${issuer}: ` });

  const docType = bareCitationPart(src.docType);
  const number = bareCitationPart(src.number);
  let abstract = bareCitationPart(src.abstract);
  const date = src.date ? bareCitationPart(formatCitationDate(src.date)) : '';
  let work: string;
  if (docType || number) {
    // "Cuối năm 1949" runs on after the type as "Thư cuối năm 1949".
    const runOn = DATE_WORDS.test(date) ? date.charAt(0).toLocaleLowerCase('vi') + date.slice(1) : date;
    const head = [docType || 'Văn bản', number ? `số ${number}` : '', runOn].filter(Boolean).join(' ');
    // An abstract catalogued with its type ("Nghị quyết về …") would print the type twice.
    if (docType && abstract.toLocaleLowerCase('vi').startsWith(`${docType.toLocaleLowerCase('vi')} `)) {
      const rest = abstract.slice(docType.length + 1);
      if (/^(về|v\/v)(?=\s|$)/iu.test(rest)) abstract = rest;
    }
    // "về …" runs on after the number and date in lower case, however the abstract was typed.
    const lead = /^(?:về|v\/v)(?=\s|$)/iu.exec(abstract)?.[0] ?? '';
    const about = abstract ? (lead ? lead.toLocaleLowerCase('vi') + abstract.slice(lead.length) : `về ${abstract}`) : '';
    work = about ? `${head} ${about}` : head;
  } else {
    work = bareCitationPart(src.title) || 'Tài liệu không tên';
    if (date && !work.includes(date.replace(/^(ngày|tháng|năm) /, ''))) work = `${work}, ${date}`;
  }
  spans.push({ text: work, italic: true });
  const copy = bareCitationPart(src.copy);
  if (copy) spans.push({ text: ` (${copy.charAt(0).toLocaleLowerCase('vi')}${copy.slice(1)})` });

  const place: string[] = [];
  const repo = bareCitationPart(src.repository);
  if (repo) place.push(/^(lưu|bản lưu)/iu.test(repo) ? repo : `lưu tại ${repo}`);
  for (const part of [located('Phông', src.fonds), located('Mục lục', src.findingAid), located('Hộp', src.box), located('Hồ sơ', src.file)]) {
    if (part) place.push(part);
  }
  const folio = bareCitationPart(at.folio) || folioOfPage(bareCitationPart(src.folio), at.page);
  if (folio) place.push(`tờ ${folio}`);
  else if (at.page && at.page > 0) place.push(`tr. ${at.page}`);
  if (place.length) spans.push({ text: `, ${place.join(', ')}` });
  // An abbreviation's full stop ends the citation too: "…, v.v." not "…, v.v..".
  if (!spans[spans.length - 1]?.text.endsWith('.')) spans.push({ text: '.' });
  return spans;
}

/**
 * The folio of a scan page when the document's folios are catalogued: page 2 of a document on
 * "tờ 3-7" is tờ 4; a single folio is that folio; without a page, the whole range.
 */
export function folioOfPage(folios: string, page: number | undefined): string {
  if (!folios) return '';
  const m = /^(\d+)\s*[-–]\s*(\d+)$/.exec(folios);
  if (m && page && page > 0) {
    const n = Number(m[1]) + page - 1;
    return n <= Number(m[2]) ? String(n) : '';
  }
  return page && m ? '' : folios;
}

/** The citation as plain text. */
export function formatCitation(src: CitationSource, at: CitationLocator = {}): string {
  return citationSpans(src, at)
    .map((s) => s.text)
    .join('');
}

const pick = (m: Record<string, unknown>, ...keys: string[]): string | undefined => {
  for (const k of keys) {
    const path = k.split('.');
    let v: unknown = m;
    for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
    if (typeof v === 'string' && v.trim()) return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
};

/**
 * Reads a citation source out of an archived document's metadata JSON. The archive's metadata
 * fields (shared/archive/metadata.ts: code, docType, issuer, date {text,start,end}, abstract,
 * location {repository, fond, inventory, box, file, folio}) are read leniently, so a citation
 * works with whatever the catalogue holds.
 */
export function citationSourceFromMetadata(title: string, metadata: Record<string, unknown>): CitationSource {
  const src: CitationSource = { title: clean(title) };
  const set = <K extends keyof CitationSource>(k: K, v: string | undefined) => {
    if (v && clean(v)) src[k] = clean(v) as CitationSource[K];
  };
  set('issuer', pick(metadata, 'issuer', 'issuingBody', 'author', 'coQuanBanHanh'));
  set('docType', pick(metadata, 'docType', 'documentType', 'type', 'tenLoai'));
  set('number', pick(metadata, 'code', 'number', 'documentCode', 'numberSymbol', 'soKyHieu', 'code.text', 'code.raw'));
  // A dated document (start = end, a full day) is cited as "ngày 3-2-1961"; a partial date as written.
  const start = pick(metadata, 'date.start');
  const end = pick(metadata, 'date.end');
  const exactDay = start && /^\d{4}-\d{2}-\d{2}$/.test(start) && (!end || end === start) ? start : undefined;
  set('date', exactDay ?? pick(metadata, 'date', 'date.text', 'issuedOn', 'issueDate', 'date.start', 'ngay'));
  set('abstract', pick(metadata, 'abstract', 'summary', 'trichYeu'));
  set('repository', pick(metadata, 'repository', 'location.repository', 'kho'));
  set('fonds', pick(metadata, 'location.fond', 'fonds', 'fond', 'location.fonds', 'phong'));
  set('findingAid', pick(metadata, 'location.inventory', 'findingAid', 'inventory', 'location.findingAid', 'mucLuc'));
  set('box', pick(metadata, 'box', 'location.box', 'hop'));
  set('file', pick(metadata, 'location.file', 'file', 'dossier', 'location.dossier', 'hoSo'));
  set('folio', pick(metadata, 'location.folio', 'folio'));
  // Mức độ tin cậy: a copy is cited as one; an original (bản gốc, bản chính) needs no word.
  const authenticity = clean(pick(metadata, 'authenticity'));
  if (/^bản (sao|trích sao|chụp)$/iu.test(authenticity)) set('copy', authenticity.toLocaleLowerCase('vi'));
  return src;
}
