/**
 * Time series in pieces: the worker sends the samples taken since its last update, the page appends
 * them to what it has. Columns all have one value per sample, so one index slices them all.
 */
import type { TimeSeries } from '../../engine/model/timeSeries.ts';

type Columns = Record<string, number[] | number[][]>;

/** An empty series with no components. */
export function emptySeries(): TimeSeries {
  return { timeMs: [], groups: {}, topics: {}, clusters: {}, apis: {} };
}

/** The samples of `series` from index `from` on, as a series of the same shape (copies). */
export function seriesSince(series: TimeSeries, from: number): TimeSeries {
  return {
    timeMs: series.timeMs.slice(from),
    groups: mapRecord(series.groups, (columns) => sliceColumns(columns, from)),
    topics: mapRecord(series.topics, (columns) => sliceColumns(columns, from)),
    clusters: mapRecord(series.clusters, (columns) => sliceColumns(columns, from)),
    ...(series.queues ? { queues: mapRecord(series.queues, (columns) => sliceColumns(columns, from)) } : {}),
    apis: mapRecord(series.apis, (columns) => sliceColumns(columns, from)),
  };
}

/**
 * Appends `tail` to `series` in place. A per-partition column that first appears in the tail
 * (partitions added while running) is filled with zeros for the samples before it, as the sampler does.
 */
export function appendSeries(series: TimeSeries, tail: TimeSeries): void {
  const before = series.timeMs.length;
  appendRecord(series.groups, tail.groups, before);
  appendRecord(series.topics, tail.topics, before);
  appendRecord(series.clusters, tail.clusters, before);
  if (tail.queues) appendRecord((series.queues ??= {}), tail.queues, before);
  appendRecord(series.apis, tail.apis, before);
  append(series.timeMs, tail.timeMs);
}

function sliceColumns<T extends object>(columns: T, from: number): T {
  const out: Columns = {};
  for (const [name, column] of Object.entries(columns as Columns)) {
    out[name] = isNested(column) ? column.map((inner) => inner.slice(from)) : column.slice(from);
  }
  return out as T;
}

function appendRecord<T extends object>(target: Record<string, T>, tail: Record<string, T>, before: number): void {
  for (const [id, columns] of Object.entries(tail)) {
    const into = (target[id] ??= {} as T) as Columns;
    for (const [name, column] of Object.entries(columns as Columns)) {
      if (isNested(column)) {
        const nested = (into[name] ??= []) as number[][];
        column.forEach((inner, i) => append((nested[i] ??= new Array<number>(before).fill(0)), inner));
      } else {
        append((into[name] ??= []) as number[], column);
      }
    }
  }
}

/** push(...values) overflows the stack for very long arrays; tails are short, but a first update may not be. */
function append(target: number[], values: readonly number[]): void {
  for (const value of values) target.push(value);
}

function isNested(column: number[] | number[][]): column is number[][] {
  return Array.isArray(column[0]);
}

function mapRecord<T, U>(record: Record<string, T>, f: (value: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const [key, value] of Object.entries(record)) out[key] = f(value);
  return out;
}
