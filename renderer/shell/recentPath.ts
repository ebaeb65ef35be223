/**
 * How the welcome screen shows a recent project's path: the folder's name to read, and the folder
 * it is in, shortened in the middle so both ends stay (the drive or home folder, and the parent's
 * name) and a long path never wraps in the middle of a name or a year ("(1 / 949–2025)").
 */
import { printable } from '../../shared/text/controlChars';

/** The path's pieces, whatever its separator ("C:\\Users\\…" or "/home/…"). */
function pieces(p: string): { parts: string[]; sep: string; root: string } {
  const sep = p.includes('\\') && !p.includes('/') ? '\\' : '/';
  const root = p.startsWith('/') ? '/' : p.startsWith('\\\\') ? '\\\\' : '';
  return { parts: p.split(/[\\/]+/).filter(Boolean), sep, root };
}

/** A project's name from its path: the last folder without ".suquan" ("…/Đảng bộ (1949–2025).suquan" → "Đảng bộ (1949–2025)"). */
export function projectFolderName(p: string): string {
  const { parts } = pieces(p);
  const last = printable(parts[parts.length - 1] ?? p);
  return last.replace(/\.suquan$/i, '') || last;
}

/** The folder a project is in, as the user would type it. */
export function parentFolder(p: string): string {
  const { parts, sep, root } = pieces(printable(p));
  return root + parts.slice(0, -1).join(sep);
}

/**
 * A path at most about `max` characters: whole folder names from both ends, "…" for those left
 * out in the middle ("/home/an/Tài liệu/…/Huyện ủy"). The last name is kept even when it alone is
 * longer (then cut at its start), so the user still sees which folder it is.
 */
export function middleEllipsis(p: string, max = 48): string {
  const text = printable(p);
  if (text.length <= max) return text;
  const { parts, sep, root } = pieces(text);
  if (parts.length === 0) return text;
  const last = parts[parts.length - 1]!;
  if (parts.length === 1 || root.length + last.length + 2 >= max) return `…${last.slice(-(max - 1))}`;
  const head: string[] = [];
  const tail: string[] = [last];
  let length = root.length + last.length + 2; // "…" and its separator
  let i = 0;
  let j = parts.length - 2;
  let headOpen = true;
  let tailOpen = true;
  // Alternate: the first folders say where (drive, home), the last ones what. A side whose next
  // name does not fit is closed; the other may still take its shorter names.
  while (i <= j && (headOpen || tailOpen)) {
    const fromHead = headOpen && (!tailOpen || head.length <= tail.length - 1);
    const next = fromHead ? parts[i]! : parts[j]!;
    if (length + next.length + 1 > max) {
      if (fromHead) headOpen = false;
      else tailOpen = false;
      continue;
    }
    length += next.length + 1;
    if (fromHead) head.push(parts[i++]!);
    else tail.unshift(parts[j--]!);
  }
  if (i > j) return root + parts.join(sep);
  return root + [...head, '…', ...tail].join(sep);
}
