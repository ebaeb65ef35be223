/**
 * A web page saved from a browser (typically a provincial portal's article): only the article
 * body is kept — title and text — without menus, banners, "tin liên quan", share buttons or
 * visitor counters. Readability finds the article; Vietnamese portals' own boxes are removed
 * first because their class names are not in Readability's English lists.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { UserFacingError } from '../../../../shared/errors';
import { toNFC } from '../../text';
import { makeTextThumbnail } from '../thumbnails';
import { htmlFragmentToText, textOfNode } from './htmlText';
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

export async function readHtml(bytes: Uint8Array, name: string): Promise<ImportedSource> {
  const html = decodeHtml(bytes);
  let title = '';
  let text = '';
  try {
    const { document } = parseHTML(html);
    const pageTitle = (document.querySelector('title')?.textContent ?? '').trim();
    removeBoilerplate(document);
    const article = new Readability(document as never, { charThreshold: 200, keepClasses: false }).parse();
    if (article?.content) {
      text = htmlFragmentToText(article.content);
      title = (article.title ?? '').trim() || pageTitle;
    } else {
      text = textOfNode(document.body as never);
      title = pageTitle;
    }
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
  };
}
