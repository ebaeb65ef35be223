/**
 * The manuscript editor's schema and behaviour, in one list used by the chapter editor, the unit
 * tests (happy-dom) and the benchmark: paragraphs, headings (sections I. › 1. › a), numbered by CSS
 * from the structure), bold/italic/underline, lists, quotes, tables, figures from archived scans, page breaks, footnotes and
 * citations — and NFC normalisation that never breaks an IME composition.
 */
import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';
import { NfcNormalizer } from '../nfcNormalizer';
import { Citation } from './citation';
import { CommentMark } from './comment';
import { CrossRef, HeadingIds } from './crossRef';
import { Figure } from './figure';
import { Footnote } from './footnote';
import { Mention } from './mention';
import { PageBreak } from './pageBreak';
import { ArchivalDocument } from './archivalDocument';

export interface ManuscriptExtensionOptions {
  footnoteLabel?: string;
  /** The URL of an archived page image, for figures. */
  pageUrl?: (pageId: number) => string;
  /** "@" typed in the text: open the name picker. */
  onMention?: () => void;
}

export function manuscriptExtensions(opts: ManuscriptExtensionOptions = {}): AnyExtension[] {
  return [
    StarterKit.configure({ heading: { levels: [2, 3, 4] }, link: false, code: false, codeBlock: false, horizontalRule: false, strike: false }),
    TableKit.configure({ table: { resizable: false, HTMLAttributes: { class: 'doc-table' } } }),
    Footnote.configure({ label: opts.footnoteLabel ?? 'Chú thích', onMention: opts.onMention ?? null }),
    Citation,
    PageBreak,
    ArchivalDocument,
    opts.pageUrl ? Figure.configure({ pageUrl: opts.pageUrl }) : Figure,
    HeadingIds,
    CommentMark,
    CrossRef,
    Mention.configure({ onTrigger: opts.onMention ?? null }),
    NfcNormalizer,
  ];
}
