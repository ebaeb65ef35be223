/**
 * A PDF ToUnicode CMap: which text each 2-byte code of a Type0 font stands for, so a reader
 * extracts, searches and copies the right characters. Used by the typesetter's fonts and by the
 * archive's searchable PDFs.
 */
const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** UTF-16BE of a string, as hex. */
function utf16(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += hex4(s.charCodeAt(i));
  return out;
}

/** `entries`: [code, text] pairs; written as bfchar blocks of at most 100 (the limit PDF sets). */
export function toUnicodeCMap(entries: readonly (readonly [number, string])[]): string {
  let body = '';
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    body += `${chunk.length} beginbfchar\n`;
    for (const [code, text] of chunk) body += `<${hex4(code)}> <${utf16(text)}>\n`;
    body += 'endbfchar\n';
  }
  return (
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n' +
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
    '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n' +
    '1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n' +
    body +
    'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend'
  );
}
