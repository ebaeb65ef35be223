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
  return out
    .join('')
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
