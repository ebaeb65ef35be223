/**
 * A button that opens a small panel below it (column chooser, export formats, filter pickers,
 * saved searches). The panel closes on Escape, on a press outside it, or when its content calls
 * `close`; focus returns to the button.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/** The widest a panel gets (see .menu-panel). */
const PANEL_ROOM = 370;

export function MenuButton({
  label,
  title,
  className,
  panelClassName,
  testId,
  align = 'left',
  disabled,
  children,
}: {
  label: ReactNode;
  title?: string;
  className?: string;
  panelClassName?: string;
  testId?: string;
  align?: 'left' | 'right';
  disabled?: boolean;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  // The side the panel opens to: as asked, unless the edge is nearer than the panel is wide.
  const [side, setSide] = useState(align);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    // Escape closes it even when focus left the panel (an item that removed itself).
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      setOpen(false);
      if (!root.current?.contains(document.activeElement) || document.activeElement === document.body) button.current?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div
      className="menu-button"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          // Not the dialog around it: only the menu closes.
          e.stopPropagation();
          e.nativeEvent.preventDefault();
          close();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className={`${className ?? ''}${open ? ' on' : ''}`}
        title={title}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        disabled={disabled}
        onClick={() => {
          // Within the app's main area (it clips what overflows it), not just the window.
          const r = root.current?.getBoundingClientRect();
          const area = (root.current?.closest('.main') ?? document.body).getBoundingClientRect();
          if (r) setSide(align === 'right' ? (r.right - area.left < PANEL_ROOM ? 'left' : 'right') : area.right - r.left < PANEL_ROOM ? 'right' : 'left');
          setOpen((o) => !o);
        }}
        data-testid={testId}
      >
        {label}
      </button>
      {open && (
        <div id={panelId} className={`menu-panel ${side}${panelClassName ? ` ${panelClassName}` : ''}`} data-testid={testId ? `${testId}-panel` : undefined}>
          {children(close)}
        </div>
      )}
    </div>
  );
}
