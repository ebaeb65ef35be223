/**
 * Whether the open project may only be read (another process holds it, its folder cannot be
 * written, or its database is damaged). Editors read it to stop offering to type.
 */
import { createContext, useContext } from 'react';

export const ReadOnlyContext = createContext(false);

export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}
