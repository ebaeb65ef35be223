import { beforeAll, describe, expect, it } from 'vitest';
import type { FlowBlock, Section } from '../../../electron/core/publish/ir';
import { paginate } from '../../../electron/core/publish/paginate/index';
import { createShaper, type Shaper } from '../../../electron/core/publish/measure/shaper';
import { loadWorld, resolveSetup } from '../../../electron/core/publish/index';
import { rng } from './fixtures';

let shaper: Shaper;
beforeAll(async () => {
  shaper = createShaper(await loadWorld({ families: ['liberation-serif'] }));
});

const setup = resolveSetup({ layout: 'history', title: 'T', front: [], body: [], back: [] }, ['liberation-serif'], 'liberation-serif');

/** A flow of paragraphs (one block per line, tagged so pages can be inspected) and headings. */
function flow(seed: number): { blocks: FlowBlock[]; tag: Map<FlowBlock, string> } {
  const r = rng(seed);
  const blocks: FlowBlock[] = [];
  const tag = new Map<FlowBlock, string>();
  let id = 0;
  for (let k = 0; k < 60; k++) {
    if (r() < 0.2) {
      const h: FlowBlock = { h: setup.leading, draws: [], keep: true, para: { id: ++id, i: 0, n: 1 } };
      blocks.push({ h: setup.leading, draws: [], space: true, keep: true }, h);
      tag.set(h, 'heading');
    }
    const n = 1 + Math.floor(r() * 9);
    const pid = ++id;
    for (let i = 0; i < n; i++) {
      const b: FlowBlock = { h: setup.leading, draws: [], para: { id: pid, i, n } };
      tag.set(b, 'line');
      blocks.push(b);
    }
  }
  return { blocks, tag };
}

describe('pagination', () => {
  it('leaves no orphan, no widow and no heading at the foot of a page', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { blocks } = flow(seed);
      // Each block remembers where it is by drawing a zero-width rule at its own index.
      blocks.forEach((b, i) => b.draws.push({ d: 'rule', x1: i, y1: 0, x2: i, y2: 0, width: 0 }));
      const section: Section = { role: 'matter', style: { numbering: 'arabic', printFolio: false, recto: false }, flow: blocks, outline: [], opening: false };
      const { pages } = paginate([section], { setup, shaper });
      expect(pages.length).toBeGreaterThan(3);
      const seen: number[] = [];
      pages.forEach((p, pi) => {
        const idx = p.draws.filter((d) => d.d === 'rule' && d.width === 0).map((d) => Math.round((d as { x1: number }).x1 - (pi % 2 === 0 ? setup.inner : setup.outer)));
        seen.push(...idx);
        const body = idx.map((i) => blocks[i]!).filter((b) => !b.space);
        if (pi < pages.length - 1) {
          const last = body[body.length - 1]!;
          expect(last.keep, `page ${pi + 1} ends with a heading`).toBeFalsy();
          // Orphan: a paragraph's first line alone at the foot of the page.
          if (last.para && last.para.n > 1) expect(last.para.i, `orphan on page ${pi + 1}`).not.toBe(0);
        }
        const first = body[0]!;
        // Widow: a paragraph's last line alone at the head of the page.
        if (pi > 0 && first.para && first.para.n > 1) expect(first.para.i, `widow on page ${pi + 1}`).not.toBe(first.para.n - 1);
        // Pages are not overfull.
        expect(body.reduce((s, b) => s + b.h, 0)).toBeLessThanOrEqual(setup.textHeight + 0.01);
      });
      // Every block placed once, in order (spaces at the head of a page may be dropped).
      const nonSpace = blocks.map((b, i) => (b.space ? -1 : i)).filter((i) => i >= 0);
      expect(seen.filter((i) => !blocks[i]!.space)).toEqual(nonSpace);
    }
  });
});
