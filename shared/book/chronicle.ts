/**
 * Chronicle entries (biên niên sự kiện) from plain paragraphs, as compilers type them:
 *
 *   **Ngày 19-8-1945**, nhân dân …      a paragraph that opens in bold: the bold text is the date lead
 *   Ngày 19-8-1945, nhân dân …          or one that opens with a date followed by "," or ":"
 *   Cuối tháng 3-1946: …                  (ngày / tháng / năm, with đầu, giữa, cuối, thượng tuần …)
 *
 * The date lead keeps the punctuation that follows it ("Ngày 19-8-1945,"), so the entry reads as
 * typed; the typesetter sets it in bold and runs the text on. Other blocks stay as they are.
 */
import { parsePartialDate } from '../text/partialDate';
import type { Block, ChronicleEntry, InlineRun } from './model';

const DATE =
  '(?:(?:đầu|giữa|cuối|thượng tuần|trung tuần|hạ tuần|khoảng|đêm|sáng|trưa|chiều|tối|rạng sáng)\\s+)?' +
  '(?:ngày\\s+\\d{1,2}(?:\\s*(?:và|-|,)\\s*\\d{1,2})*\\s*[-/.]\\s*\\d{1,2}\\s*[-/.]\\s*\\d{4}' +
  '|ngày\\s+\\d{1,2}\\s+tháng\\s+\\d{1,2}\\s+năm\\s+\\d{4}' +
  '|tháng\\s+\\d{1,2}(?:\\s*(?:và|-)\\s*\\d{1,2})?\\s*[-/.]\\s*\\d{4}' +
  '|tháng\\s+\\d{1,2}\\s+năm\\s+\\d{4}' +
  '|năm\\s+\\d{4})';
const LEAD = new RegExp(`^\\s*(${DATE}\\s*[,:])\\s*`, 'iu');

function entry(label: string, body: InlineRun[]): ChronicleEntry {
  const clean = label.replace(/\s+/g, ' ').trim();
  const date = parsePartialDate(clean.replace(/[,:.]$/, ''));
  return { kind: 'chronicle-entry', dateLabel: clean, ...(date?.start ? { sortKey: date.start } : {}), body };
}

/** A paragraph as a chronicle entry, or null when it does not open with a date lead. */
export function chronicleEntryOf(runs: InlineRun[]): ChronicleEntry | null {
  const first = runs[0];
  if (!first || first.kind !== 'text') return null;
  if (first.bold) {
    let k = 0;
    let label = '';
    while (k < runs.length) {
      const r = runs[k]!;
      if (r.kind !== 'text' || !r.bold) break;
      label += r.text;
      k++;
    }
    const body = runs.slice(k);
    const head = body[0];
    // A comma or colon typed just after the bold lead belongs to the lead.
    if (head && head.kind === 'text') {
      const punct = /^[,:]/.exec(head.text)?.[0] ?? '';
      label += punct;
      body[0] = { ...head, text: head.text.slice(punct.length).replace(/^\s+/, '') };
    }
    return label.trim() ? entry(label, body) : null;
  }
  const m = LEAD.exec(first.text);
  if (!m) return null;
  const rest = first.text.slice(m[0].length);
  const lead = m[1]!;
  return entry(lead.charAt(0).toLocaleUpperCase('vi') + lead.slice(1), [...(rest ? [{ ...first, text: rest }] : []), ...runs.slice(1)]);
}

/** A chronicle chapter's blocks: paragraphs that open with a date lead become entries. */
export function toChronicleEntries(blocks: Block[]): Block[] {
  return blocks.map((b) => (b.kind === 'paragraph' ? (chronicleEntryOf(b.runs) ?? b) : b));
}

/** The date lead as printed: as typed, closed with a full stop when it has no punctuation of its own. */
export function printedDateLead(label: string): string {
  const l = label.normalize('NFC').trim();
  return /[.:,;]$/.test(l) ? l : `${l}.`;
}
