/**
 * The shape of one Vietnamese syllable (âm tiết): onset consonant, vowel nucleus (with its
 * glides), final consonant, and the tone mark with the letter that carries it.
 *
 * Used by tone-placement normalisation (which must know whether a syllable is open and where
 * its nucleus starts) and by legacy-encoding detection (which counts how many words of a
 * candidate conversion are real Vietnamese syllables).
 */

/** The six tones; `ngang` is the level tone, written without a mark. */
export type ToneName = 'ngang' | 'huyen' | 'hoi' | 'nga' | 'sac' | 'nang';

/** Combining marks that write a tone (as opposed to the shape marks ˆ ˘ ʼ). */
export const TONE_MARKS: Readonly<Record<string, ToneName>> = {
  '\u0300': 'huyen',
  '\u0309': 'hoi',
  '\u0303': 'nga',
  '\u0301': 'sac',
  '\u0323': 'nang',
};

/** The combining mark for each tone (ngang has none). */
export const TONE_MARK_OF: Readonly<Record<ToneName, string>> = {
  ngang: '',
  huyen: '\u0300',
  hoi: '\u0309',
  nga: '\u0303',
  sac: '\u0301',
  nang: '\u0323',
};

/** One written letter split into its tone-less form (case kept) and its tone. */
export interface Letter {
  /** The letter without its tone mark, NFC, case as written: "Ô" for "Ộ". */
  base: string;
  tone: ToneName;
}

/** A syllable split into parts. Part strings are lower case and tone-less. */
export interface Syllable {
  letters: Letter[];
  onset: string;
  nucleus: string;
  coda: string;
  /** Index in `letters` of the first nucleus letter. */
  nucleusStart: number;
  tone: ToneName;
  /** Index in `letters` of the letter carrying the tone mark, or -1 for ngang. */
  toneAt: number;
}

const VOWELS = new Set(['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']);

const ONSETS = new Set([
  '', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh',
  'nh', 'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x',
]);

const CODAS = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't']);

/**
 * Vowel sequences (nucleus plus glides) that occur in Vietnamese syllables. A sequence that ends
 * in a glide (i, y, o, u) cannot take a final consonant; that is checked separately.
 */
const NUCLEI = new Set([
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi',
  'oo', 'ôi', 'ơi', 'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ươ', 'ưu', 'yê',
  'iêu', 'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'uya', 'uyê', 'uyu', 'ươi', 'ươu', 'yêu',
]);

/** Vowel sequences that end in a glide or in a falling diphthong: no final consonant follows. */
const OPEN_ONLY = new Set([
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iu', 'oi', 'ôi', 'ơi', 'ua', 'ui',
  'ưa', 'ưi', 'ưu', 'iêu', 'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'uya', 'uyu', 'ươi',
  'ươu', 'yêu',
]);

const FRONT = /^[eêiy]/;

/** Spelling rules of the onset: k/gh/ngh before e, ê, i (y); c/g/ng elsewhere. */
function spelledRight(onset: string, nucleus: string): boolean {
  const front = FRONT.test(nucleus);
  if (onset === 'c' || onset === 'ng') return !front;
  if (onset === 'k' || onset === 'gh' || onset === 'ngh') return front;
  if (onset === 'g') return !/^[eê]/.test(nucleus);
  return true;
}

/** Split a word (NFC or not) into letters, pulling the tone mark off each one. */
export function splitLetters(word: string): Letter[] {
  const letters: Letter[] = [];
  for (const ch of word.normalize('NFD')) {
    const tone = TONE_MARKS[ch];
    const last = letters[letters.length - 1];
    if (/\p{M}/u.test(ch)) {
      if (!last) {
        letters.push({ base: ch, tone: 'ngang' });
      } else if (tone && last.tone === 'ngang') {
        last.tone = tone;
      } else {
        last.base += ch;
      }
      continue;
    }
    letters.push({ base: ch, tone: 'ngang' });
  }
  for (const l of letters) l.base = l.base.normalize('NFC');
  return letters;
}

/** Join letters back into an NFC word. */
export function joinLetters(letters: readonly Letter[]): string {
  return letters.map((l) => l.base + TONE_MARK_OF[l.tone]).join('').normalize('NFC');
}

/**
 * Parse one word as a Vietnamese syllable; null when it is not one (a foreign word, an
 * abbreviation, a misspelling with two tone marks, …).
 */
export function parseSyllable(word: string): Syllable | null {
  const letters = splitLetters(word);
  if (letters.length === 0) return null;
  const lower = letters.map((l) => l.base.toLowerCase());
  if (lower.some((b) => b.length !== 1)) return null;

  let i = 0;
  while (i < lower.length && !VOWELS.has(lower[i]!)) i++;
  // "qu" and "gi" (before another vowel) are onsets, not part of the nucleus.
  if (i === 1 && lower[0] === 'q' && lower[1] === 'u') i = 2;
  else if (i === 1 && lower[0] === 'g' && lower[1] === 'i' && i + 1 < lower.length && VOWELS.has(lower[2]!)) i = 2;
  const onset = lower.slice(0, i).join('');
  if (!ONSETS.has(onset)) return null;

  const nucleusStart = i;
  while (i < lower.length && VOWELS.has(lower[i]!)) i++;
  const nucleus = lower.slice(nucleusStart, i).join('');
  const coda = lower.slice(i).join('');
  if (nucleus === '' && onset !== 'gi') return null;
  if (nucleus !== '' && !NUCLEI.has(nucleus)) return null;
  if (!CODAS.has(coda)) return null;
  if (coda !== '' && OPEN_ONLY.has(nucleus)) return null;
  if (!spelledRight(onset, nucleus)) return null;

  let tone: ToneName = 'ngang';
  let toneAt = -1;
  for (let k = 0; k < letters.length; k++) {
    const t = letters[k]!.tone;
    if (t === 'ngang') continue;
    if (toneAt !== -1) return null; // two tone marks
    tone = t;
    toneAt = k;
  }
  // A tone mark sits on a vowel (the "i" of a bare "gi" onset counts: "gì").
  if (toneAt !== -1 && !VOWELS.has(lower[toneAt]!)) return null;
  return { letters, onset, nucleus, coda, nucleusStart, tone, toneAt };
}

/** True when the word is a well-formed Vietnamese syllable (ignoring tone placement). */
export function isVietnameseSyllable(word: string): boolean {
  return parseSyllable(word) !== null;
}
