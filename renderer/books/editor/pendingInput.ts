/**
 * Text the browser has already put on screen but ProseMirror has not read yet: after an IME
 * composition ends, ProseMirror reads the composed word about 20 ms later (much later on a busy
 * machine). A command applied before that — a toolbar button pressed right after typing — redraws
 * the paragraph from the document and the word is gone. Reading pending input first keeps it.
 */
import type { EditorView } from '@tiptap/pm/view';

export function readPendingInput(view: EditorView): void {
  // DOMObserver.forceFlush is ProseMirror's own way to do this (used by its composition handling);
  // it is not in the typed API, so it is looked up defensively.
  const observer = (view as unknown as { domObserver?: { forceFlush?: () => void } }).domObserver;
  if (!view.isDestroyed) observer?.forceFlush?.();
}
