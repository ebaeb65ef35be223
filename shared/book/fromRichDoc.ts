/**
 * Converts a chapter's tiptap/ProseMirror JSON into blocks of the neutral book model.
 * Unknown node types are kept as their text, never silently dropped.
 *
 * - tables become `Table` blocks (rows of cells of runs; a first row of header cells is the header);
 * - figures (`figure`, a scan page with its caption as content) become `Figure` blocks when
 *   `opts.figure` supplies the image, else their caption as a centred paragraph;
 * - text under a `mention` mark (a person, place or organisation from the project's registry) is
 *   preceded by an `IndexTermRun` so the typesetter's index lists it with its page;
 * - `crossRef` atoms become `CrossRefRun`s to the target chapter/heading.
 */
import type { Block, DocumentItem, Figure, IndexTermRun, InlineRun, Paragraph, Table } from './model';
import type { RichNode } from '../manuscript/richDoc';
import { manuscriptSchema } from '../manuscript/schema';

export interface FromRichDocOptions {
  /** The image and source note of a figure, from its attributes (documentId, pageId…); null when unavailable. */
  figure?: (attrs: Record<string, unknown>) => Pick<Figure, 'image' | 'source' | 'rotation'> | null;
  /** The current name of a mention from the registry (by its nameId); null keeps the mark's own term. */
  mention?: (attrs: Record<string, unknown>) => { term: string; sortKey?: string } | null;
  /** A reproduced document's header, title and source note from its archival metadata (by documentId); null prints its text alone. */
  archivalDocument?: (attrs: Record<string, unknown>) => Omit<DocumentItem, 'kind' | 'body'> | null;
}

const INDEX_KINDS = new Set(['person', 'place', 'organisation', 'subject']);

export type { RichNode };

/** The index term a `mention` mark carries, if any. */
function mentionOf(n: RichNode, opts: FromRichDocOptions): IndexTermRun | null {
  const m = n.marks?.find((x) => x.type === 'mention');
  if (!m) return null;
  const current = opts.mention?.(m.attrs ?? {}) ?? null;
  const ownTerm = typeof m.attrs?.term === 'string' ? m.attrs.term : '';
  const term = (current?.term ?? ownTerm).normalize('NFC').trim();
  const index = String(m.attrs?.kind ?? '');
  if (!term || !INDEX_KINDS.has(index)) return null;
  const run: IndexTermRun = { kind: 'index-term', term, index: index as IndexTermRun['index'] };
  const sortKey = current ? current.sortKey : typeof m.attrs?.sortKey === 'string' ? m.attrs.sortKey : '';
  if (sortKey) run.sortKey = sortKey.normalize('NFC');
  return run;
}

function runsOf(nodes: RichNode[] | undefined, opts: FromRichDocOptions = {}): InlineRun[] {
  const runs: InlineRun[] = [];
  // A mention split into several text nodes (part of it bold) is one index entry.
  let lastMention = '';
  for (const n of nodes ?? []) {
    const mention = n.type === 'text' ? mentionOf(n, opts) : null;
    const key = mention ? `${mention.index}\u0001${mention.term}\u0001${String(n.marks?.find((x) => x.type === 'mention')?.attrs?.nameId ?? '')}` : '';
    if (mention && key !== lastMention) runs.push(mention);
    lastMention = key;
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
      runs.push({ kind: 'footnote', content: noteParagraphs(n.content, opts) });
    } else if (n.type === 'crossRef') {
      const targetId = typeof n.attrs?.targetId === 'string' ? n.attrs.targetId : '';
      const show = String(n.attrs?.show ?? 'full');
      // 'full' reads "II. Title", 'page' reads "tr. 12" (as the editor shows them).
      if (targetId && show === 'full') runs.push({ kind: 'cross-ref', targetId, show: 'number' }, { kind: 'text', text: ' ' }, { kind: 'cross-ref', targetId, show: 'title' });
      else if (targetId && show === 'page') runs.push({ kind: 'text', text: 'tr. ' }, { kind: 'cross-ref', targetId, show: 'page' });
      else if (targetId) runs.push({ kind: 'cross-ref', targetId, show: show === 'title' ? 'title' : 'number' });
      else if (typeof n.attrs?.label === 'string' && n.attrs.label) runs.push({ kind: 'text', text: n.attrs.label.normalize('NFC') });
    } else if (n.content) {
      runs.push(...runsOf(n.content, opts));
    }
  }
  return runs;
}

/** The runs of a table cell: its paragraphs joined by a space. */
function cellRuns(cell: RichNode, opts: FromRichDocOptions): InlineRun[] {
  const out: InlineRun[] = [];
  for (const b of cell.content ?? []) {
    const runs = b.type === 'paragraph' || b.type === 'heading' ? runsOf(b.content, opts) : blocksOf([b], opts).flatMap((x) => (x.kind === 'paragraph' ? x.runs : []));
    if (runs.length && out.length) out.push({ kind: 'text', text: ' ' });
    out.push(...runs);
  }
  return out;
}

function tableOf(n: RichNode, opts: FromRichDocOptions): Table {
  const rows = (n.content ?? []).filter((r) => r.type === 'tableRow');
  const table: Table = { kind: 'table', rows: rows.map((r) => (r.content ?? []).map((c) => cellRuns(c, opts))) };
  const first = rows[0]?.content ?? [];
  if (first.length && first.every((c) => c.type === 'tableHeader')) table.header = true;
  return table;
}

/**
 * A footnote's paragraphs. The editor gives a note inline content (text, citations, mentions,
 * cross-references): that is one paragraph, however many pieces it has. Paragraphs found inside a
 * note (older documents, other tools) stay paragraphs, and inline pieces between them are one.
 */
function noteParagraphs(nodes: RichNode[] | undefined, opts: FromRichDocOptions): Paragraph[] {
  const out: Paragraph[] = [];
  let inline: RichNode[] = [];
  const flush = () => {
    const runs = runsOf(inline, opts);
    if (runs.length) out.push({ kind: 'paragraph', runs, indent: false });
    inline = [];
  };
  for (const n of nodes ?? []) {
    const type = manuscriptSchema.nodes[n.type];
    if (type ? type.isInline : !n.content) inline.push(n);
    else {
      flush();
      for (const b of blocksOf([n], opts)) if (b.kind === 'paragraph' && b.runs.length) out.push({ ...b, indent: false });
    }
  }
  flush();
  return out;
}

export function blocksOf(nodes: RichNode[] | undefined, opts: FromRichDocOptions = {}): Block[] {
  const blocks: Block[] = [];
  for (const n of nodes ?? []) {
    switch (n.type) {
      case 'table':
        blocks.push(tableOf(n, opts));
        break;
      case 'archivalDocument': {
        const body = blocksOf(n.content, opts);
        const found = opts.archivalDocument?.(n.attrs ?? {}) ?? null;
        if (found) blocks.push({ kind: 'document-item', ...found, body });
        else blocks.push(...body);
        break;
      }
      case 'figure': {
        const caption = runsOf(n.content, opts);
        const found = opts.figure?.(n.attrs ?? {}) ?? null;
        if (found) blocks.push({ kind: 'figure', image: found.image, caption, ...(found.source ? { source: found.source } : {}), ...(found.rotation ? { rotation: found.rotation } : {}) });
        else if (caption.length) blocks.push({ kind: 'paragraph', runs: caption, indent: false, align: 'center' });
        break;
      }
      case 'paragraph':
        blocks.push({ kind: 'paragraph', runs: runsOf(n.content, opts) });
        break;
      case 'heading': {
        const level = Math.min(3, Math.max(1, Number(n.attrs?.level ?? 1) - 1 || 1)) as 1 | 2 | 3;
        const id = typeof n.attrs?.id === 'string' && n.attrs.id ? n.attrs.id : null;
        blocks.push({ kind: 'heading', level, runs: runsOf(n.content, opts), ...(id ? { id } : {}) });
        break;
      }
      case 'blockquote':
        blocks.push({ kind: 'quote', blocks: blocksOf(n.content, opts) });
        break;
      case 'bulletList':
      case 'orderedList':
        blocks.push({
          kind: 'list',
          ordered: n.type === 'orderedList',
          items: (n.content ?? []).map((item) => blocksOf(item.content, opts)),
        });
        break;
      case 'pageBreak':
        blocks.push({ kind: 'page-break' });
        break;
      default:
        if (n.content) blocks.push(...blocksOf(n.content, opts));
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
