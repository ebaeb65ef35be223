/**
 * Bounds how deeply a web page nests before it is parsed. Readability's work grows with the square
 * of the nesting (a page nested 1,000 deep took 5 s, 3,000 deep two minutes, 100,000 deep ran out
 * of stack after a minute and a half), and a hostile or badly broken page can nest without end:
 * `<div>` 100,000 times, or `<li><p>` left unclosed, which htmlparser2 (linkedom's parser) nests
 * rather than closes.
 *
 * One linear pass over the text follows htmlparser2's own rules (void elements, tags that an
 * opening tag closes, raw text in script/style/title/textarea/xmp, comments) to know each tag's
 * depth, and drops the tags that would sit deeper than the limit — their text stays, a block
 * becomes a line break — so the page still imports, whole, in bounded time.
 */

/** Deepest nesting kept (real pages stay under ~60; Readability on a 256-deep chain takes ~0.2 s). */
export const MAX_HTML_DEPTH = 256;

// The rules of htmlparser2 10 (Parser.js), which decide how linkedom nests a page.
const pTag = new Set(['p']);
const formTags = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const ddt = new Set(['dd', 'dt']);
const rtp = new Set(['rt', 'rp']);
const tableSection = new Set(['thead', 'tbody']);
const openImpliesClose = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['select', formTags],
  ['input', formTags],
  ['output', formTags],
  ['button', formTags],
  ['datalist', formTags],
  ['textarea', formTags],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', ddt],
  ['dt', ddt],
  ['rt', rtp],
  ['rp', rtp],
  ['tbody', tableSection],
  ['tfoot', tableSection],
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'].map(
    (t) => [t, pTag] as [string, Set<string>],
  ),
]);
const voidElements = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const rawText = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
const foreign = new Set(['svg', 'math']);
/** Dropped tags of these kinds leave a line break, so their text does not run into the next block's. */
const blocks = new Set(['p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'tr', 'td', 'th', 'table', 'section', 'article', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'footer', 'main', 'aside', 'nav', 'figure', 'address']);

export interface FlattenResult {
  /** The page, with the tags nested deeper than the limit taken out (the same string when none were). */
  html: string;
  /** The deepest nesting found (before dropping). */
  depth: number;
  /** How many tags were dropped. */
  dropped: number;
  /** Elements the parser will build (void ones included), once the deep ones are dropped. */
  elements: number;
  /** The sum of every element's depth once flattened: what walking each element's subtree costs. */
  nesting: number;
}

const isLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;

/** Keeps a page's nesting within `maxDepth` (see the module comment); linear in its length. */
export function flattenDeepHtml(html: string, maxDepth = MAX_HTML_DEPTH): FlattenResult {
  const n = html.length;
  const stack: { name: string; dropped: boolean }[] = [];
  // How many of each name are open: a closing tag for a name not open is found in O(1).
  const open = new Map<string, number>();
  let foreignOpen = 0;
  let deepest = 0;
  let elements = 0;
  let nesting = 0;
  /** Ranges of the text to replace: [start, end, replacement]. */
  const cuts: [number, number, string][] = [];

  const pop = () => {
    const e = stack.pop()!;
    open.set(e.name, open.get(e.name)! - 1);
    if (foreign.has(e.name)) foreignOpen--;
    return e;
  };

  const readName = (from: number): number => {
    let j = from;
    while (j < n) {
      const c = html.charCodeAt(j);
      if (isSpace(c) || c === 0x2f || c === 0x3e) break;
      j++;
    }
    return j;
  };

  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0 || lt + 1 >= n) break;
    const c = html.charCodeAt(lt + 1);
    if (c === 0x21 /* ! */) {
      if (html.startsWith('<!--', lt)) {
        const end = html.indexOf('-->', lt + 4);
        i = end < 0 ? n : end + 3;
      } else {
        const end = html.indexOf('>', lt + 2);
        i = end < 0 ? n : end + 1;
      }
      continue;
    }
    if (c === 0x3f /* ? */) {
      const end = html.indexOf('>', lt + 2);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (c === 0x2f /* / */) {
      const end = html.indexOf('>', lt + 2);
      const tagEnd = end < 0 ? n : end + 1;
      if (lt + 2 < n && isLetter(html.charCodeAt(lt + 2))) {
        const name = html.slice(lt + 2, readName(lt + 2)).toLowerCase();
        if (!voidElements.has(name) && (open.get(name) ?? 0) > 0) {
          let e = pop();
          while (e.name !== name) e = pop();
          if (e.dropped) cuts.push([lt, tagEnd, blocks.has(name) ? '<br>' : '']);
        }
      }
      i = tagEnd;
      continue;
    }
    if (!isLetter(c)) {
      i = lt + 1;
      continue;
    }
    // An opening tag: its name, then attributes up to '>' (a quote only counts right after '=').
    const nameEnd = readName(lt + 1);
    const name = html.slice(lt + 1, nameEnd).toLowerCase();
    let j = nameEnd;
    let selfClosing = false;
    while (j < n) {
      const ch = html.charCodeAt(j);
      if (ch === 0x3e) break;
      if (ch === 0x3d /* = */) {
        j++;
        while (j < n && isSpace(html.charCodeAt(j))) j++;
        const q = html.charCodeAt(j);
        if (q === 0x22 || q === 0x27) {
          const close = html.indexOf(q === 0x22 ? '"' : "'", j + 1);
          j = close < 0 ? n : close + 1;
        }
        continue;
      }
      selfClosing = ch === 0x2f && html.charCodeAt(j + 1) === 0x3e;
      j++;
    }
    const tagEnd = j < n ? j + 1 : n;
    const implied = openImpliesClose.get(name);
    if (implied) while (stack.length > 0 && implied.has(stack[stack.length - 1]!.name)) pop();
    i = tagEnd;
    elements++;
    nesting += Math.min(stack.length + 1, maxDepth);
    if (voidElements.has(name) || (selfClosing && foreignOpen > 0)) continue;
    const dropped = stack.length >= maxDepth;
    deepest = Math.max(deepest, stack.length + 1);
    if (rawText.has(name) && !selfClosing) {
      // Raw text: nothing inside is a tag until the matching end tag.
      const endTag = `</${name}`;
      let k = tagEnd;
      for (;;) {
        const at = html.indexOf('</', k);
        if (at < 0) {
          k = n;
          break;
        }
        const after = html.charCodeAt(at + endTag.length);
        if (html.slice(at, at + endTag.length).toLowerCase() === endTag && (Number.isNaN(after) || isSpace(after) || after === 0x2f || after === 0x3e)) {
          k = at;
          break;
        }
        k = at + 2;
      }
      if (dropped) {
        // A script or style too deep goes whole, its content with it.
        const end = html.indexOf('>', k);
        const elementEnd = k >= n || end < 0 ? n : end + 1;
        cuts.push([lt, elementEnd, '']);
        i = elementEnd;
        continue;
      }
      i = k;
    }
    stack.push({ name, dropped });
    open.set(name, (open.get(name) ?? 0) + 1);
    if (foreign.has(name)) foreignOpen++;
    if (dropped) cuts.push([lt, tagEnd, blocks.has(name) ? '<br>' : '']);
  }
  if (cuts.length === 0) return { html, depth: deepest, dropped: 0, elements, nesting };
  const parts: string[] = [];
  let from = 0;
  for (const [start, end, replacement] of cuts) {
    parts.push(html.slice(from, start), replacement);
    from = end;
  }
  parts.push(html.slice(from));
  return { html: parts.join(''), depth: deepest, dropped: cuts.length, elements, nesting };
}
