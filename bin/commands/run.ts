/**
 * `streamlab run FILE`: runs one scenario headless and prints a summary table, the result as one
 * JSON object (`--json`, the design's contract), and/or its time series as CSV files (`--csv DIR`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ParseError, parseDuration } from '../../engine/core/time.ts';
import type { RunResult } from '../../engine/model/result.ts';
import { ScenarioRun } from '../../engine/model/run.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';
import type { TimeSeries } from '../../engine/model/timeSeries.ts';
import { partitionNamesFromResult, timeSeriesCsv } from '../../engine/model/timeSeriesCsv.ts';
import { CliError, parseOptions, type Command } from './command.ts';
import { readScenarioFile } from './scenarioFile.ts';
import { formatTable } from './table.ts';

export interface RunOutput {
  result: RunResult;
  series: TimeSeries;
  marks: ScenarioRun['marks'];
}

/** Runs a scenario file with the command line's overrides, timing it on the wall clock. */
export function runFile(path: string, overrides: { seed?: string; duration?: string } = {}): RunOutput {
  return runLoaded(readScenarioFile(path), overrides);
}

/** Runs a loaded scenario with the command line's overrides, timing it on the wall clock. */
export function runLoaded(scenario: Scenario, overrides: { seed?: string; duration?: string } = {}): RunOutput {
  let seed: number | string | undefined;
  if (overrides.seed !== undefined) seed = /^-?\d+$/.test(overrides.seed) ? Number(overrides.seed) : overrides.seed;
  let durationUs: number | undefined;
  if (overrides.duration !== undefined) {
    try {
      durationUs = parseDuration(overrides.duration);
    } catch (error) {
      throw new CliError(`--duration: ${(error as ParseError).message}`);
    }
  }
  const start = performance.now();
  const run = new ScenarioRun(scenario, { seed, durationUs, kernel: { wallClock: () => performance.now(), wallBudgetMs: 10 * 60_000 } });
  const result = run.runToEnd();
  result.engine.wallMs = Math.round(performance.now() - start);
  return { result, series: run.sampler.series, marks: run.marks };
}

const fmt = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : x.toLocaleString('en-US', { maximumFractionDigits: 2 }));

export function formatRun(result: RunResult): string {
  const lines = [
    `${result.scenario}: ${fmt(result.simulatedMs / 1000)} s simulated, seed ${result.seed}, ${fmt(result.produced)} records produced` +
      (result.publishFailures > 0 ? `, ${fmt(result.publishFailures)} publish failures` : ''),
    '',
  ];
  const groups = Object.entries(result.groups);
  if (groups.length > 0) {
    lines.push(
      formatTable([
        ['group', 'processed', 'lag final', 'lag max', 'p50 ms', 'p99 ms', 'max ms', 'dups', 'lost', 'dead', 'rebal', 'paused ms'],
        ...groups.map(([id, g]) => [
          id,
          fmt(g.processed),
          fmt(g.lag.final),
          fmt(g.lag.max),
          fmt(g.latencyMs.p50),
          fmt(g.latencyMs.p99),
          fmt(g.latencyMs.max),
          fmt(g.duplicates),
          fmt(g.lost),
          fmt(g.deadLettered),
          fmt(g.rebalances),
          fmt(g.pausedMs),
        ]),
      ]),
      '',
    );
  }
  const apis = Object.entries(result.apis);
  if (apis.length > 0) {
    lines.push(
      formatTable([
        ['api', 'mode', 'requests', 'failed', 'fail %', 'retries', 'p50 ms', 'p99 ms', 'max ms', 'dup effects'],
        ...apis.map(([id, a]) => [id, a.mode, fmt(a.requests), fmt(a.failed), fmt(Math.round(a.failureRate * 1000) / 10), fmt(a.retries), fmt(a.latencyMs.p50), fmt(a.latencyMs.p99), fmt(a.latencyMs.max), fmt(a.duplicates)]),
      ]),
      '',
    );
  }
  const queues = Object.entries(result.queues ?? {});
  if (queues.length > 0) {
    lines.push(
      formatTable([
        ['queue', 'enqueued', 'acked', 'redelivered', 'dead', 'expired', 'depth max', 'in flight max', 'oldest max ms', 'dups', 'order'],
        ...queues.map(([id, q]) => [id, fmt(q.enqueued), fmt(q.acked), fmt(q.redelivered), fmt(q.deadLettered), fmt(q.expired), fmt(q.depth.max), fmt(q.inFlight.max), fmt(q.oldestAgeMs.max), fmt(q.duplicates), fmt(q.orderingViolations)]),
      ]),
      '',
    );
  }
  const writers = Object.entries(result.producers).flatMap(([id, p]) => (p.writes ? [[id, p.writes] as const] : []));
  if (writers.length > 0) {
    lines.push(
      formatTable([
        ['producer', 'writes', 'requests', 'committed', 'published', 'missing', 'phantom', 'dups', 'aborted', 'rejected', 'delay ms', 'outbox max'],
        ...writers.map(([id, w]) => [id, w.order ?? w.mode, fmt(w.requests), fmt(w.committed), fmt(w.published), fmt(w.missing), fmt(w.phantom), fmt(w.duplicates), fmt(w.aborted), fmt(w.rejected), w.order === 'publish-first' ? '—' : fmt(w.publishDelayMs.mean), w.outboxDepth ? fmt(w.outboxDepth.max) : '—']),
      ]),
      '',
    );
  }
  const schemaGroups = Object.entries(result.groups).filter(([, g]) => g.readerVersion !== undefined);
  if (schemaGroups.length > 0) {
    lines.push(formatTable([['group', 'reads schema', 'schema failures', 'skipped'], ...schemaGroups.map(([id, g]) => [id, `v${g.readerVersion}`, fmt(g.schemaFailures ?? 0), fmt(g.schemaSkipped ?? 0)])]), '');
  }
  for (const [id, topic] of Object.entries(result.topics)) {
    const counts = topic.partitions.map((p) => p.produced);
    const total = counts.reduce((a, b) => a + b, 0);
    const skew = total > 0 ? Math.max(...counts) / (total / counts.length) : 1;
    lines.push(`topic ${id}: ${counts.length} partitions, ${fmt(total)} records, skew ${skew.toFixed(2)} (max/mean), per partition ${counts.map(fmt).join(' ')}`);
  }
  for (const [id, cluster] of Object.entries(result.clusters)) {
    const lost = cluster.lost;
    const lostTotal = lost.unreplicatedAcks + lost.acksZero + lost.uncleanElection + lost.pipelineDropped;
    lines.push(
      `cluster ${id}: ${cluster.brokers.length} brokers leading ${cluster.brokers.map((b) => b.partitionsLed).join('/')} partitions; ` +
        `offline max ${cluster.offline.max} (${fmt(cluster.offlineMs)} partition-ms), under-replicated max ${cluster.underReplicated.max}, ` +
        `${cluster.elections} leader elections, ${fmt(cluster.refused)} records refused, ${fmt(lostTotal)} lost` +
        (lostTotal > 0 ? ` (acks=1 unreplicated ${fmt(lost.unreplicatedAcks)}, acks=0 ${fmt(lost.acksZero)}, unclean ${fmt(lost.uncleanElection)})` : ''),
    );
  }
  if (result.expectations.length > 0) {
    lines.push('', formatTable([['expectation', 'actual', 'pass'], ...result.expectations.map((e) => [`${e.metric} ${e.op} ${e.value}`, e.actual === null ? 'missing' : fmt(e.actual), e.pass ? 'pass' : 'FAIL'])]));
  }
  lines.push('', `${fmt(result.engine.events)} events in ${fmt(result.engine.wallMs ?? 0)} ms wall` + (result.engine.stopped ? `; stopped early: ${result.engine.stopped}` : ''));
  return lines.join('\n');
}

/** Writes one CSV per group and topic, and the marks, into `dir`; returns the file names. */
export function writeCsv(dir: string, output: RunOutput): string[] {
  mkdirSync(dir, { recursive: true });
  const files = timeSeriesCsv(output.series, output.marks, partitionNamesFromResult(output.result));
  for (const file of files) writeFileSync(join(dir, file.name), file.text);
  return files.map((file) => file.name);
}

export const run: Command = {
  name: 'run',
  usage: 'run FILE [--seed N] [--duration D] [--json] [--csv DIR]',
  summary: 'run a scenario and print its result',
  help: [
    'Usage: npx streamlab run FILE [--seed N] [--duration 10m] [--json] [--csv DIR]',
    '',
    'Runs the scenario in FILE to its end and prints a summary per consumer group and topic.',
    '',
    'Options:',
    "  --seed N       use this seed instead of the scenario's",
    "  --duration D   simulate this long instead (250ms, 30s, 5m, 2h, 7d)",
    '  --json         print the result as one JSON object (the same for the same scenario and seed,',
    '                 except engine.wallMs)',
    '  --csv DIR      also write the time series as CSV files into DIR',
  ].join('\n'),
  run(args) {
    const { values, positionals } = parseOptions(
      'run',
      args,
      { seed: { type: 'string' }, duration: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'string' } },
      true,
    );
    if (positionals.length !== 1) throw new CliError('run: give exactly one scenario file, e.g. `npx streamlab run scenarios/hot-key.json`');
    const output = runFile(positionals[0], { seed: values.seed, duration: values.duration });
    if (values.csv !== undefined) {
      const files = writeCsv(values.csv, output);
      if (!values.json) console.log(`wrote ${files.length} CSV files to ${values.csv}: ${files.join(', ')}`);
    }
    console.log(values.json ? JSON.stringify(output.result, null, 2) : formatRun(output.result));
    return output.result.engine.stopped ? 3 : 0;
  },
};
