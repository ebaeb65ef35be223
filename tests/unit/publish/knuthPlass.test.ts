import { beforeAll, describe, expect, it } from 'vitest';
import { breakParagraph, knuthPlass } from '../../../electron/core/publish/break/index';
import type { Item, PPara } from '../../../electron/core/publish/ir';
import { createShaper, type Shaper } from '../../../electron/core/publish/measure/shaper';
import { loadWorld } from '../../../electron/core/publish/index';
import { rng, sentence } from './fixtures';

let shaper: Shaper;
beforeAll(async () => {
  shaper = createShaper(await loadWorld({ families: ['liberation-serif'] }));
});

function para(text: string, width: number, indent = 22): PPara {
  const face = shaper.face('liberation-serif');
  const items: Item[] = [{ ...shaper.box('', face, 11), w: indent }];
  text.split(' ').forEach((w, i) => {
    if (i > 0) items.push(shaper.glue(face, 11));
    items.push(shaper.box(w, face, 11));
  });
  items.push({ t: 'pen', w: 0, p: 10000 }, { t: 'glue', w: 0, stretch: 1e6, shrink: 0, face, size: 11 }, { t: 'pen', w: 0, p: -10000 });
  return { p: 'para', items, x: 0, width, leading: 15, size: 11, align: 'justify' };
}

const natural = (parts: { w: number }[]) => parts.reduce((s, p) => s + p.w, 0);

describe('Knuth–Plass line breaking', () => {
  it('fills every line but the last to the measure without over-stretching or over-shrinking', () => {
    const r = rng(11);
    for (let k = 0; k < 30; k++) {
      const p = para(sentence(r, 40 + Math.floor(r() * 120)), 300);
      const lines = breakParagraph(p);
      lines.forEach((line, i) => {
        const stretch = line.parts.reduce((s, x) => s + (x.t === 'glue' ? x.stretch : 0), 0);
        const shrink = line.parts.reduce((s, x) => s + (x.t === 'glue' ? x.shrink : 0), 0);
        const nat = natural(line.parts);
        // No line needs to shrink more than its glue allows: nothing wider than the measure.
        expect(nat - shrink).toBeLessThanOrEqual(300 + 1e-6);
        if (i < lines.length - 1) {
          expect(line.ratio).toBeGreaterThanOrEqual(-1);
          expect(line.ratio).toBeLessThanOrEqual(2);
          expect(nat + line.ratio * (line.ratio >= 0 ? stretch : shrink)).toBeCloseTo(300, 6);
        }
      });
      // Every word comes back once, in order.
      const words = lines.flatMap((l) => l.parts.filter((x) => x.t === 'box' && x.text).map((x) => (x as { text: string }).text));
      expect(words.join(' ')).toBe(p.items.filter((x) => x.t === 'box' && x.text).map((x) => (x as { text: string }).text).join(' '));
    }
  });

  it('spaces lines more evenly than first-fit does', () => {
    const r = rng(5);
    let kpVar = 0;
    let ffVar = 0;
    for (let k = 0; k < 20; k++) {
      const p = para(sentence(r, 150), 280);
      const kp = knuthPlass(p.items, () => 280, 2)!;
      const lineRatios = kp.ratios.slice(0, -1);
      kpVar += lineRatios.reduce((s, x) => s + x * x, 0) / lineRatios.length;
      // First-fit ratios from the same items.
      const ff = breakGreedyRatios(p.items, 280);
      ffVar += ff.reduce((s, x) => s + x * x, 0) / ff.length;
    }
    expect(kpVar).toBeLessThan(ffVar);
  });

  it('returns null when no line can be set within the tolerance', () => {
    const p = para('a bb', 1000);
    // A single short line cannot stretch to 1000 pt if the fill glue is missing.
    const items = p.items.slice(0, -3);
    items.push({ t: 'pen', w: 0, p: -10000 });
    expect(knuthPlass(items, () => 1000, 1)).toBeNull();
  });
});

/** Stretch ratios of the non-final lines a greedy (first-fit) breaker produces. */
function breakGreedyRatios(items: Item[], width: number): number[] {
  const lines = breakParagraph({ p: 'para', items, x: 0, width, leading: 15, size: 11, align: 'left' });
  return lines.slice(0, -1).map((l) => {
    const nat = natural(l.parts);
    const st = l.parts.reduce((s, x) => s + (x.t === 'glue' ? x.stretch : 0), 0);
    const sh = l.parts.reduce((s, x) => s + (x.t === 'glue' ? x.shrink : 0), 0);
    return nat <= width ? (width - nat) / st : (width - nat) / sh;
  });
}
