/**
 * A web page saved from a browser (typically a provincial portal's article): only the article
 * body is kept — title and text — without menus, banners, "tin liên quan", share buttons or
 * visitor counters. Readability finds the article; Vietnamese portals' own boxes are removed
 * first because their class names are not in Readability's English lists.
 *
 * Readability runs on the thread that serves the app and cannot be interrupted, and its work
 * grows faster than the page (100,000 unclosed `<li><p>` took 75 s, a million `<br>` 400 s and
 * 1.5 GB). So its work is estimated before it starts, from the elements the page will have and
 * how deep they sit (counted by the same linear pass that bounds the nesting); a page over the
 * budget is read as plain text in one linear pass without a DOM (htmlToPlainText: every word of
 * it, menus, headers and footers left out by their tags, the article not singled out), and its
 * outcome says so.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { UserFacingError } from '../../../../shared/errors';
import { toNFC } from '../../text';
import { makeTextThumbnail } from '../thumbnails';
import { flattenDeepHtml } from './htmlDepth';
import { htmlFragmentToText, htmlToPlainText, textOfNode } from './htmlText';
import { decodeText, decodeWithCharset, isValidUtf8, tidyText } from './textDecoding';
import type { ImportedSource } from './types';

/** Class or id fragments of boxes that are never the article (Vietnamese portals included). */
const BOILERPLATE =
  /(^|[\s_-])(menu|nav|navbar|breadcrumbs?|banner|quang-?cao|qc|advert|ads?|sidebar|footer|header|share|social|like|comment|binh-?luan|related|lien-?quan|tinlienquan|tin-?khac|tinkhac|bai-?khac|xem-?them|xemthem|counter|visitor|luot-?xem|luotxem|thong-?ke|truy-?cap|online|weather|thoi-?tiet|tag|tags|print|rating)([\s_-]|$)/i;

/** Headings that introduce a list of other articles. */
const RELATED_HEADING = /^(tin|bài|bài viết|tin bài|tin tức)\s+(liên quan|khác|cùng chuyên mục|mới|đọc nhiều|xem nhiều)|^xem thêm|^các tin khác|^lượt xem|^số lượt truy cập|^đang truy cập|^thống kê truy cập/i;

function decodeHtml(bytes: Uint8Array): string {
  const b = bytes;
  const hasBom = (b[0] === 0xef && b[1] === 0xbb) || (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
  if (!hasBom && !isValidUtf8(b)) {
    const head = Buffer.from(b.subarray(0, 4096)).toString('latin1');
    const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
    const d = declared ? decodeWithCharset(b, declared) : null;
    if (d) return d.text;
  }
  return decodeText(b).text;
}

type HtmlDocument = ReturnType<typeof parseHTML>['document'];

function removeBoilerplate(document: HtmlDocument): void {
  for (const el of [...document.querySelectorAll('script, style, noscript, iframe, form, nav, aside, footer, header, [role="navigation"], [role="banner"], [role="contentinfo"]')]) {
    el.remove();
  }
  for (const el of [...document.querySelectorAll('[class], [id]')]) {
    const key = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (BOILERPLATE.test(key) && !/(^|[\s_-])(content|article|detail|body|main|post|entry|noi-?dung|chi-?tiet)([\s_-]|$)/i.test(key)) el.remove();
  }
  // A "Tin liên quan" heading takes its list (the next sibling) and itself away.
  for (const h of [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, strong, b, p, div, span')]) {
    const text = (h.textContent ?? '').trim();
    if (text.length > 60 || !RELATED_HEADING.test(text)) continue;
    const next = h.nextElementSibling;
    if (next && /^(UL|OL|DIV|TABLE)$/.test(next.tagName)) next.remove();
    h.remove();
  }
}

/**
 * Largest page parsed, in characters of markup once embedded images are set aside: the DOM and
 * Readability take about 70 times the page's size (16 MB of paragraphs: 1.2 GB and 14 s; 4 MB:
 * 400 MB and 4 s).
 */
export const MAX_HTML_MARKUP_CHARS = 8 * 1024 * 1024;

/** Images embedded as base64 (a page saved "as one file"): never imported, and far larger than the text. */
const EMBEDDED_DATA = /data:[a-z]+\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=\s]{256,}/gi;

/**
 * Readability's budget, in elements weighted by depth (readabilityWork): about 2 s and 300 MB on
 * a shared two-core machine. Measured there: 20,000 flat elements 4.6 s, 10,000 table cells 4.4 s,
 * 5,000 elements 256 deep 1.4 s; an article of a few hundred paragraphs, in a portal's menus and
 * boxes, weighs 2,000–6,000.
 */
export const MAX_READABILITY_WORK = 12_000;

/**
 * Readability's work on a page, estimated from its elements and the sum of their depths: each
 * element is scored once, and the text of its subtree is read again at every ancestor scored.
 */
export function readabilityWork(page: { elements: number; nesting: number }): number {
  return page.elements + page.nesting / 128;
}

/** The outcome names the file: the warning says only what happened (like the other importers' warnings). */
function plainTextWarning(elements: number): string {
  return `Trang web quá phức tạp để tách riêng phần bài viết (${elements.toLocaleString('vi-VN')} thẻ HTML); đã nhập toàn bộ chữ của trang, có thể lẫn cả trình đơn và quảng cáo.`;
}

/** The article Readability finds (the page's text when it finds none), and its title. */
function readArticle(html: string): { title: string; text: string } {
  const { document } = parseHTML(html);
  const pageTitle = (document.querySelector('title')?.textContent ?? '').trim();
  removeBoilerplate(document);
  const article = new Readability(document as never, { charThreshold: 200, keepClasses: false }).parse();
  if (article?.content) return { text: htmlFragmentToText(article.content), title: (article.title ?? '').trim() || pageTitle };
  return { text: textOfNode(document.body as never), title: pageTitle };
}

export async function readHtml(bytes: Uint8Array, name: string): Promise<ImportedSource> {
  const markup = decodeHtml(bytes).replace(EMBEDDED_DATA, 'data:,');
  if (markup.length > MAX_HTML_MARKUP_CHARS) {
    throw new UserFacingError(
      'import.too-large',
      `${name}: trang web quá lớn để đọc (${Math.round(markup.length / (1024 * 1024))} triệu ký tự, tối đa ${MAX_HTML_MARKUP_CHARS / (1024 * 1024)} triệu); hãy chép phần bài viết ra tệp văn bản (.txt) rồi nhập tệp đó.`,
    );
  }
  // Nesting beyond MAX_HTML_DEPTH is flattened first: parsing and Readability stay within seconds.
  const flat = flattenDeepHtml(markup);
  const plainOnly = readabilityWork(flat) > MAX_READABILITY_WORK;
  let title = '';
  let text = '';
  try {
    ({ title, text } = plainOnly ? htmlToPlainText(flat.html) : readArticle(flat.html));
  } catch {
    throw new UserFacingError('import.html-invalid', `${name}: không đọc được trang web (HTML) này.`);
  }
  text = toNFC(tidyText(text));
  title = toNFC(title.replace(/\s+/g, ' '));
  if (title && !text.startsWith(title)) text = `${title}\n\n${text}`;
  if (!text) throw new UserFacingError('import.html-empty', `${name}: trang web không có nội dung bài viết nào để nhập.`);
  return {
    format: 'html',
    mime: 'text/html',
    pages: [{ filePage: 0, width: 0, height: 0, text, imageKind: 'text', thumbnail: await makeTextThumbnail(text) }],
    ...(title ? { title } : {}),
    ...(plainOnly ? { warnings: [plainTextWarning(flat.elements)] } : {}),
  };
}
