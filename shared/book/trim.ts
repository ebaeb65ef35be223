/**
 * Trim sizes (khổ sách): the named ones a print shop offers and any other written "WxH" in
 * millimetres. One reading for every place a trim is typed: the Markdown front matter
 * (electron/core/publish/frontMatter.ts), the book's print settings (shared/api/manuscript.ts) and
 * the typesetter's page setup (electron/core/publish/setup.ts).
 */
import type { NamedTrimSize, TrimSize } from './model';

/** Trim sizes in millimetres (width × height). */
export const TRIM_SIZES: Record<NamedTrimSize, [number, number]> = {
  '145x205': [145, 205],
  '160x240': [160, 240],
  '190x270': [190, 270],
  A4: [210, 297],
  A5: [148, 210],
  B5: [176, 250],
};

export function isTrimSize(s: string): s is NamedTrimSize {
  return s in TRIM_SIZES;
}

/** Width and height in millimetres of a named trim or of "WxH" (50 to 1000 each); null when it is neither. */
export function trimMillimetres(trim: string): [number, number] | null {
  if (isTrimSize(trim)) return TRIM_SIZES[trim];
  const m = /^(\d+(?:[.,]\d+)?)\s*[x×]\s*(\d+(?:[.,]\d+)?)$/i.exec(trim.trim());
  if (!m) return null;
  const w = Number(m[1]!.replace(',', '.'));
  const h = Number(m[2]!.replace(',', '.'));
  return w >= 50 && h >= 50 && w <= 1000 && h <= 1000 ? [w, h] : null;
}

/**
 * A trim as people write it → the stored form: a named size in any case ("a5" → "A5"), or width
 * x height in millimetres with or without the unit ("148 × 210 mm", "148mm x 210mm" → "148x210");
 * null when it is neither.
 */
export function parseTrim(input: string): TrimSize | null {
  const s = input.normalize('NFC').trim();
  const named = (Object.keys(TRIM_SIZES) as NamedTrimSize[]).find((k) => k.toLowerCase() === s.toLowerCase().replace(/\s+/g, ''));
  if (named) return named;
  const size = trimMillimetres(s.replace(/\s*mm(?![a-z])/gi, ''));
  return size ? `${size[0]}x${size[1]}` : null;
}
