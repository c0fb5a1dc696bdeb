import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRun, runFile } from './run.ts';

const streamlab = (args: string[]) => spawnSync(process.execPath, ['bin/streamlab.js', ...args], { encoding: 'utf8' });
const FIRST = 'scenarios/first-stream.json';

describe('streamlab run', () => {
  it('prints one JSON object in the shape of the design contract', () => {
    const out = streamlab(['run', FIRST, '--json']);
    expect(out.status).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['scenario', 'seed', 'simulatedMs', 'produced', 'publishFailures', 'groups', 'topics', 'expectations', 'engine']));
    const group = result.groups.billing;
    expect(Object.keys(group)).toEqual(
      expect.arrayContaining(['processed', 'duplicates', 'lost', 'retries', 'deadLettered', 'rebalances', 'pausedMs', 'orderingViolations', 'lag', 'latencyMs', 'partitions', 'members']),
    );
    expect(Object.keys(group.latencyMs)).toEqual(['mean', 'p50', 'p95', 'p99', 'max']);
    expect(Object.keys(group.partitions[0])).toEqual(expect.arrayContaining(['topic', 'partition', 'member', 'processed', 'lag', 'latencyMs']));
    expect(Object.keys(group.members[0])).toEqual(expect.arrayContaining(['id', 'partitions', 'processed', 'utilization', 'latencyMs']));
    expect(group.members[0].partitions).toEqual(['orders-0']);
    expect(Object.keys(result.topics.orders.partitions[0])).toEqual(expect.arrayContaining(['produced', 'logStartOffset', 'logEndOffset']));
    expect(result.expectations.every((e: { pass: boolean }) => e.pass)).toBe(true);
    expect(typeof result.engine.wallMs).toBe('number');
    expect(result.engine.stopped).toBeNull();
  });

  it('gives identical JSON for the same scenario and seed, engine.wallMs aside', () => {
    const strip = (text: string) => ({ ...JSON.parse(text), engine: { ...JSON.parse(text).engine, wallMs: 0 } });
    const a = streamlab(['run', FIRST, '--json', '--seed', '9']);
    const b = streamlab(['run', FIRST, '--json', '--seed', '9']);
    expect(strip(a.stdout)).toEqual(strip(b.stdout));
    expect(JSON.parse(a.stdout).seed).toBe(9);
  });

  it('takes --seed and --duration over the scenario’s own', () => {
    const { result } = runFile(FIRST, { seed: 'lesson', duration: '10s' });
    expect(result.seed).toBe('lesson');
    expect(result.simulatedMs).toBe(10_000);
    expect(result.produced).toBeGreaterThan(2500);
    expect(result.produced).toBeLessThan(3500);
  });

  it('prints a readable summary by default', () => {
    const { result } = runFile(FIRST);
    const text = formatRun(result);
    expect(text).toContain('First stream: 60 s simulated, seed 42');
    expect(text).toMatch(/billing\s+[\d,]+/);
    expect(text).toContain('topic orders: 3 partitions');
    expect(text).toContain('groups.billing.lost == 0');
  });

  it('writes the time series as CSV files with --csv', () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamlab-csv-'));
    const out = streamlab(['run', FIRST, '--csv', dir, '--duration', '20s']);
    expect(out.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['group-billing.csv', 'marks.csv', 'topic-orders.csv']);
    const lines = readFileSync(join(dir, 'group-billing.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('time_ms,lag,lag_time_ms,throughput_out_per_s,p50_ms,p95_ms,p99_ms,paused_partitions,members,lag_orders_0,lag_orders_1,lag_orders_2');
    expect(lines).toHaveLength(21);
    expect(lines[20].split(',')[0]).toBe('20000');
    expect(readFileSync(join(dir, 'marks.csv'), 'utf8')).toContain('rebalance-end,billing');
  });

  it('prints what each database-writing producer committed and published, and each schema-declaring group’s failures', () => {
    const dual = runFile('scenarios/dual-write-vs-outbox.json').result;
    const w = dual.producers['orders-dual'].writes!;
    expect(formatRun(dual)).toMatch(new RegExp(`orders-dual\\s+db-first\\s+${w.requests.toLocaleString('en-US')}\\s+${w.committed.toLocaleString('en-US')}\\s+${w.published.toLocaleString('en-US')}\\s+${w.missing}\\s+0\\s`));
    const schema = runFile('scenarios/schema-incompatible-deploy.json').result;
    expect(formatRun(schema)).toMatch(new RegExp(`fraud\\s+v2\\s+${schema.groups.fraud.schemaFailures!.toLocaleString('en-US')}\\s+0`));
  });

  it('prints a queue’s figures and writes its depth, messages in flight and oldest age as CSV', () => {
    const { result } = runFile('scenarios/queue-vs-stream.json');
    const q = result.queues['order-jobs'];
    expect(formatRun(result)).toMatch(new RegExp(`order-jobs\\s+${q.enqueued.toLocaleString('en-US')}\\s+${q.acked.toLocaleString('en-US')}\\s+${q.redelivered}\\s`));
    const dir = mkdtempSync(join(tmpdir(), 'streamlab-csv-'));
    expect(streamlab(['run', 'scenarios/queue-vs-stream.json', '--csv', dir, '--duration', '20s']).status).toBe(0);
    const lines = readFileSync(join(dir, 'queue-order-jobs.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('time_ms,depth,in_flight,oldest_age_ms');
    expect(lines).toHaveLength(21);
  });

  it('refuses a broken scenario with every problem and exit code 1, without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamlab-bad-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ version: 1, components: [{ id: 't', kind: 'topic', partitions: -3 }, { id: 'p', kind: 'producer', rate: 'fast' }] }));
    const out = streamlab(['run', file]);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('is not a valid scenario');
    expect(out.stderr).toContain('components[0].partitions');
    expect(out.stderr).toContain('components[1].rate: "fast" is not a rate');
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a missing file, a bad duration and a missing argument', () => {
    expect(streamlab(['run', 'nope.json']).stderr).toContain('nope.json: no such file');
    expect(streamlab(['run', FIRST, '--duration', 'soon']).stderr).toContain('--duration: "soon" is not a duration');
    expect(streamlab(['run']).stderr).toContain('give exactly one scenario file');
  });
});
