import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, formatCheck, libraryFiles } from './check.ts';

const streamlab = (args: string[]) => spawnSync(process.execPath, ['bin/streamlab.js', ...args], { encoding: 'utf8' });

/** first-stream with its expectations replaced. */
function variant(dir: string, name: string, expect: unknown[]): string {
  const scenario = JSON.parse(readFileSync('scenarios/first-stream.json', 'utf8'));
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ ...scenario, duration: '10s', narrative: [], expect }));
  return file;
}

describe('streamlab check', () => {
  it('checks every scenario in scenarios/ by default', () => {
    const files = libraryFiles();
    expect(files).toContain('scenarios/first-stream.json');
    expect(files.every((f) => f.startsWith('scenarios/') && f.endsWith('.json'))).toBe(true);
  });

  it('prints a row an expectation and ends with the counts; exits 0 when all pass', () => {
    const out = streamlab(['check', 'scenarios/first-stream.json']);
    expect(out.status).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^scenario\s+expectation\s+actual\s+pass$/);
    expect(lines[1]).toMatch(/^first-stream\s+groups\.billing\.lost == 0\s+0\s+pass$/);
    expect(lines.at(-1)).toBe('3 passed, 0 failed');
  });

  it('exits 1 when an expectation fails, a metric is missing, or a file does not load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamlab-check-'));
    const failing = variant(dir, 'failing', [
      { metric: 'groups.billing.processed', op: '>', value: 1 },
      { metric: 'groups.billing.processed', op: '<', value: 1 },
      { metric: 'groups.billing.nothing', op: '==', value: 0 },
    ]);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "version": 1, "components": [{ "id": "t", "kind": "topic", "partitons": 3 }] }');
    const out = streamlab(['check', failing, broken]);
    expect(out.status).toBe(1);
    expect(out.stdout).toContain(`${broken} is not a valid scenario (1 problem):\n  components[0]: unknown field "partitons" (did you mean "partitions"?)`);
    expect(out.stdout).toMatch(/failing\s+groups\.billing\.processed < 1\s+[\d,]+\s+FAIL/);
    expect(out.stdout).toMatch(/failing\s+groups\.billing\.nothing == 0\s+missing\s+FAIL/);
    expect(out.stdout).toMatch(/broken\s+loads\s+1 problem\s+FAIL/);
    expect(out.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 3 failed');
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('lists a scenario without expectations without counting it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamlab-check-'));
    const { rows } = checkFile(variant(dir, 'quiet', []));
    expect(rows).toEqual([{ scenario: 'quiet', expectation: '(no expectations)', actual: '-', pass: null }]);
    expect(formatCheck(rows).split('\n').at(-1)).toBe('0 passed, 0 failed');
  });
});
