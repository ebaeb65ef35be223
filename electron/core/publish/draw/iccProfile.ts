/**
 * The sRGB ICC profile that calibrates the RGB pictures of a PDF/X print file, made here rather
 * than shipped: PDF/X forbids device RGB under a CMYK output intent but accepts calibrated colour,
 * and the RGB that cameras and scanners write is sRGB. A matrix/TRC profile is a handful of
 * numbers (IEC 61966-2.1, primaries adapted to D50), ICC version 2.1, deterministic, 2.5 KB; Little
 * CMS converts with it exactly as with its built-in sRGB. (The output intent's own profile, a
 * measured press, is shipped: resources/icc/.)
 */

/** Writes an ICC profile: header, tag table and tag data, each tag 4-byte aligned. */
function profile(deviceClass: string, colourSpace: string, tags: [string, Uint8Array][]): Uint8Array {
  const tagTable = 4 + 12 * tags.length;
  let offset = 128 + tagTable;
  const placed: { sig: string; at: number; data: Uint8Array }[] = [];
  // Identical data (the three TRCs of sRGB) is written once and shared, as ICC allows.
  const seen = new Map<Uint8Array, number>();
  for (const [sig, data] of tags) {
    let at = seen.get(data);
    if (at === undefined) {
      at = offset;
      seen.set(data, at);
      offset += (data.length + 3) & ~3;
    }
    placed.push({ sig, at, data });
  }
  const out = new Uint8Array(offset);
  const v = new DataView(out.buffer);
  const ascii = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
  };
  v.setUint32(0, offset);
  // Bytes 4–7, the preferred CMM: none (zero).
  v.setUint32(8, 0x02100000); // version 2.1
  ascii(12, deviceClass);
  ascii(16, colourSpace);
  ascii(20, 'XYZ ');
  // Creation date: fixed, so every file carries the same profile bytes.
  [2026, 1, 1, 0, 0, 0].forEach((n, i) => v.setUint16(24 + i * 2, n));
  ascii(36, 'acsp');
  v.setUint32(64, 1); // rendering intent: relative colorimetric
  // Illuminant of the PCS: D50.
  v.setInt32(68, s15(0.9642));
  v.setInt32(72, s15(1));
  v.setInt32(76, s15(0.8249));
  v.setUint32(128, tags.length);
  placed.forEach((t, i) => {
    ascii(132 + i * 12, t.sig);
    v.setUint32(136 + i * 12, t.at);
    v.setUint32(140 + i * 12, t.data.length);
    out.set(t.data, t.at);
  });
  return out;
}

const s15 = (x: number): number => Math.round(x * 65536);

/** textDescriptionType: an ASCII description (no Unicode or ScriptCode variants). */
function desc(text: string): Uint8Array {
  const out = new Uint8Array(12 + text.length + 1 + 4 + 4 + 2 + 1 + 67);
  const v = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = 'desc'.charCodeAt(i);
  v.setUint32(8, text.length + 1);
  for (let i = 0; i < text.length; i++) out[12 + i] = text.charCodeAt(i);
  return out;
}

function textTag(text: string): Uint8Array {
  const out = new Uint8Array(8 + text.length + 1);
  for (let i = 0; i < 4; i++) out[i] = 'text'.charCodeAt(i);
  for (let i = 0; i < text.length; i++) out[8 + i] = text.charCodeAt(i);
  return out;
}

function xyz(x: number, y: number, z: number): Uint8Array {
  const out = new Uint8Array(20);
  const v = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = 'XYZ '.charCodeAt(i);
  v.setInt32(8, s15(x));
  v.setInt32(12, s15(y));
  v.setInt32(16, s15(z));
  return out;
}

/** A sampled curve (curveType) of `n` points of f on [0, 1]. */
function curve(n: number, f: (x: number) => number): Uint8Array {
  const out = new Uint8Array(12 + 2 * n);
  const v = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = 'curv'.charCodeAt(i);
  v.setUint32(8, n);
  for (let i = 0; i < n; i++) v.setUint16(12 + 2 * i, Math.round(Math.min(1, Math.max(0, f(i / (n - 1)))) * 65535));
  return out;
}

const COPYRIGHT = 'No copyright: made by the Su Quan typesetter, free to use.';

let srgbCache: Uint8Array | undefined;

/** sRGB IEC 61966-2.1 as a matrix/TRC display profile, primaries adapted to D50 (about 3 KB). */
export function srgbProfile(): Uint8Array {
  if (srgbCache) return srgbCache;
  const trc = curve(1024, (x) => (x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
  return (srgbCache = profile('mntr', 'RGB ', [
    ['desc', desc('sRGB IEC61966-2.1')],
    ['wtpt', xyz(0.9642, 1, 0.8249)],
    ['rXYZ', xyz(0.4361, 0.2225, 0.0139)],
    ['gXYZ', xyz(0.3851, 0.7169, 0.0971)],
    ['bXYZ', xyz(0.1431, 0.0606, 0.7141)],
    ['rTRC', trc],
    ['gTRC', trc],
    ['bTRC', trc],
    ['cprt', textTag(COPYRIGHT)],
  ]));
}
