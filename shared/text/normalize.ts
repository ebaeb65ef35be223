/**
 * Unicode normalisation and tone-mark placement.
 *
 * Vietnamese has two accepted ways of placing the tone mark in open syllables whose nucleus is
 * "oa", "oe" or "uy": the old style puts it on the first vowel ("hòa", "khỏe", "thủy"), the new
 * style on the second ("hoà", "khoẻ", "thuỷ"). Both are common, mixed even within one document.
 * Closed syllables ("hoàn", "khoét", "huỳnh", "thuyết") and syllables where "u" belongs to the
 * "qu" onset ("quý", "quà") have one placement only and are never changed.
 *
 * Display keeps what the author wrote; search and sorting use one placement so that both match.
 */

import { joinLetters, parseSyllable } from './syllable';

/** Normalise to Unicode NFC, the form the project stores (NFD looks the same but doesn't match). */
export function toNFC(s: string): string {
  return s.normalize('NFC');
}

type Placement = 'old' | 'new';

const SWITCHABLE = new Set(['oa', 'oe', 'uy']);

/** Move the tone of one word if it is an open oa/oe/uy syllable; otherwise return it unchanged. */
function placeTone(word: string, placement: Placement): string {
  const syl = parseSyllable(word);
  if (!syl || syl.coda !== '' || syl.tone === 'ngang' || !SWITCHABLE.has(syl.nucleus)) return word;
  const target = syl.nucleusStart + (placement === 'old' ? 0 : 1);
  if (syl.toneAt === target) return word;
  const letters = syl.letters.map((l) => ({ ...l }));
  letters[target]!.tone = syl.tone;
  letters[syl.toneAt]!.tone = 'ngang';
  return joinLetters(letters);
}

function placeTones(s: string, placement: Placement): string {
  return toNFC(s).replace(/[\p{L}\p{M}]+/gu, (word) => placeTone(word, placement));
}

/**
 * Old-style placement: "hoà" → "hòa", "khoẻ" → "khỏe", "thuỷ" → "thủy", "Uỷ" → "Ủy".
 * Returns NFC; case and everything else is kept.
 */
export function normalizeToneOld(s: string): string {
  return placeTones(s, 'old');
}

/**
 * New-style placement: "hòa" → "hoà", "khỏe" → "khoẻ", "thủy" → "thuỷ", "Ủy" → "Uỷ".
 * Returns NFC; case and everything else is kept.
 */
export function normalizeToneNew(s: string): string {
  return placeTones(s, 'new');
}
