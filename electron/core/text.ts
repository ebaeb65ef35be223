/**
 * Text helpers used across core: everything stored goes through toNFC, which is also where
 * control characters are dropped (shared/text/controlChars.ts), so that no text or title entering
 * the project can later break an SVG thumbnail, a Word or XLSX export, or a terminal.
 */
import { stripControls } from '../../shared/text/controlChars';

export function toNFC(s: string): string {
  return stripControls(s).normalize('NFC');
}

/** Normalises every string inside a JSON value to NFC, without control characters (tiptap documents, metadata). */
export function deepNFC<T>(value: T): T {
  if (typeof value === 'string') return toNFC(value) as T;
  if (Array.isArray(value)) return value.map(deepNFC) as T;
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = deepNFC(v);
    return out as T;
  }
  return value;
}
