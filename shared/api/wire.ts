/**
 * JSON encoding for the HTTP transport. Nothing in the contract carries file bytes (files move as
 * paths, streamed uploads and exported-file URLs), so this is plain JSON; the one place that
 * encodes and decodes it, should that ever change.
 */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value);
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text);
}
