/**
 * What a search box's text asks for. Words match whole syllables, folded (no case, no
 * diacritics, đ = d) — "hoà" finds "hòa" and "hoà" but not "hoàn"; `nghi*` asks for a prefix;
 * "quoted words" are a phrase, and so is a code ("16-NQ/TW" = the phrase 16 nq tw); `-word` (or
 * `-"a phrase"`) leaves out what contains it; `OR` between two terms accepts either. Terms are
 * otherwise all required.
 *
 * Pure: the service compiles a parsed query to SQLite FTS5, the UI uses it to mark matches.
 */
import { foldExact, foldForSearch } from '../text/fold';

export interface QueryTerm {
  /** As typed, without the leading "-" and the quotes. */
  text: string;
  /** Folded tokens, in order (a phrase when more than one). */
  folded: string[];
  /** Tokens as spelled (lower case, diacritics kept, one tone placement). */
  exact: string[];
  /** The last token is a prefix (`*` typed after it). */
  prefix: boolean;
}

export interface ParsedQuery {
  /** Every group must match; a group matches when any of its terms does (terms joined by OR). */
  groups: QueryTerm[][];
  /** Terms whose pages are left out. */
  excluded: QueryTerm[];
}

const FOLDED_TOKENS = /[^\p{L}\p{N}]+/u;
const EXACT_TOKENS = /[^\p{L}\p{N}\p{M}]+/u;

function term(text: string, quoted: boolean): QueryTerm | null {
  const prefix = !quoted && /\*$/u.test(text);
  const clean = text.replace(/\*+$/u, '');
  const folded = foldForSearch(clean).split(FOLDED_TOKENS).filter(Boolean);
  const exact = foldExact(clean).split(EXACT_TOKENS).filter(Boolean);
  if (folded.length === 0 || exact.length === 0) return null;
  return { text: clean, folded, exact, prefix };
}

export function parseSearchQuery(query: string): ParsedQuery {
  const groups: QueryTerm[][] = [];
  const excluded: QueryTerm[] = [];
  let joinNext = false;
  const re = /(-?)"([^"]*)"?|(\S+)/gu;
  const text = query.normalize('NFC');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[3];
    if (raw === 'OR' || raw === '|') {
      joinNext = groups.length > 0;
      continue;
    }
    const negative = m[1] === '-' || (raw !== undefined && raw.length > 1 && raw.startsWith('-'));
    const quoted = m[2] !== undefined;
    const t = term(quoted ? m[2]! : negative ? raw!.slice(1) : raw!, quoted);
    if (!t) continue;
    if (negative) {
      excluded.push(t);
      joinNext = false;
      continue;
    }
    if (joinNext) groups[groups.length - 1]!.push(t);
    else groups.push([t]);
    joinNext = false;
  }
  return { groups, excluded };
}

/** True when something typed carries diacritics or đ (then exact spellings are ranked first). */
export function hasDiacritics(q: ParsedQuery): boolean {
  return q.groups.some((g) => g.some((t) => t.exact.join(' ') !== t.folded.join(' ')));
}

/** The positive terms' folded tokens, for marking matches in text. */
export function markTerms(q: ParsedQuery): { tokens: string[]; prefix: boolean }[] {
  return q.groups.flat().map((t) => ({ tokens: t.folded, prefix: t.prefix }));
}
