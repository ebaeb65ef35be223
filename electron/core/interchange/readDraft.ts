/**
 * Reads an existing draft — Markdown with Pandoc-style footnotes, or an office document (DOCX,
 * DOC, ODT, RTF) with its footnotes — as chapters of tiptap JSON: one chapter, or one per
 * top-level heading (`split`). Office documents are read by the same readers as the archive's
 * (interchange/office), legacy Vietnamese fonts converted; Markdown and text files are decoded
 * like the archive's text files (UTF-8, UTF-16, TCVN3, VNI, VISCII, VIQR, Windows-1258).
 */
import path from 'node:path';
import MarkdownIt from 'markdown-it';
// @ts-ignore -- markdown-it-footnote ships no types
import footnotePlugin from 'markdown-it-footnote';
import type { RichDoc } from '../../../shared/api/manuscript';
import type { RichNode } from '../../../shared/manuscript/richDoc';
import { withoutTypedNumber } from '../../../shared/manuscript/structure';
import { isUserFacingError, UserFacingError } from '../../../shared/errors';
import { decodeText } from '../archive/importers/textDecoding';
import { htmlToRichDoc } from './htmlToRichDoc';
import { officeFormatOfName, readOfficeDocument } from './office';

export interface DraftChapter {
  title: string;
  doc: RichDoc;
}

export interface Draft {
  chapters: DraftChapter[];
  warnings: string[];
}

const MAX_BYTES = 50 * 1024 * 1024;

export async function draftHtml(fileName: string, bytes: Uint8Array): Promise<{ html: string; warnings: string[] }> {
  if (bytes.length > MAX_BYTES) throw new UserFacingError('import.too-large', `Tệp ${fileName} quá lớn (tối đa 50 MB).`);
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.md' || ext === '.markdown' || ext === '.txt') {
    const text = decodeText(bytes).text.replace(/^\uFEFF/, '');
    const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).use(footnotePlugin as Parameters<InstanceType<typeof MarkdownIt>["use"]>[0]);
    return { html: md.render(text.normalize('NFC')), warnings: [] };
  }
  const format = officeFormatOfName(fileName);
  if (format) {
    try {
      const doc = await readOfficeDocument(format, bytes, fileName);
      return { html: doc.html, warnings: doc.warnings };
    } catch (e) {
      // The reader's sentence begins with the file's name; here it follows "Không đọc được…".
      const reason = isUserFacingError(e) ? e.message.replace(/^[^:]*: /, '') : 'tệp bị hỏng.';
      const what = format === 'odt' ? 'OpenDocument' : format === 'rtf' ? 'RTF' : 'Word';
      throw new UserFacingError('import.bad-docx', `Không đọc được tệp ${what} ${fileName}: ${reason}`);
    }
  }
  throw new UserFacingError(
    'import.unsupported',
    `Chưa nhập được loại tệp “${ext || fileName}”: hãy dùng Markdown (.md) hoặc Word (.docx); cũng nhận Word 97–2003 (.doc), OpenDocument (.odt) và RTF (.rtf).`,
  );
}

/** Headings inside a chapter are sections: h2 → I., h3 → 1., h4 and below → a). */
function shiftHeadings(nodes: RichNode[], promoteH1: boolean): RichNode[] {
  return nodes.map((n) => {
    if (n.type !== 'heading') return n;
    const level = Number(n.attrs?.level ?? 2);
    const shifted = Math.min(4, Math.max(2, level === 1 && promoteH1 ? 2 : level)) as 2 | 3 | 4;
    return { ...n, attrs: { level: shifted }, content: withoutLeadingNumber(n.content, shifted) };
  });
}

/** A heading's runs without the section number typed at its start ("I. ", "1. ", "a) "). */
function withoutLeadingNumber(content: RichNode[] | undefined, level: 2 | 3 | 4): RichNode[] | undefined {
  const first = content?.[0];
  if (!content || first?.type !== 'text' || !first.text) return content;
  const text = withoutTypedNumber(first.text, level);
  return text === first.text ? content : [{ ...first, text }, ...content.slice(1)];
}

export async function readDraft(fileName: string, bytes: Uint8Array, opts: { split: boolean }): Promise<Draft> {
  const { html, warnings } = await draftHtml(fileName, bytes);
  const converted = htmlToRichDoc(html);
  const base = path.basename(fileName).replace(/\.[^.]+$/, '').normalize('NFC') || 'Chương nhập';
  const doc = (content: RichNode[]): RichDoc => ({ type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] });
  const chapters: DraftChapter[] = [];
  const sections = converted.sections;
  if (opts.split && sections.some((s) => s.heading)) {
    for (const s of sections) {
      if (!s.heading && s.content.length === 0) continue;
      chapters.push({ title: s.heading ? withoutTypedNumber(s.heading) : base, doc: doc(shiftHeadings(s.content, false)) });
    }
  } else {
    // One chapter: a leading top-level heading is its title; later ones become sections.
    const [first, ...rest] = sections;
    const title = first?.heading ? withoutTypedNumber(first.heading) : base;
    const content: RichNode[] = [];
    if (first) content.push(...first.content);
    for (const s of rest) content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: s.heading }] }, ...s.content);
    chapters.push({ title, doc: doc(shiftHeadings(content, true)) });
  }
  if (chapters.length === 0) throw new UserFacingError('import.empty', `Tệp ${fileName} không có nội dung để nhập.`);
  return { chapters, warnings: [...warnings, ...converted.warnings] };
}
