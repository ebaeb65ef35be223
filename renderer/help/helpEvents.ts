/**
 * Opening the help from anywhere in the renderer without threading callbacks through every screen:
 * a window event that App listens to. The welcome screen, the empty screens and the sidebar call
 * these; F1 and Ctrl+/ are handled by App itself.
 */

const HELP_EVENT = 'suquan:help';

export type HelpRequest = { kind: 'guide'; section?: string } | { kind: 'shortcuts' };

/** Opens the user guide over the current screen, scrolled to `section` (a heading id of the guide) if given. */
export function openHelp(section?: string): void {
  window.dispatchEvent(new CustomEvent<HelpRequest>(HELP_EVENT, { detail: { kind: 'guide', section } }));
}

/** Opens the sheet of keyboard shortcuts over the current screen. */
export function openShortcuts(): void {
  window.dispatchEvent(new CustomEvent<HelpRequest>(HELP_EVENT, { detail: { kind: 'shortcuts' } }));
}

/** Calls `listener` for each help request; returns the function that stops listening. */
export function onHelpRequest(listener: (request: HelpRequest) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<HelpRequest>).detail);
  window.addEventListener(HELP_EVENT, handler);
  return () => window.removeEventListener(HELP_EVENT, handler);
}
