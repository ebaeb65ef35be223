/**
 * A help window opened with F1 while typing in a chapter takes the focus (its search field);
 * closing it gives the focus back where it was, so the writer types on where they stopped.
 */
import { useEffect, useState } from 'react';

export function useRestoreFocus(): void {
  // Read while rendering, before the dialog's autofocus moves the focus into it.
  const [before] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(
    () => () => {
      // Only when the focus went with the dialog: not when another dialog (the shortcuts sheet
      // opened from the guide) has already taken it.
      const now = document.activeElement;
      if ((!now || now === document.body) && before?.isConnected) before.focus({ preventScroll: true });
    },
    [before],
  );
}
