/**
 * docs/MODEL.md's validation table is the full suite's, as stored by `npm run validate -- --write`
 * in test/validation/full-results.json: re-rendered here and compared, with the stored runs checked
 * against today's checks (suite.test.ts checks them against today's model, through the short suite).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../engine/validation/checks.ts';
import { allRows, fingerprints, markedRegion, renderTable, type StoredResults } from '../../engine/validation/report.ts';

const stored = JSON.parse(readFileSync(new URL('./full-results.json', import.meta.url), 'utf8')) as StoredResults;
const modelDoc = readFileSync(new URL('../../docs/MODEL.md', import.meta.url), 'utf8');
const STALE = 'run `npm run validate -- --write` and commit test/validation/full-results.json and docs/MODEL.md';

describe("docs/MODEL.md's validation table", () => {
  it('is the stored full suite, rendered', () => {
    expect(markedRegion(modelDoc), 'docs/MODEL.md needs the <!-- validation:begin --> and <!-- validation:end --> markers').not.toBeNull();
    expect(markedRegion(modelDoc), STALE).toBe(renderTable(stored.full));
  });

  it('comes from runs of every check as defined today, full and short', () => {
    expect(stored.full.size).toBe('full');
    expect(stored.short.size).toBe('short');
    expect(stored.full.fingerprints, STALE).toEqual(fingerprints('full'));
    expect(stored.short.fingerprints, STALE).toEqual(fingerprints('short'));
    expect(stored.full.outcomes.map((o) => o.id)).toEqual(CHECKS.map((c) => c.id));
  });

  it('shows every comparison passing, each mean within 2% with a half-width well under 2%', () => {
    const rows = allRows(stored.full);
    expect(rows.filter((r) => !r.pass)).toEqual([]);
    for (const r of rows.filter((row) => row.halfWidth95 !== null)) {
      expect(Math.abs(r.error), r.name).toBeLessThanOrEqual(0.02);
      expect(r.halfWidth95! / r.measured, r.name).toBeLessThan(0.0125);
    }
  });
});
