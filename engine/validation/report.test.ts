import { describe, expect, it } from 'vitest';
import { CHECKS } from './checks.ts';
import { BEGIN_MARKER, END_MARKER, fingerprint, markedRegion, passed, renderTable, replaceMarked, thousands, type ValidationReport } from './report.ts';
import type { ValidationRow } from './runCheck.ts';

const row = (over: Partial<ValidationRow>): ValidationRow => ({
  check: 'mm1-rho-0.5',
  title: 'M/M/1, rho 0.5',
  name: 'mean time in system',
  theory: '1/(mu - lambda)',
  unit: 'ms',
  expected: 2,
  measured: 2.01,
  halfWidth95: 0.02,
  customers: 1_000_000,
  error: 0.005,
  errorKind: 'relative',
  tolerance: 'within 2%',
  pass: true,
  ...over,
});

const report = (rows: ValidationRow[]): ValidationReport => ({
  size: 'full',
  wallMs: 125_000,
  threads: 2,
  fingerprints: {},
  outcomes: [{ id: 'mm1-rho-0.5', size: 'full', rows, simulatedSeconds: 2000, events: 1 }],
});

describe('the validation table', () => {
  it('shows the interval, the error and the customers of a mean, and names the check once for its rows', () => {
    const table = renderTable(report([row({}), row({ name: 'second', theory: 'a | b' })]));
    expect(table).toContain('| M/M/1, rho 0.5 | mean time in system | 1/(mu - lambda) | 1,000,000 | 2.0100 ± 0.0200 ms (±1.00%) | 2.0000 ms | +0.50% | within 2% | pass |');
    // A pipe in a cell would split it.
    expect(table).toContain('|  | second | a \\| b |');
    expect(table).toContain('2 min 5 s on 2 worker threads');
    expect(table).toContain('all pass');
  });

  it('marks a failing row and says how many fail', () => {
    const failing = report([row({}), row({ pass: false, error: -0.031 })]);
    expect(passed(failing)).toBe(false);
    expect(renderTable(failing)).toContain('| -3.10% | within 2% | **FAIL** |');
    expect(renderTable(failing)).toContain('1 FAIL');
  });

  it('shows exact pauses as milliseconds off', () => {
    const pause = row({ unit: 'ms', measured: 42_530, expected: 42_530, halfWidth95: null, customers: null, error: 0, errorKind: 'absolute' });
    expect(renderTable(report([pause]))).toContain('| - | 42,530 ms | 42,530 ms | 0 ms |');
  });

  it('groups thousands whatever the locale', () => {
    expect(thousands(19_800_512)).toBe('19,800,512');
    expect(thousands(999)).toBe('999');
    expect(thousands(1234.5)).toBe('1,234.5');
  });
});

describe('the marked region of docs/MODEL.md', () => {
  const doc = `# Title\n\nbefore\n${BEGIN_MARKER}\nold table\n${END_MARKER}\nafter\n`;

  it('replaces only what lies between the markers', () => {
    const next = replaceMarked(doc, '| new |');
    expect(next).toBe(`# Title\n\nbefore\n${BEGIN_MARKER}\n\n| new |\n\n${END_MARKER}\nafter\n`);
    expect(markedRegion(next)).toBe('| new |');
    expect(replaceMarked(next, '| new |')).toBe(next);
  });

  it('refuses a text whose markers are missing, doubled or reversed', () => {
    expect(() => replaceMarked('no markers', 'x')).toThrow(/expected one <!-- validation:begin -->/);
    expect(() => replaceMarked(`${doc}${BEGIN_MARKER}`, 'x')).toThrow(/expected one/);
    expect(() => replaceMarked(`${END_MARKER}\n${BEGIN_MARKER}`, 'x')).toThrow(/expected one/);
    expect(markedRegion('no markers')).toBeNull();
  });
});

describe('fingerprints', () => {
  it('differ between checks and between suite sizes, and stay the same for the same check', () => {
    const all = CHECKS.map((c) => fingerprint(c, 'full'));
    expect(new Set(all).size).toBe(CHECKS.length);
    expect(fingerprint(CHECKS[0], 'short')).not.toBe(fingerprint(CHECKS[0], 'full'));
    expect(fingerprint(CHECKS[0], 'full')).toBe(all[0]);
  });
});
