import type { KeyboardEvent } from 'react';

/**
 * The keys of a picker's search field over its result list: ↑/↓ move the highlighted result,
 * Enter picks it, Escape closes the picker. Other keys type into the field as usual.
 */
export function pickListKeys<T>(e: KeyboardEvent, list: readonly T[], active: number, setActive: (f: (a: number) => number) => void, pick: (item: T) => void, close: () => void): void {
  if (e.key === 'ArrowDown') setActive((a) => Math.min(list.length - 1, a + 1));
  else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
  else if (e.key === 'Enter' && list[active] !== undefined) pick(list[active]!);
  else if (e.key === 'Escape') close();
  else return;
  e.preventDefault();
}
