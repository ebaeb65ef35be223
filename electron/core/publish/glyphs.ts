/**
 * How glyph ids are written in content streams, shared by the measure stage (which caches each
 * word's TJ fragment) and the draw stage (which writes the spaces between words).
 *
 * A glyph id is the two bytes of a PDF literal string (Identity-H encoding), escaped where the
 * string syntax needs it. Half the size of hex: content streams build and compress faster.
 */
export function glyphBytes(gid: number): string {
  return byteChar(gid >> 8) + byteChar(gid & 0xff);
}

function byteChar(b: number): string {
  switch (b) {
    case 0x28:
      return '\\(';
    case 0x29:
      return '\\)';
    case 0x5c:
      return '\\\\';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    default:
      return String.fromCharCode(b);
  }
}
