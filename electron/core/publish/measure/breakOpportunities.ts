/**
 * Where a word with no space in it may still end a line: inside URLs, e-mail addresses, paths and
 * long compounds ("Mác-Lênin", "(1930–1945)"), never inside a document code ("12-NQ/TU").
 *
 * Vietnamese text is broken between syllables, which are short; only a long "word" — a URL, a
 * file name, a run of codes — can leave the line breaker with nothing but stretched spaces or a
 * cut at an arbitrary letter. Such a word is given break opportunities as Knuth–Plass penalties
 * of zero width (no hyphen is drawn), so the paragraph breaker weighs a break inside the URL
 * against a loose line, as TeX weighs a hyphenation.
 *
 * Opportunities come from the Unicode line-breaking algorithm (UAX #14, the `linebreak` package)
 * and, in URLs, from the Chicago Manual of Style's rules (14.18): after a slash or a hyphen,
 * before `?`, `&`, `#`, `=`, `.`, `_`, `~`, `%`, `@`, after `=` and `&` too — a reader then sees
 * that the line goes on.
 * Only words of at least LONG_WORD characters are looked at: the rest fit anywhere, and
 * skipping them keeps the cost off the ordinary syllable.
 */
import { LineBreaker } from 'linebreak';
import { parseDocumentCode } from '../../../../shared/text/documentCode';
import type { Box, Item } from '../ir';

/** Words shorter than this (UTF-16 units) are never broken: they fit on any line. */
export const LONG_WORD = 10;

/** A place to break before the character at `at` (a UTF-16 offset into the word). */
export interface Opportunity {
  at: number;
  penalty: number;
  /** Like a hyphenation (after a hyphen or dash): two such lines in a row cost extra. */
  flagged: boolean;
}

/** Penalties: a URL's slash is the best place; a hyphen or other separator a little worse. */
const URL_AFTER_SLASH = 30;
const URL_OTHER = 60;
const WORD_AFTER_DASH = 50;
const WORD_OTHER = 100;
/** No piece shorter than this many characters at either end or between two breaks. */
const MIN_PIECE = 2;

const URL_START = /^[(["'<“‘]*(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i;
const EMAIL = /^[(["'<“‘]*[^@\s/]+@[^@\s]+\.[a-z]{2,}/i;
/** A host name followed by a path: "example.org/tai-lieu". */
const HOST_PATH = /[a-z0-9-]\.[a-z]{2,}\/\S/i;
const OPENING = /^[(["'<“‘«]+/u;
const CLOSING = /[)\]"'>”’»,.;:!?]+$/u;
const DASHES = new Set(['-', '\u2010', '\u2013', '\u2014']);
const BEFORE_IN_URL = new Set(['?', '&', '#', '=', '.', '_', '~', '%', '@']);

/**
 * The places where `word` (no spaces) may be broken, in order, or null when it has none or is
 * too short to need any.
 */
export function breakOpportunities(word: string): Opportunity[] | null {
  if (word.length < LONG_WORD) return null;
  const core = word.replace(OPENING, '').replace(CLOSING, '');
  // A document code is one name: "12-NQ/TU" broken after the hyphen reads as two things.
  if (core.length > 0 && core.length <= 40 && /\d/.test(core) && parseDocumentCode(core)) return null;
  const cuts = URL_START.test(word) || EMAIL.test(word) || HOST_PATH.test(word) ? urlOpportunities(word) : uaxOpportunities(word);
  return cuts.length > 0 ? cuts : null;
}

/** Chicago's rules for a URL, e-mail address or path. */
function urlOpportunities(word: string): Opportunity[] {
  const out: Opportunity[] = [];
  const scheme = /^[(["'<“‘]*[a-z][a-z0-9+.-]*:\/\//i.exec(word);
  // Nothing inside "https://": the first break may come right after it.
  const from = scheme ? scheme[0].length : MIN_PIECE;
  const end = word.length - trailing(word);
  let last = 0;
  for (let i = from; i < end - MIN_PIECE + 1; i++) {
    const prev = word[i - 1]!;
    const ch = word[i]!;
    let p = -1;
    if (i === from && scheme) p = URL_AFTER_SLASH;
    else if (prev === '/' && ch !== '/') p = URL_AFTER_SLASH;
    else if ((DASHES.has(prev) && !DASHES.has(ch)) || ((prev === '=' || prev === '&') && !BEFORE_IN_URL.has(ch))) p = URL_OTHER;
    else if (BEFORE_IN_URL.has(ch) && !BEFORE_IN_URL.has(prev) && prev !== '/') p = URL_OTHER;
    if (p < 0 || i - last < MIN_PIECE) continue;
    out.push({ at: i, penalty: p, flagged: false });
    last = i;
  }
  return out;
}

/** The Unicode line-breaking algorithm's opportunities inside a long word. */
function uaxOpportunities(word: string): Opportunity[] {
  const out: Opportunity[] = [];
  const breaker = new LineBreaker(word);
  const end = word.length - trailing(word);
  let last = 0;
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    const at = bk.position;
    if (at < MIN_PIECE || at > end - MIN_PIECE || at - last < MIN_PIECE) continue;
    const prev = word[at - 1]!;
    const dash = DASHES.has(prev);
    out.push({ at, penalty: dash ? WORD_AFTER_DASH : WORD_OTHER, flagged: dash });
    last = at;
  }
  return out;
}

/** Closing punctuation at the end of a word: it stays with the piece before it. */
function trailing(word: string): number {
  const m = CLOSING.exec(word);
  return m ? m[0].length : 0;
}

/**
 * A word cut at its opportunities: boxes (from `box`, which shapes a piece) with a penalty of
 * zero width between them.
 */
export function wordPieces(word: string, cuts: readonly Opportunity[], box: (text: string) => Box): Item[] {
  const out: Item[] = [];
  let from = 0;
  for (const c of cuts) {
    out.push(box(word.slice(from, c.at)));
    out.push(c.flagged ? { t: 'pen', w: 0, p: c.penalty, flagged: true } : { t: 'pen', w: 0, p: c.penalty });
    from = c.at;
  }
  out.push(box(word.slice(from)));
  return out;
}
