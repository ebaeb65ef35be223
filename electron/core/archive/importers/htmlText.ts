/** Turns an HTML fragment into plain text with one line per block (paragraph, heading, item). */
import { parseHTML } from 'linkedom';

const BLOCK = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'TABLE', 'TR', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'FIGCAPTION', 'HR', 'ADDRESS',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'BUTTON', 'FORM', 'SELECT', 'INPUT']);

interface NodeLike {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  firstChild: NodeLike | null;
  nextSibling: NodeLike | null;
}

/**
 * Collects the text of a DOM subtree, a newline between blocks, cells separated by tabs. Walks
 * with firstChild/nextSibling and a stack of its own: linkedom builds `childNodes` afresh on each
 * read (indexing it made a body of 8,000 blocks take seconds), and a deep page must not exhaust
 * the call stack.
 */
export function textOfNode(root: NodeLike): string {
  const out: string[] = [];
  // Each entry: a node to enter, or the closing work of a block already entered.
  const stack: (NodeLike | { close: string })[] = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('close' in item) {
      out.push(item.close);
      continue;
    }
    const n = item;
    if (n.nodeType === 3) {
      out.push((n.textContent ?? '').replace(/\s+/g, ' '));
      continue;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) continue;
    const tag = n.nodeName.toUpperCase();
    if (SKIP.has(tag)) continue;
    if (tag === 'BR') {
      out.push('\n');
      continue;
    }
    const block = BLOCK.has(tag);
    if (block) out.push('\n');
    if (tag === 'TD' || tag === 'TH') out.push('\t');
    if (block) stack.push({ close: '\n' });
    const children: NodeLike[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) children.push(c);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return tidyLines(out.join(''));
}

/** One line per block: spaces collapsed (a run holding a tab becomes the tab), empty lines kept single. */
function tidyLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, (m) => (m.includes('\t') ? '\t' : ' ')).trim())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}

export function htmlFragmentToText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return textOfNode(document.body as unknown as NodeLike);
}

/** Elements whose content is never the page's text, skipped whole by htmlToPlainText. */
const SKIPPED_WHOLE = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'select', 'nav', 'aside', 'header', 'footer']);
/** Their content is raw text: nothing in it is a tag until the matching end tag. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
const BLOCK_NAMES = new Set([...BLOCK].map((t) => t.toLowerCase()).concat(['br', 'tr']));

const isLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

/** The text of markup without tags or comments, its character references (`&amp;`, `&#7889;`, `&ecirc;`) decoded. */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  // Markup with no '<' left is one text node to the parser: decoded in a single linear pass.
  const { document } = parseHTML(`<!doctype html><html><body>${text}</body></html>`);
  return document.body.textContent ?? '';
}

/**
 * A page's text and title in one linear pass over its markup, without building a document: for a
 * page too large for Readability, whose DOM alone would take a minute (a million `<br>`). A line
 * per block as textOfNode makes; what is never text (scripts, styles, menus, headers and footers
 * by their tags) is left out.
 */
export function htmlToPlainText(html: string): { title: string; text: string } {
  const n = html.length;
  const out: string[] = [];
  let title = '';
  /** The element being skipped and how many of its name are open inside it. */
  let skipping: string | null = null;
  let skipDepth = 0;
  const readName = (from: number): number => {
    let j = from;
    while (j < n) {
      const c = html.charCodeAt(j);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x2f || c === 0x3e) break;
      j++;
    }
    return j;
  };
  const text = (from: number, to: number) => {
    if (skipping || to <= from) return;
    out.push(html.slice(from, to).replace(/\s+/g, ' '));
  };
  let i = 0;
  while (i < n) {
    let lt = html.indexOf('<', i);
    if (lt < 0) lt = n;
    text(i, lt);
    if (lt >= n) break;
    const c = html.charCodeAt(lt + 1);
    if (c === 0x21 /* ! */ || c === 0x3f /* ? */) {
      const comment = html.startsWith('<!--', lt);
      const end = comment ? html.indexOf('-->', lt + 4) : html.indexOf('>', lt + 2);
      i = end < 0 ? n : end + (comment ? 3 : 1);
      continue;
    }
    const closing = c === 0x2f;
    const nameAt = closing ? lt + 2 : lt + 1;
    if (!isLetter(html.charCodeAt(nameAt))) {
      if (!skipping) out.push('&lt;');
      i = lt + 1;
      continue;
    }
    const name = html.slice(nameAt, readName(nameAt)).toLowerCase();
    // The tag's end: '>' outside a quoted attribute value (a quote counts only right after '=').
    let j = nameAt + name.length;
    while (j < n) {
      const ch = html.charCodeAt(j);
      if (ch === 0x3e) break;
      if (ch === 0x3d && !closing) {
        j++;
        while (j < n && /\s/.test(html[j]!)) j++;
        const q = html.charCodeAt(j);
        if (q === 0x22 || q === 0x27) {
          const close = html.indexOf(q === 0x22 ? '"' : "'", j + 1);
          j = close < 0 ? n : close + 1;
        }
        continue;
      }
      j++;
    }
    i = j < n ? j + 1 : n;
    if (!closing && RAW_TEXT.has(name)) {
      const endTag = `</${name}`;
      let k = i;
      for (;;) {
        const at = html.indexOf('</', k);
        if (at < 0 || html.slice(at, at + endTag.length).toLowerCase() === endTag) {
          k = at < 0 ? n : at;
          break;
        }
        k = at + 2;
      }
      if (name === 'title' && !title && !skipping) title = html.slice(i, k);
      const end = html.indexOf('>', k);
      i = k >= n || end < 0 ? n : end + 1;
      continue;
    }
    if (skipping) {
      if (name === skipping) skipDepth += closing ? -1 : 1;
      if (skipDepth === 0) skipping = null;
      continue;
    }
    if (closing) {
      if (BLOCK_NAMES.has(name)) out.push('\n');
      continue;
    }
    if (SKIPPED_WHOLE.has(name) && html.charCodeAt(j - 1) !== 0x2f) {
      skipping = name;
      skipDepth = 1;
      continue;
    }
    if (BLOCK_NAMES.has(name)) out.push('\n');
    if (name === 'td' || name === 'th') out.push('\t');
  }
  return { title: decodeReferences(title.replace(/</g, '&lt;')).replace(/\s+/g, ' ').trim(), text: tidyLines(decodeReferences(out.join(''))) };
}
