/**
 * Metadata suggested from a document's own text: the header of a Party or State document
 * ("TỈNH ỦY LAI CHÂU … Số 05-NQ/TU … Lai Châu, ngày 3 tháng 2 năm 1961 … NGHỊ QUYẾT về …").
 * Suggestions are never written into the metadata: the user accepts or dismisses them.
 */
import type { MetadataSuggestions } from '../../../shared/api/archive';
import { defaultTables, parseDocumentCode, parsePartialDate, type DocumentCodeTables } from '../../../shared/text/index';
import { foldForSearch } from '../../../shared/text/fold';

/**
 * Lines of the national/party motto, never the issuer: the Party's name (Đảng Lao động Việt Nam
 * from 1951 to 1976), the state's, the motto. Compared folded, so a misread tone mark in a scan's
 * recognised text ("ĐẲNG LAO ĐỘNG") is still recognised as the Party's name.
 */
const MOTTO = /^(dang cong san viet nam|dang lao dong viet nam|cong hoa xa hoi chu nghia viet nam|viet nam dan chu cong hoa|doc lap\s*[-–]\s*tu do\s*[-–]\s*hanh phuc|\*+|[-–_=.]+)$/u;
const isMotto = (line: string) => MOTTO.test(foldForSearch(line).trim());

const upper = (s: string) => s.toLocaleUpperCase('vi');
const isCapitals = (s: string) => /\p{L}/u.test(s) && s === upper(s);

/** How far into the text the header is looked for. */
const HEADER_LINES = 40;

export function suggestMetadata(text: string, tables: DocumentCodeTables = defaultTables): MetadataSuggestions {
  // A header is two columns (issuer and number left, motto and place-date right); extracted text
  // may put both on one line separated by a tab or a run of spaces: read each cell on its own.
  const lines = text
    .split('\n')
    .slice(0, HEADER_LINES)
    .flatMap((l) => l.split(/\t| {2,}/))
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const out: MetadataSuggestions = {};

  // Số và ký hiệu: "Số 05-NQ/TU", "Số: 123/QĐ-UBND" — starting its cell, or after the issuer in
  // capitals on the same line; never "… thực hiện Nghị quyết số 05-NQ/TU" inside a sentence, which
  // names another document.
  let codeLine = -1;
  for (let i = 0; i < lines.length && codeLine < 0; i++) {
    const m = /(?:^|\s)S[ốỐ]\s*[:.]?\s*([0-9][^\s,;]*)/u.exec(lines[i]!);
    if (!m) continue;
    const before = lines[i]!.slice(0, m.index).trim();
    if (before && !isCapitals(before)) continue;
    const parsed = parseDocumentCode(m[1]!.replace(/[.)]+$/, ''), tables);
    if (!parsed) continue;
    codeLine = i;
    out.code = parsed.normalized;
    if (parsed.typeName) out.docType = parsed.typeName;
    if (parsed.issuerName) out.issuer = parsed.issuerName;
  }

  // The issuer as the header writes it: the last line in capitals before the number, not a motto.
  if (codeLine > 0) {
    for (let i = codeLine - 1; i >= 0; i--) {
      const l = lines[i]!.replace(/\s*Số\s*[:.]?.*$/iu, '').trim();
      if (l && isCapitals(l) && !isMotto(l) && l.length <= 120) {
        out.issuer = l;
        break;
      }
    }
  }

  // Place and date: "Lai Châu, ngày 3 tháng 2 năm 1961", "Hà Nội, ngày 03/02/1961".
  for (const l of lines) {
    // "Lai Châu, ngày 3 tháng 2 năm 1961": the place starts the cell.
    const m =
      /^([\p{Lu}][\p{L} .'-]{0,40}?),\s*(ngày\s+.{1,40}?\d{4})(?!\d)/u.exec(l) ??
      /(?:^|\s)()(ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})/iu.exec(l);
    if (!m) continue;
    const d = parsePartialDate(m[2]!);
    if (!d) continue;
    if (m[1]) out.place = m[1].trim();
    out.date = { text: d.original, start: d.start, end: d.end };
    break;
  }

  // Type name as a title in capitals ("NGHỊ QUYẾT"), and the abstract after it ("về …").
  const typeNames = new Map<string, string>();
  for (const name of [...Object.values(tables.partyTypes), ...Object.values(tables.stateTypes)]) typeNames.set(upper(name), name);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const name = typeNames.get(upper(l)) ?? (isCapitals(l) ? typeNames.get(l.split(/\s+(?=VỀ(\s|$))/u)[0]!) : undefined);
    if (!name || !isCapitals(l)) continue;
    out.docType = name;
    const rest = l.slice(upper(name).length).trim();
    const next = rest || lines[i + 1] || '';
    if (/^về(\s|$)/iu.test(next) && next.length <= 300) {
      const abstract = isCapitals(next) ? next.charAt(0) + next.slice(1).toLocaleLowerCase('vi') : next;
      out.abstract = abstract.charAt(0).toLocaleUpperCase('vi') + abstract.slice(1);
    }
    break;
  }
  return out;
}
