/**
 * The validation suite's report: the results of every check as plain JSON, the markdown table that
 * docs/MODEL.md includes, and the fingerprints that tie stored results to the checks that made them.
 *
 * docs/MODEL.md's table is rendered from test/validation/full-results.json, which
 * `npm run validate -- --write` writes; a unit test re-renders it and compares. The full suite
 * takes minutes, too long for `npm test`, so the stored file also holds the short suite's figures
 * from the same run: `npm test` runs the short suite (the first part of the same runs, same seeds)
 * and compares them to the digit, so a change to the model that moves any figure, or to a check
 * that changes its scenario, fails until the table is made again.
 */
import { CHECKS, LITTLE_DRAIN_SECONDS, type SuiteSize, type ValidationCheck } from './checks.ts';
import { BATCHES, type CheckOutcome, type ValidationRow } from './runCheck.ts';

export interface ValidationReport {
  size: SuiteSize;
  /** Wall time of the whole suite, ms (all that differs between two runs). */
  wallMs: number;
  threads: number;
  /** Every check's fingerprint (see {@link fingerprint}), by id, in suite order. */
  fingerprints: Record<string, string>;
  outcomes: CheckOutcome[];
}

/** What `npm run validate -- --write` stores: the full suite for the table, the short one for `npm test` to compare with. */
export interface StoredResults {
  full: ValidationReport;
  short: ValidationReport;
}

/** What docs/MODEL.md's markers enclose. */
export const BEGIN_MARKER = '<!-- validation:begin -->';
export const END_MARKER = '<!-- validation:end -->';

/** 32-bit FNV-1a over a check's scenario and seed at `size`, as 8 hex digits. */
export function fingerprint(check: ValidationCheck, size: SuiteSize): string {
  const text = JSON.stringify({ scenario: check.scenario(size), seed: check.seed });
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function fingerprints(size: SuiteSize, checks: readonly ValidationCheck[] = CHECKS): Record<string, string> {
  return Object.fromEntries(checks.map((c) => [c.id, fingerprint(c, size)]));
}

export function allRows(report: Pick<ValidationReport, 'outcomes'>): ValidationRow[] {
  return report.outcomes.flatMap((o) => o.rows);
}

export function passed(report: Pick<ValidationReport, 'outcomes'>): boolean {
  return allRows(report).every((r) => r.pass);
}

/** 1234567 → "1,234,567", whatever the host's locale. */
export function thousands(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

function value(x: number, row: ValidationRow): string {
  if (row.unit === 'rebalances') return String(x);
  if (row.unit === 'records') return `${x.toFixed(6)} records`;
  return row.halfWidth95 === null ? `${thousands(Number(x.toFixed(3)))} ms` : `${x.toFixed(4)} ms`;
}

function errorText(row: ValidationRow): string {
  if (row.errorKind === 'absolute') return row.unit === 'ms' ? `${thousands(Number(row.error.toFixed(3)))} ms` : String(row.error);
  if (row.halfWidth95 === null) return row.error === 0 ? '0' : row.error.toExponential(0);
  return `${row.error >= 0 ? '+' : ''}${(row.error * 100).toFixed(2)}%`;
}

function measuredText(row: ValidationRow): string {
  if (row.halfWidth95 === null) return value(row.measured, row);
  return `${row.measured.toFixed(4)} ± ${row.halfWidth95.toFixed(4)} ms (±${((100 * row.halfWidth95) / row.measured).toFixed(2)}%)`;
}

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** How the checks are set up, above the table: what makes each comparison exact or fair. */
const SETUP = [
  '- **Queues**: each member reads one partition with every latency at 0 (producer, fetch, commit, start-up',
  "  rebalance), so it is a single-server FIFO queue and a record's end-to-end latency is its time in system;",
  '  a Poisson stream split record by record (random partitioner, or a key drawn per record) is Poisson in each',
  '  partition. A mean is over every record of the run (the queue starts empty; its warm-up is a few hundred',
  `  records), with a 95% interval by batch means over ${BATCHES} batches of consecutive records.`,
  "- **Little's law**: with a commit after each record, lag is the number of records in the system; its time",
  '  average, integrated exactly between events, is compared with the records produced over the run times',
  `  their mean latency. Arrivals stop ${LITTLE_DRAIN_SECONDS} s before the end, so every record has left and the law holds exactly.`,
  '- **Rebalances**: an idle group of two members (no producer), so every pause follows from the settings',
  '  alone (in the theory column); member 1 crashes between two heartbeats. A JoinGroup or SyncGroup reaches',
  '  its recipient one `commitLatency` after it is sent.',
  '- **Kept current**: `npm test` runs the short suite, the first part of the same runs (a tenth of each queue',
  "  check's customers or fewer), with each mean within 3 half-widths, and compares its figures to the digit",
  '  with the short suite stored beside this table (`test/validation/full-results.json`): a change to the model',
  '  that moves any figure fails until the table is made again.',
];

/** A markdown table cell: pipes would end it. */
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The report as a markdown table with a line saying how it was made. */
export function renderTable(report: ValidationReport): string {
  const rows = allRows(report);
  const customers = report.outcomes.reduce((sum, o) => sum + o.rows.reduce((s, r) => s + (r.check === 'little' ? 0 : (r.customers ?? 0)), 0), 0);
  const failures = rows.filter((r) => !r.pass).length;
  const header = [
    `${report.size === 'full' ? 'The full suite (`npm run validate`; `npm run validate -- --write` remakes this table)' : 'The short suite (`npm run validate -- --short`, and in `npm test`)'}: ${rows.length} comparisons, ${failures === 0 ? 'all pass' : `${failures} FAIL`}; ` +
      `${thousands(customers)} customers in the queue checks; ${duration(report.wallMs)} on ${report.threads} worker thread${report.threads === 1 ? '' : 's'}. ` +
      'The checks, their seeds and their lengths are in `engine/validation/checks.ts`.',
    '',
    ...SETUP,
    '',
    '| check | compared | theory | customers | measured (95% CI) | expected | error | rule | |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  const body = rows.map((r, i) =>
    [
      i > 0 && rows[i - 1].check === r.check ? '' : r.title,
      r.name,
      r.theory,
      r.customers === null ? '-' : thousands(r.customers),
      measuredText(r),
      value(r.expected, r),
      errorText(r),
      r.tolerance,
      r.pass ? 'pass' : '**FAIL**',
    ]
      .map(cell)
      .join(' | ')
      .replace(/^/, '| ')
      .concat(' |'),
  );
  return [...header, ...body].join('\n');
}

/**
 * `text` with what lies between the validation markers replaced by `table` (one blank line each side).
 * @throws Error when the markers are missing, doubled or out of order: nothing is written then.
 */
export function replaceMarked(text: string, table: string): string {
  const begin = text.indexOf(BEGIN_MARKER);
  const end = text.indexOf(END_MARKER);
  if (begin < 0 || end < 0 || end < begin || text.indexOf(BEGIN_MARKER, begin + 1) >= 0 || text.indexOf(END_MARKER, end + 1) >= 0) {
    throw new Error(`expected one ${BEGIN_MARKER} followed by one ${END_MARKER}`);
  }
  return `${text.slice(0, begin + BEGIN_MARKER.length)}\n\n${table}\n\n${text.slice(end)}`;
}

/** What lies between the markers, trimmed; null without them. */
export function markedRegion(text: string): string | null {
  const begin = text.indexOf(BEGIN_MARKER);
  const end = text.indexOf(END_MARKER);
  if (begin < 0 || end < begin) return null;
  return text.slice(begin + BEGIN_MARKER.length, end).trim();
}
