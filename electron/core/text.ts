/** Text helpers used across core: everything stored goes through toNFC. */
export function toNFC(s: string): string {
  return s.normalize('NFC');
}

/** Normalises every string inside a JSON value to NFC (tiptap documents, metadata). */
export function deepNFC<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(deepNFC) as T;
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = deepNFC(v);
    return out as T;
  }
  return value;
}
