/**
 * Every keyboard shortcut of the app, in one place: the shortcuts sheet (Ctrl+/) shows this list,
 * and tests/unit/help/shortcuts.test.ts reads the renderer's key handlers and fails when one of
 * them handles a key this list does not name. A shortcut added to a handler is added here.
 *
 * A combination is written 'Mod+Shift+Z': `Mod` is Ctrl (⌘ on a Mac), then Alt, Shift, and the
 * key by its KeyboardEvent.key name ('ArrowUp', 'Enter', 'F2'; 'Plus' for '+', 'Space' for ' ').
 * Labels are i18n keys under `shortcuts.`.
 */

export interface Shortcut {
  /** Alternative combinations that do the same ("Ctrl+Shift+Z" or "Ctrl+Y"). */
  keys: string[];
  /** i18n key of what it does. */
  label: string;
}

export interface ShortcutGroup {
  /** i18n key of the group's title. */
  title: string;
  items: Shortcut[];
}

export const shortcutGroups: ShortcutGroup[] = [
  {
    title: 'shortcuts.group.general',
    items: [
      { keys: ['F1'], label: 'shortcuts.general.help' },
      { keys: ['Mod+/'], label: 'shortcuts.general.sheet' },
      { keys: ['Mod+K', 'Mod+P'], label: 'shortcuts.general.quickOpen' },
      { keys: ['Escape'], label: 'shortcuts.general.close' },
      { keys: ['Enter'], label: 'shortcuts.general.submit' },
    ],
  },
  {
    title: 'shortcuts.group.pickList',
    items: [
      { keys: ['ArrowUp', 'ArrowDown'], label: 'shortcuts.pickList.move' },
      { keys: ['Enter'], label: 'shortcuts.pickList.pick' },
      { keys: ['Escape'], label: 'shortcuts.pickList.close' },
    ],
  },
  {
    title: 'shortcuts.group.archive',
    items: [
      { keys: ['Mod+F'], label: 'shortcuts.archive.search' },
      { keys: ['Escape'], label: 'shortcuts.archive.clearSearch' },
      { keys: ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'], label: 'shortcuts.archive.move' },
      { keys: ['Home', 'End'], label: 'shortcuts.archive.firstLast' },
      { keys: ['PageUp', 'PageDown'], label: 'shortcuts.archive.page' },
      { keys: ['Shift+ArrowUp', 'Shift+ArrowDown'], label: 'shortcuts.archive.extend' },
      { keys: ['Mod+ArrowUp', 'Mod+ArrowDown'], label: 'shortcuts.archive.focusOnly' },
      { keys: ['Space'], label: 'shortcuts.archive.toggle' },
      { keys: ['Mod+Click'], label: 'shortcuts.archive.addToSelection' },
      { keys: ['Shift+Click'], label: 'shortcuts.archive.range' },
      { keys: ['Mod+A'], label: 'shortcuts.archive.selectAll' },
      { keys: ['Enter'], label: 'shortcuts.archive.open' },
      { keys: ['ArrowRight', 'ArrowLeft'], label: 'shortcuts.archive.tree' },
      { keys: ['Mod+S'], label: 'shortcuts.archive.saveMetadata' },
    ],
  },
  {
    title: 'shortcuts.group.viewer',
    items: [
      { keys: ['ArrowRight', 'PageDown'], label: 'shortcuts.viewer.next' },
      { keys: ['ArrowLeft', 'PageUp'], label: 'shortcuts.viewer.previous' },
      { keys: ['Home', 'End'], label: 'shortcuts.viewer.firstLast' },
      { keys: ['Plus', '='], label: 'shortcuts.viewer.zoomIn' },
      { keys: ['-'], label: 'shortcuts.viewer.zoomOut' },
      { keys: ['Mod+Wheel'], label: 'shortcuts.viewer.zoomWheel' },
      { keys: ['0'], label: 'shortcuts.viewer.fitPage' },
      { keys: ['W'], label: 'shortcuts.viewer.fitWidth' },
      { keys: ['R'], label: 'shortcuts.viewer.rotate' },
      { keys: ['Escape'], label: 'shortcuts.viewer.close' },
    ],
  },
  {
    title: 'shortcuts.group.structure',
    items: [
      { keys: ['ArrowUp', 'ArrowDown'], label: 'shortcuts.structure.move' },
      { keys: ['Enter'], label: 'shortcuts.structure.open' },
      { keys: ['Alt+ArrowUp', 'Alt+ArrowDown'], label: 'shortcuts.structure.reorder' },
      { keys: ['Alt+ArrowRight'], label: 'shortcuts.structure.intoPart' },
      { keys: ['Alt+ArrowLeft'], label: 'shortcuts.structure.outOfPart' },
      { keys: ['F2'], label: 'shortcuts.structure.rename' },
      { keys: ['Delete'], label: 'shortcuts.structure.remove' },
    ],
  },
  {
    title: 'shortcuts.group.editor',
    items: [
      { keys: ['Mod+B'], label: 'shortcuts.editor.bold' },
      { keys: ['Mod+I'], label: 'shortcuts.editor.italic' },
      { keys: ['Mod+U'], label: 'shortcuts.editor.underline' },
      { keys: ['Mod+Z'], label: 'shortcuts.editor.undo' },
      { keys: ['Mod+Shift+Z', 'Mod+Y'], label: 'shortcuts.editor.redo' },
      { keys: ['Mod+Alt+2', 'Mod+Alt+3', 'Mod+Alt+4'], label: 'shortcuts.editor.heading' },
      { keys: ['Mod+Alt+0'], label: 'shortcuts.editor.paragraph' },
      { keys: ['Mod+Shift+8'], label: 'shortcuts.editor.bulletList' },
      { keys: ['Mod+Shift+7'], label: 'shortcuts.editor.orderedList' },
      { keys: ['Mod+Shift+B'], label: 'shortcuts.editor.quote' },
      { keys: ['Tab', 'Shift+Tab'], label: 'shortcuts.editor.indent' },
      { keys: ['Shift+Enter'], label: 'shortcuts.editor.lineBreak' },
      { keys: ['Mod+Enter'], label: 'shortcuts.editor.pageBreak' },
      { keys: ['Mod+Alt+F'], label: 'shortcuts.editor.footnote' },
      { keys: ['Escape', 'Enter'], label: 'shortcuts.editor.leaveFootnote' },
      { keys: ['@'], label: 'shortcuts.editor.mention' },
    ],
  },
];

/** Is this a Mac (⌘ rather than Ctrl)? */
export function isMac(): boolean {
  const nav = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { userAgentData?: { platform?: string } });
  return /mac/i.test(nav?.userAgentData?.platform ?? nav?.platform ?? '');
}

/** How a key name reads on a key cap: "Ctrl"/"⌘", "↑", "Esc". */
const KEY_CAPS: Record<string, string> = {
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  Escape: 'Esc',
  Plus: '+',
  Delete: 'Delete',
  PageUp: 'PgUp',
  PageDown: 'PgDn',
};

/** The key caps of one combination, in order: ['Ctrl', 'Shift', 'Z'] or ['⌘', '⇧', 'Z']. */
export function keyCaps(combo: string, mac = isMac()): string[] {
  // '+' between keys; a trailing '+' would be the key itself, but the data writes it 'Plus'.
  return combo.split('+').map((k) => {
    if (k === 'Mod') return mac ? '⌘' : 'Ctrl';
    if (k === 'Alt') return mac ? '⌥' : 'Alt';
    if (k === 'Shift') return mac ? '⇧' : 'Shift';
    return KEY_CAPS[k] ?? k;
  });
}
