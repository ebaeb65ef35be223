/**
 * The help over every screen, the welcome screen included: F1 opens the guide and Ctrl+/ (⌘/ on a
 * Mac) the shortcuts sheet, wherever the focus is — in the chapter editor too, where the keys are
 * taken before the editor sees them — and `openHelp` / `openShortcuts` (helpEvents.ts) open them
 * from any button. One of the two at a time; the screen behind is left as it was.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { onHelpRequest, openHelp, openShortcuts } from './helpEvents';
import { ShortcutsDialog } from './ShortcutsDialog';

// The guide view and its Markdown renderer are loaded when help is first asked for, not at start-up.
const HelpView = lazy(() => import('./HelpView').then((m) => ({ default: m.HelpView })));

type Shown = { kind: 'guide'; section?: { id: string; seq: number } } | { kind: 'shortcuts' } | null;

export function HelpLayer() {
  const [shown, setShown] = useState<Shown>(null);
  const open = useRef(false);
  open.current = shown !== null;

  useEffect(
    () =>
      onHelpRequest((request) =>
        setShown(request.kind === 'shortcuts' ? { kind: 'shortcuts' } : { kind: 'guide', ...(request.section ? { section: { id: request.section, seq: Date.now() } } : {}) }),
      ),
    [],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F1' && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        e.stopPropagation();
        openHelp();
      } else if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === '/' || e.code === 'Slash')) {
        e.preventDefault();
        e.stopPropagation();
        openShortcuts();
      } else if (e.key === 'Escape' && open.current && (!document.activeElement || document.activeElement === document.body)) {
        // The focus fell out of the dialog: Esc still closes it, and only it (not a viewer behind).
        e.preventDefault();
        e.stopPropagation();
        setShown(null);
      }
    };
    // Capture: before any handler of the page (the editor's keymaps) can act on the key.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  if (shown?.kind === 'guide')
    return (
      <Suspense fallback={null}>
        <HelpView section={shown.section} onClose={() => setShown(null)} onShortcuts={openShortcuts} />
      </Suspense>
    );
  if (shown?.kind === 'shortcuts') return <ShortcutsDialog onClose={() => setShown(null)} onGuide={() => openHelp('phim-tat')} />;
  return null;
}
