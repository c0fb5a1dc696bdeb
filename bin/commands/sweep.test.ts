import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const streamlab = (args: string[]) => spawnSync(process.execPath, ['bin/streamlab.js', ...args], { encoding: 'utf8' });

// Each test starts the command line (and some, worker threads), which takes seconds on a busy machine.
describe('streamlab sweep', { timeout: 30_000 }, () => {
  it('prints a table of the metric against the parameter and writes CSV rows', () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'sweep-')), 'out.csv');
    const out = streamlab(['sweep', 'scenarios/first-stream.json', '--param', 'components.billing.consumers=1,3', '--seeds', '2', '--metric', 'groups.billing.lag.max', '--csv', csv]);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('groups.billing.lag.max against consumers (2 seeds each');
    expect(out.stdout).toMatch(/\n\s+1\s+\d/);
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toHaveLength(1 + 2 * 2);
  });

  it('gives the same rows on worker threads as in one thread, and answers a target', () => {
    const args = ['sweep', 'scenarios/first-stream.json', '--param', 'components.orders.partitions=1,3', '--seeds', '2', '--duration', '15s', '--metric', 'groups.billing.lag.max', '--target', '<=200', '--json'];
    const inProcess = streamlab([...args, '--workers', '1']);
    const threads = streamlab([...args, '--workers', '2']);
    expect(inProcess.stderr).toBe('');
    expect(threads.status).toBe(0);
    const one = JSON.parse(inProcess.stdout);
    expect(JSON.parse(threads.stdout)).toEqual(one);
    expect(one.param).toEqual({ component: 'orders', field: 'partitions', values: [1, 3] });
    const { seed } = JSON.parse(readFileSync('scenarios/first-stream.json', 'utf8')) as { seed: number };
    expect(one.seeds).toEqual([seed, seed + 1]);
    expect(one.rows).toHaveLength(2);
    expect(one.rows[0].samples).toHaveLength(2);
    // The answer follows from the rows: the smallest value whose every sample meets <= 200.
    const meets = one.rows.filter((r: { samples: number[] }) => r.samples.every((x) => x <= 200)).map((r: { value: number }) => r.value);
    expect(one.target.everySeed).toBe(meets.length > 0 ? Math.min(...meets) : null);
    expect(one.target.answer).toMatch(/partitions .*billing max lag <= 200/);
  });

  it('prints the answer line under the table, and the actual seeds in the CSV', () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'sweep-')), 'out.csv');
    const out = streamlab(['sweep', 'scenarios/first-stream.json', '--param', 'components.billing.consumers=1,3', '--seeds', '2', '--seed', '40', '--duration', '10s', '--target', '<1e9', '--csv', csv]);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('±95%');
    expect(out.stdout.trim().split('\n').at(-1)).toBe('smallest consumers with billing p99 latency < 1000000000 ms on every seed: 1');
    expect(readFileSync(csv, 'utf8').split('\n').slice(1, 3).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['1,40', '1,41']);
  });

  it.each([
    [['--param', 'components.orders.partitions=0,3'], 'sweep: with partitions = 0 the scenario is not valid:\ncomponents[1].partitions'],
    [['--param', 'components.orders.partitions=3', '--target', 'fast'], 'sweep: --target: a target is an operator and a number'],
    [['--param', 'components.orders.partitions=3', '--workers', '0'], 'sweep: --workers must be a whole number from 1 to 64, got 0'],
    [['--param', 'components.orders.partitions=3,3'], 'sweep: --param: 3 is in the list twice'],
    [['--param', 'components.orders.partitions=3', '--seeds', '1', '--duration', '1s', '--metric', 'groups.nope.lag.max'], 'sweep: --metric groups.nope.lag.max names no number'],
  ])('refuses bad input %j with exit 1 and a message naming it', (extra, message) => {
    const out = streamlab(['sweep', 'scenarios/first-stream.json', ...extra]);
    expect(out.stderr).toContain(message);
    expect(out.status).toBe(1);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a bad --param without a stack trace', () => {
    const out = streamlab(['sweep', 'scenarios/first-stream.json', '--param', 'billing=1']);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('--param must look like components.<id>.<field>=3,6,12');
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});
