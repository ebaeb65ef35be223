/**
 * Converts a chapter's tiptap/ProseMirror JSON into blocks of the neutral book model.
 * Unknown node types are kept as their text, never silently dropped.
 */
import type { Block, InlineRun, Paragraph } from './model';

export interface RichNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: RichNode[];
}

function runsOf(nodes: RichNode[] | undefined): InlineRun[] {
  const runs: InlineRun[] = [];
  for (const n of nodes ?? []) {
    if (n.type === 'text' && n.text) {
      const marks = new Set((n.marks ?? []).map((m) => m.type));
      const run: InlineRun = { kind: 'text', text: n.text.normalize('NFC') };
      if (marks.has('bold')) run.bold = true;
      if (marks.has('italic')) run.italic = true;
      if (marks.has('underline')) run.underline = true;
      if (marks.has('superscript')) run.superscript = true;
      if (marks.has('subscript')) run.subscript = true;
      runs.push(run);
    } else if (n.type === 'hardBreak') {
      runs.push({ kind: 'text', text: ' ' });
    } else if (n.type === 'footnote') {
      runs.push({ kind: 'footnote', content: paragraphsOf(n.content) });
    } else if (n.content) {
      runs.push(...runsOf(n.content));
    }
  }
  return runs;
}

function paragraphsOf(nodes: RichNode[] | undefined): Paragraph[] {
  const out: Paragraph[] = [];
  for (const b of blocksOf(nodes)) {
    if (b.kind === 'paragraph') out.push(b);
  }
  // A footnote whose content is inline (no paragraph wrapper) becomes one paragraph.
  if (out.length === 0 && nodes?.length) out.push({ kind: 'paragraph', runs: runsOf(nodes), indent: false });
  return out;
}

export function blocksOf(nodes: RichNode[] | undefined): Block[] {
  const blocks: Block[] = [];
  for (const n of nodes ?? []) {
    switch (n.type) {
      case 'paragraph':
        blocks.push({ kind: 'paragraph', runs: runsOf(n.content) });
        break;
      case 'heading': {
        const level = Math.min(3, Math.max(1, Number(n.attrs?.level ?? 1) - 1 || 1)) as 1 | 2 | 3;
        blocks.push({ kind: 'heading', level, runs: runsOf(n.content) });
        break;
      }
      case 'blockquote':
        blocks.push({ kind: 'quote', blocks: blocksOf(n.content) });
        break;
      case 'bulletList':
      case 'orderedList':
        blocks.push({
          kind: 'list',
          ordered: n.type === 'orderedList',
          items: (n.content ?? []).map((item) => blocksOf(item.content)),
        });
        break;
      case 'pageBreak':
        blocks.push({ kind: 'page-break' });
        break;
      default:
        if (n.content) blocks.push(...blocksOf(n.content));
        else if (n.text) blocks.push({ kind: 'paragraph', runs: [{ kind: 'text', text: n.text.normalize('NFC') }] });
    }
  }
  return blocks;
}

/** The plain text of a rich document, paragraphs separated by newlines (for search and tests). */
export function plainTextOf(doc: { content?: unknown[] }): string {
  const lines: string[] = [];
  const walk = (nodes: RichNode[] | undefined, line: string[]): void => {
    for (const n of nodes ?? []) {
      if (n.type === 'text' && n.text) line.push(n.text);
      else if (n.content) {
        if (n.type === 'paragraph' || n.type === 'heading') {
          const inner: string[] = [];
          walk(n.content, inner);
          lines.push(inner.join(''));
        } else walk(n.content, line);
      }
    }
  };
  walk(doc.content as RichNode[] | undefined, []);
  return lines.join('\n');
}
