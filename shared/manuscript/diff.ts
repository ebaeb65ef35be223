/**
 * A readable comparison of two revisions of a chapter (so sánh phiên bản): paragraphs that stayed,
 * went, came, or changed — and inside a changed paragraph, which words. Pure; works on the plain
 * text of each paragraph (footnotes included in brackets so a changed source shows up too).
 */

export type WordOp = { op: 'same' | 'add' | 'del'; text: string };

export type ParagraphDiff =
  | { kind: 'same'; text: string }
  | { kind: 'added'; text: string }
  | { kind: 'removed'; text: string }
  | { kind: 'changed'; words: WordOp[] };

export interface DiffSummary {
  added: number;
  removed: number;
  changed: number;
}

type Op<T> = { op: 'same' | 'add' | 'del'; item: T };

/** Longest-common-subsequence edit script; common prefix and suffix are trimmed first. */
function editScript<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean): Op<T>[] {
  let start = 0;
  while (start < a.length && start < b.length && eq(a[start]!, b[start]!)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && eq(a[endA - 1]!, b[endB - 1]!)) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  const head: Op<T>[] = a.slice(0, start).map((item) => ({ op: 'same', item }));
  const tail: Op<T>[] = a.slice(endA).map((item) => ({ op: 'same', item }));
  if (n * m > 25_000_000) {
    // Too large to align: show the middle as removed then added.
    return [...head, ...a.slice(start, endA).map((item) => ({ op: 'del' as const, item })), ...b.slice(start, endB).map((item) => ({ op: 'add' as const, item })), ...tail];
  }
  const w = m + 1;
  const dp = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] = eq(a[start + i]!, b[start + j]!) ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    }
  }
  const mid: Op<T>[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && eq(a[start + i]!, b[start + j]!)) {
      mid.push({ op: 'same', item: a[start + i]! });
      i++;
      j++;
    } else if (j < m && (i === n || dp[i * w + j + 1]! >= dp[(i + 1) * w + j]!)) {
      mid.push({ op: 'add', item: b[start + j]! });
      j++;
    } else {
      mid.push({ op: 'del', item: a[start + i]! });
      i++;
    }
  }
  return [...head, ...mid, ...tail];
}

/** Words and the spaces between them, so joining the parts gives back the text. */
function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/gu) ?? [];
}

export function diffWords(before: string, after: string): WordOp[] {
  const script = editScript(tokens(before), tokens(after), (x, y) => x === y);
  // Readable groups: a space kept between two changes belongs to the change, so "giành chính
  // quyền" → "thắng lợi" reads as one deletion and one addition, not four interleaved pieces.
  const out: WordOp[] = [];
  const push = (op: WordOp['op'], text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  for (let k = 0; k < script.length; ) {
    if (script[k]!.op === 'same') {
      push('same', script[k]!.item);
      k++;
      continue;
    }
    let del = '';
    let add = '';
    let end = k;
    for (let j = k; j < script.length; j++) {
      const s = script[j]!;
      if (s.op === 'same') {
        const nextChange = script[j + 1] && script[j + 1]!.op !== 'same';
        if (!/^\s+$/u.test(s.item) || !nextChange) break;
        del += s.item;
        add += s.item;
      } else if (s.op === 'del') del += s.item;
      else add += s.item;
      end = j + 1;
    }
    push('del', del);
    push('add', add);
    k = end;
  }
  return out;
}

/** How alike two paragraphs are (0–1), by shared words; pairs a removed with an added one as "changed". */
function similarity(a: string, b: string): number {
  const wa = a.split(/\s+/u).filter(Boolean);
  const wb = new Set(b.split(/\s+/u).filter(Boolean));
  if (wa.length === 0 || wb.size === 0) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.max(wa.length, wb.size);
}

export function diffParagraphs(before: readonly string[], after: readonly string[]): ParagraphDiff[] {
  const script = editScript(before, after, (x, y) => x === y);
  const out: ParagraphDiff[] = [];
  for (let k = 0; k < script.length; ) {
    if (script[k]!.op === 'same') {
      out.push({ kind: 'same', text: script[k]!.item });
      k++;
      continue;
    }
    // A run of deletions and additions: pair similar paragraphs as changes.
    const dels: string[] = [];
    const adds: string[] = [];
    while (k < script.length && script[k]!.op !== 'same') {
      (script[k]!.op === 'del' ? dels : adds).push(script[k]!.item);
      k++;
    }
    let d = 0;
    let a = 0;
    while (d < dels.length || a < adds.length) {
      if (d < dels.length && a < adds.length && similarity(dels[d]!, adds[a]!) >= 0.3) {
        out.push({ kind: 'changed', words: diffWords(dels[d]!, adds[a]!) });
        d++;
        a++;
      } else if (d < dels.length && (a >= adds.length || dels.length - d >= adds.length - a)) {
        out.push({ kind: 'removed', text: dels[d]! });
        d++;
      } else {
        out.push({ kind: 'added', text: adds[a]! });
        a++;
      }
    }
  }
  return out;
}

export function summarize(diff: readonly ParagraphDiff[]): DiffSummary {
  const s = { added: 0, removed: 0, changed: 0 };
  for (const p of diff) {
    if (p.kind === 'added') s.added++;
    else if (p.kind === 'removed') s.removed++;
    else if (p.kind === 'changed') s.changed++;
  }
  return s;
}
