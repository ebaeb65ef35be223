/**
 * The list of documents to collect groups references by term or year in SQL (periodSql); the
 * rule itself is partyTerms.ts periodOfReference. Both must agree on every kind of code and date,
 * term boundaries included: checked on a real SQLite database.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { periodSql } from '../../../electron/core/search/toCollect';
import { CENTRAL_COMMITTEE_TERMS, periodOfReference, type CodeNumbering } from '../../../shared/text/partyTerms';

const day = (iso: string) => ({ start: iso, end: iso });
const year = (y: number) => ({ start: `${y}-01-01`, end: `${y}-12-31` });

describe('the period of a reference in SQL', () => {
  it('agrees with periodOfReference for every numbering, written or not, across term boundaries', () => {
    const db = new Database(':memory:');
    const stmt = db.prepare(
      `SELECT ${periodSql('n', `CASE WHEN w THEN ws WHEN n <> 'local-term' THEN rs END`, `CASE WHEN w THEN we WHEN n <> 'local-term' THEN re END`, 'w')} AS p
       FROM (SELECT ? AS n, ? AS ws, ? AS we, ? AS rs, ? AS re, (? IS NOT NULL AND (? IS NULL OR ? <= ?)) AS w)`,
    );
    const spans = [null, year(1920), year(1950), year(1976), day('1976-12-13'), day('1976-12-14'), year(2023), day('2026-01-19'), year(2030)];
    for (const t of CENTRAL_COMMITTEE_TERMS) spans.push(day(t.start));
    let checked = 0;
    for (const n of ['central-term', 'local-term', 'year', 'in-code'] as CodeNumbering[])
      for (const written of spans)
        for (const referrer of spans) {
          const sql = (stmt.get(n, written?.start ?? null, written?.end ?? null, referrer?.start ?? null, referrer?.end ?? null, written?.start ?? null, referrer?.end ?? null, written?.start ?? null, referrer?.end ?? null) as { p: string }).p;
          expect(sql, `${n} ${JSON.stringify(written)} ${JSON.stringify(referrer)}`).toBe(periodOfReference(n, written, null, referrer));
          checked++;
        }
    expect(checked).toBe(4 * spans.length * spans.length);
    db.close();
  });
});
