/**
 * Text the browser has already put on screen but ProseMirror has not read yet: after an IME
 * composition ends, ProseMirror reads the composed word about 20 ms later (much later on a busy
 * machine). A command applied before that — a toolbar button pressed right after typing — redraws
 * the paragraph from the document and the word is gone. Reading pending input first keeps it.
 */
import type { EditorView } from '@tiptap/pm/view';

export function readPendingInput(view: EditorView): void {
  if (view.isDestroyed) return;
  // ProseMirror's DOM observer reads the changes it has recorded: forceFlush when a read is
  // scheduled (some platforms delay it), flush for what the mutation observer holds. Both are
  // what ProseMirror itself calls around compositions; they are not in the typed API, so they are
  // looked up defensively.
  const observer = (view as unknown as { domObserver?: { forceFlush?: () => void; flush?: () => void } }).domObserver;
  observer?.forceFlush?.();
  observer?.flush?.();
}
