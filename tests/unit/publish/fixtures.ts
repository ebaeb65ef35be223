/**
 * Generated Vietnamese books for the typesetter's tests and benchmark: deterministic (seeded)
 * text built from common syllables, with footnotes, headings and index terms.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Block, Book, Chapter, ChronicleEntry, InlineRun, Paragraph } from '../../../shared/book/model';
import { seededRandom } from '../../../shared/seededRandom';

const SYLLABLES = (
  'Đảng bộ xã huyện tỉnh nhân dân cách mạng kháng chiến chống thực dân Pháp đế quốc Mỹ đồng chí ' +
  'chi bộ đảng viên phong trào đấu tranh giành chính quyền khởi nghĩa tháng Tám năm lãnh đạo ' +
  'xây dựng phát triển kinh tế văn hóa xã hội quốc phòng an ninh nông nghiệp hợp tác sản xuất ' +
  'lương thực thủy lợi đê điều trường học trạm y tế giao thông nông thôn mới thôn bản làng quê ' +
  'hương truyền thống yêu nước cần cù sáng tạo đoàn kết thống nhất ý chí quyết tâm vượt qua khó ' +
  'khăn thử thách hoàn thành nhiệm vụ chính trị được giao Ban Chấp hành Thường vụ Nghị quyết ' +
  'Đại hội lần thứ nhiệm kỳ cán bộ chiến sĩ du kích dân quân tự vệ hy sinh anh dũng kiên cường ' +
  'bất khuất ghi nhận tặng thưởng Huân chương danh hiệu Anh hùng lực lượng vũ trang những của ' +
  'và với trong các cho đã đang sẽ từ đến khi này đó nhiều một hai ba bốn ruộng đất mùa màng ' +
  'hòa bình độc lập tự do hạnh phúc thủy chung khỏe mạnh quyền lợi nghĩa vụ công tác tổ chức'
).split(' ');

export const PEOPLE = ['Nguyễn Văn Cừ', 'Trần Phú', 'Lê Hồng Phong', 'Hà Huy Tập', 'Nguyễn Thị Minh Khai', 'Võ Văn Tần', 'Phạm Hùng', 'Đặng Thị Hòa', 'Âu Cơ', 'Bùi Thị Xuân'];
export const PLACES = ['Sông Hồng', 'Tân Hòa', 'Đông Anh', 'Ứng Hòa', 'Ân Thi', 'Bắc Ninh', 'Yên Bái', 'Chợ Đồn', 'Điện Biên', 'Ô Môn'];

/** A seeded generator, so generated books are the same on every run. */
export const rng = seededRandom;

export function sentence(r: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(SYLLABLES[Math.floor(r() * SYLLABLES.length)]!);
  const s = out.join(' ');
  return s[0]!.toLocaleUpperCase('vi') + s.slice(1) + '.';
}

export interface GenOptions {
  seed?: number;
  chapters: number;
  sectionsPerChapter: number;
  parasPerSection: number;
  /** Words per paragraph (mean). */
  words: number;
  /** Probability that a paragraph carries a footnote. */
  footnoteRate: number;
  /** Add index terms of people and places. */
  indexTerms?: boolean;
  /** Make some footnotes long (several paragraphs) to exercise continuation. */
  longNotes?: boolean;
  /** Put a unique marker word "ZqN" before each call and "Ghi chú N." at the start of its note. */
  markCalls?: boolean;
}

let markCounter = 0;
export function resetMarks(): void {
  markCounter = 0;
}

export function paragraph(r: () => number, o: GenOptions): Paragraph {
  const runs: InlineRun[] = [];
  const n = Math.max(8, Math.round(o.words * (0.6 + 0.8 * r())));
  let left = n;
  while (left > 0) {
    const k = Math.min(left, 6 + Math.floor(r() * 14));
    const s = sentence(r, k);
    const style = r();
    if (style < 0.06) runs.push({ kind: 'text', text: s, bold: true });
    else if (style < 0.12) runs.push({ kind: 'text', text: s, italic: true });
    else runs.push({ kind: 'text', text: s });
    runs.push({ kind: 'text', text: ' ' });
    left -= k;
    if (o.indexTerms && r() < 0.15) {
      const person = r() < 0.5;
      const term = person ? PEOPLE[Math.floor(r() * PEOPLE.length)]! : PLACES[Math.floor(r() * PLACES.length)]!;
      runs.push({ kind: 'index-term', term, index: person ? 'person' : 'place' }, { kind: 'text', text: term + ' ' });
    }
  }
  if (r() < o.footnoteRate) {
    const long = o.longNotes && r() < 0.3;
    const mark = ++markCounter;
    const lead = o.markCalls ? `Ghi chú ${mark}. ` : '';
    const content: Paragraph[] = [{ kind: 'paragraph', runs: [{ kind: 'text', text: lead + sentence(r, long ? 60 : 8 + Math.floor(r() * 18)) }] }];
    if (long) content.push({ kind: 'paragraph', runs: [{ kind: 'text', text: sentence(r, 90) }] }, { kind: 'paragraph', runs: [{ kind: 'text', text: sentence(r, 90) }] });
    // The call goes after the first sentence (after a marker word when asked).
    if (o.markCalls) runs.splice(1, 0, { kind: 'text', text: `Zq${mark}` }, { kind: 'footnote', content });
    else runs.splice(1, 0, { kind: 'footnote', content });
  }
  return { kind: 'paragraph', runs };
}

export function generateBook(o: GenOptions): Book {
  const r = rng(o.seed ?? 1);
  const body: Chapter[] = [];
  for (let c = 0; c < o.chapters; c++) {
    const blocks: Block[] = [];
    for (let s = 0; s < o.sectionsPerChapter; s++) {
      blocks.push({ kind: 'heading', level: 1, runs: [{ kind: 'text', text: sentence(r, 4 + Math.floor(r() * 5)).slice(0, -1) }] });
      for (let p = 0; p < o.parasPerSection; p++) blocks.push(paragraph(r, o));
    }
    body.push({ kind: 'chapter', title: sentence(r, 5 + Math.floor(r() * 6)).slice(0, -1), numbered: true, blocks });
  }
  return {
    layout: 'history',
    title: 'Lịch sử Đảng bộ xã Tân Hòa (1930 – 2025)',
    author: 'Ban Chấp hành Đảng bộ xã Tân Hòa',
    placeYear: 'Tân Hòa – 2026',
    front: [{ kind: 'chapter', title: 'Lời nói đầu', numbered: false, blocks: [paragraph(r, { ...o, footnoteRate: 0 }), paragraph(r, { ...o, footnoteRate: 0 })] }],
    body,
    back: [{ kind: 'chapter', title: 'Kết luận', numbered: false, blocks: [paragraph(r, o), paragraph(r, o)] }],
    colophon: { publisher: 'Nhà xuất bản Chính trị quốc gia Sự thật', printRun: '500', price: 'Sách không bán' },
    credits: { editorInChief: ['Nguyễn Văn An'], board: ['Trần Thị Bình', 'Lê Văn Cường'] },
  };
}

/** A chronicle: periods → years → dated entries in order, some with footnoted sources. */
export function generateChronicle(seed = 3): Book {
  const r = rng(seed);
  const months = ['Ngày 3-2', 'Tháng 3', 'Ngày 19-8', 'Ngày 2-9', 'Cuối năm'];
  const chapters: Chapter[] = [];
  for (const [from, to] of [
    [1930, 1933],
    [1945, 1947],
  ] as const) {
    const blocks: Block[] = [];
    for (let y = from; y <= to; y++) {
      blocks.push({ kind: 'heading', level: 1, runs: [{ kind: 'text', text: `Năm ${y}` }], numbered: false });
      months.forEach((m, i) => {
        const label = m === 'Cuối năm' ? `Cuối năm ${y}` : `${m}-${y}`;
        const e: ChronicleEntry = {
          kind: 'chronicle-entry',
          dateLabel: label,
          sortKey: `${y}-${String(i + 1).padStart(2, '0')}`,
          body: [{ kind: 'text', text: sentence(r, 25 + Math.floor(r() * 40)) }],
        };
        if (r() < 0.4) e.body.push({ kind: 'footnote', content: [{ kind: 'paragraph', runs: [{ kind: 'text', text: 'Lưu tại Kho Lưu trữ Tỉnh ủy, Phông số 1, Hồ sơ số ' + (10 + i) + '.' }] }] });
        blocks.push(e);
      });
    }
    chapters.push({ kind: 'chapter', title: `Biên niên sự kiện giai đoạn ${from} – ${to}`, subtitle: `${from} – ${to}`, numbered: true, blocks });
  }
  return { layout: 'chronicle', title: 'Biên niên sự kiện Đảng bộ huyện Đông Anh', author: 'Ban Thường vụ Huyện ủy Đông Anh', front: [], body: chapters, back: [] };
}

/** A document collection with header blocks, bodies, signatures and source notes. */
export function generateDocuments(seed = 5): Book {
  const r = rng(seed);
  const blocks: Block[] = [];
  for (let i = 1; i <= 4; i++) {
    blocks.push({
      kind: 'document-item',
      header: { issuer: ['Tỉnh ủy Hưng Yên', 'Huyện ủy Ân Thi'], number: `Số ${i}-NQ/HU`, motto: 'ĐẢNG CỘNG SẢN VIỆT NAM', placeDate: `Ân Thi, ngày ${i + 2} tháng 4 năm 1961` },
      title: `Nghị quyết về nhiệm vụ phát triển nông nghiệp năm 1961 (lần ${i})`,
      body: [paragraph(r, { chapters: 0, sectionsPerChapter: 0, parasPerSection: 0, words: 70, footnoteRate: 0.5 }), paragraph(r, { chapters: 0, sectionsPerChapter: 0, parasPerSection: 0, words: 90, footnoteRate: 0 })],
      signature: ['T/M BAN CHẤP HÀNH', 'BÍ THƯ', 'Nguyễn Văn Bảy'],
      sourceNote: [{ kind: 'text', text: `Lưu tại Kho Lưu trữ Tỉnh ủy Hưng Yên, Phông số 1, Mục lục số 2, Hồ sơ số ${40 + i}, tờ 3; bản đánh máy.` }],
    });
  }
  return {
    layout: 'documents',
    title: 'Văn kiện Đảng bộ huyện Ân Thi',
    subtitle: 'Tập I (1930 – 1975)',
    author: 'Ban Thường vụ Huyện ủy Ân Thi',
    front: [],
    body: [{ kind: 'chapter', title: 'Văn kiện thời kỳ 1955 – 1965', numbered: true, blocks }],
    back: [],
  };
}

/** Writes bytes to a fresh temporary file and returns its path. */
export function tempFile(name: string, bytes: Uint8Array | string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'suquan-publish-'));
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** Text of one page as pdftotext extracts it (1-based page number). */
export function pageText(pdfFile: string, page: number, layout = false): string {
  const args = [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', '-f', String(page), '-l', String(page), pdfFile, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8' });
}

export function pageCount(pdfFile: string): number {
  const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}
