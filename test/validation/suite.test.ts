/**
 * The short validation suite: every check of `npm run validate` (engine/validation/checks.ts) on
 * the first part of the same runs. Means must lie within 3 batch-means half-widths of theory, each
 * half-width under 5%; Little's law and the rebalance pauses hold exactly, as in the full suite.
 * The figures must also equal, to the digit, the short suite stored beside the full one that
 * docs/MODEL.md's table shows: the runs are deterministic, so a difference means the model (or a
 * check) changed since the table was made.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../engine/validation/checks.ts';
import type { StoredResults } from '../../engine/validation/report.ts';
import { runCheck, type ValidationRow } from '../../engine/validation/runCheck.ts';

const stored = JSON.parse(readFileSync(new URL('./full-results.json', import.meta.url), 'utf8')) as StoredResults;
/** The longest check simulates about a million records: seconds, or tens on a busy machine. */
const CHECK_TIMEOUT_MS = 120_000;

const describeRow = (r: ValidationRow) =>
  `${r.title}, ${r.name}: measured ${r.measured}${r.halfWidth95 === null ? '' : ` ± ${r.halfWidth95}`}, expected ${r.expected} (${r.theory}); rule: ${r.tolerance}`;

describe('the model against theory (the short validation suite)', () => {
  it.each(CHECKS.map((c) => [c.title, c.id]))('%s', (_title, id) => {
    const outcome = runCheck(id, 'short');
    expect(outcome.rows.length).toBeGreaterThan(0);
    for (const row of outcome.rows) expect(row.pass, describeRow(row)).toBe(true);
    const before = stored.short.outcomes.find((o) => o.id === id);
    expect(
      outcome.rows,
      `${id} no longer gives the figures docs/MODEL.md's table was made with: run \`npm run validate -- --write\` and commit test/validation/full-results.json and docs/MODEL.md`,
    ).toEqual(before?.rows);
  }, CHECK_TIMEOUT_MS);
});
