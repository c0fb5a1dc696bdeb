/**
 * A run's time series as CSV tables: one per consumer group, one per topic, and the marks. The one
 * formatting that `streamlab run --csv` writes to files and the playground offers as downloads, so
 * both give the same files with the same columns.
 */
import type { Mark } from './context.ts';
import type { RunResult } from './result.ts';
import type { TimeSeries } from './timeSeries.ts';

/** One table: its file name (`group-billing.csv`) and its text. */
export interface CsvFile {
  name: string;
  text: string;
}

/** A partition a group reads, in the order of the group's `partitionLag` columns. */
export interface GroupPartitionName {
  topic: string;
  partition: number;
}

export type CsvCell = string | number;

/** Rows as CSV text: cells with a comma, quote or newline are quoted; one line per row, a final newline. */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map((cell) => (typeof cell === 'string' && /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : String(cell))).join(',')).join('\n') + '\n';
}

/** The partitions each group reads, from a finished run's result (its `partitions` are in column order). */
export function partitionNamesFromResult(result: RunResult): Record<string, GroupPartitionName[]> {
  const names: Record<string, GroupPartitionName[]> = {};
  for (const [id, group] of Object.entries(result.groups)) names[id] = group.partitions.map((p) => ({ topic: p.topic, partition: p.partition }));
  return names;
}

/**
 * The tables of a run so far: `group-<id>.csv` (lag, lag time, throughput out, latency percentiles,
 * paused partitions, members, then lag per partition), `api-<id>.csv` (request rate, latency
 * percentiles, failure rate, requests in flight), `topic-<id>.csv` (throughput in, skew),
 * `queue-<id>.csv` (depth, in flight, oldest age), `processor-<id>.csv` (state entries, late
 * records and windows closed per second) and `marks.csv`. `partitions` names each group's per-partition lag columns.
 */
export function timeSeriesCsv(series: TimeSeries, marks: readonly Mark[], partitions: Record<string, readonly GroupPartitionName[]>): CsvFile[] {
  const files: CsvFile[] = [];
  for (const [id, g] of Object.entries(series.groups)) {
    const partitionNames = (partitions[id] ?? []).map((p) => `lag_${p.topic}_${p.partition}`);
    files.push({
      name: `group-${id}.csv`,
      text: csvText([
        ['time_ms', 'lag', 'lag_time_ms', 'throughput_out_per_s', 'p50_ms', 'p95_ms', 'p99_ms', 'paused_partitions', 'members', ...partitionNames],
        ...series.timeMs.map((t, i) => [t, g.lag[i], g.lagTimeMs[i], g.throughputOut[i], g.p50Ms[i], g.p95Ms[i], g.p99Ms[i], g.pausedPartitions[i], g.members[i], ...g.partitionLag.map((column) => column[i] ?? 0)]),
      ]),
    });
  }
  for (const [id, a] of Object.entries(series.apis)) {
    files.push({
      name: `api-${id}.csv`,
      text: csvText([['time_ms', 'requests_per_s', 'p50_ms', 'p99_ms', 'failure_rate', 'in_flight'], ...series.timeMs.map((time, i) => [time, a.requestsPerSec[i], a.p50Ms[i], a.p99Ms[i], a.failureRate[i], a.inFlight[i]])]),
    });
  }
  for (const [id, t] of Object.entries(series.topics)) {
    files.push({ name: `topic-${id}.csv`, text: csvText([['time_ms', 'throughput_in_per_s', 'skew'], ...series.timeMs.map((time, i) => [time, t.throughputIn[i], t.skew[i]])]) });
  }
  for (const [id, q] of Object.entries(series.queues ?? {})) {
    files.push({ name: `queue-${id}.csv`, text: csvText([['time_ms', 'depth', 'in_flight', 'oldest_age_ms'], ...series.timeMs.map((time, i) => [time, q.depth[i], q.inFlight[i], q.oldestAgeMs[i]])]) });
  }
  for (const [id, p] of Object.entries(series.processors ?? {})) {
    files.push({ name: `processor-${id}.csv`, text: csvText([['time_ms', 'state_entries', 'late_records_per_s', 'windows_closed_per_s'], ...series.timeMs.map((time, i) => [time, p.stateEntries[i], p.lateRecordsPerSec[i], p.windowsClosedPerSec[i]])]) });
  }
  files.push({ name: 'marks.csv', text: csvText([['time_ms', 'kind', 'target', 'detail'], ...marks.map((m) => [m.timeUs / 1000, m.kind, m.target, m.detail])]) });
  return files;
}
