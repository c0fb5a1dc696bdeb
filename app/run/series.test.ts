import { describe, expect, it } from 'vitest';
import type { TimeSeries } from '../../engine/model/timeSeries.ts';
import { appendSeries, emptySeries, seriesSince } from './series.ts';

function series(timeMs: number[], lag: number[], partitionLag: number[][]): TimeSeries {
  const n = timeMs.length;
  const column = () => new Array<number>(n).fill(1);
  return {
    timeMs,
    groups: {
      g: { lag, lagTimeMs: column(), throughputOut: column(), p50Ms: column(), p95Ms: column(), p99Ms: column(), pausedPartitions: column(), members: column(), partitionLag },
    },
    topics: { t: { throughputIn: column(), skew: column() } },
    clusters: { k: { underReplicated: column(), offline: column(), partitionsLed: [column(), column()], bytesInPerSec: [column(), column()] } },
    apis: { a: { requestsPerSec: column(), p50Ms: column(), p99Ms: column(), failureRate: column(), inFlight: column() } },
  };
}

describe('series in pieces', () => {
  it('slices every column, nested ones too, from one sample index', () => {
    const whole = series([1000, 2000, 3000], [5, 6, 7], [[1, 2, 3], [4, 5, 6]]);
    const tail = seriesSince(whole, 2);
    expect(tail.timeMs).toEqual([3000]);
    expect(tail.groups.g.lag).toEqual([7]);
    expect(tail.groups.g.partitionLag).toEqual([[3], [6]]);
    expect(tail.clusters.k.partitionsLed).toEqual([[1], [1]]);
    expect(tail.topics.t.skew).toEqual([1]);
  });

  it('rebuilds the whole series from the tails sent as it grew', () => {
    // The sampler's series after n samples.
    const after = (n: number) => series([1000, 2000, 3000, 4000].slice(0, n), [5, 6, 7, 8].slice(0, n), [[1, 2, 3, 4].slice(0, n), [5, 6, 7, 8].slice(0, n)]);
    const rebuilt = emptySeries();
    let sent = 0;
    for (const n of [1, 1, 3, 4]) {
      appendSeries(rebuilt, seriesSince(after(n), sent));
      sent = n;
    }
    expect(rebuilt).toEqual(after(4));
  });

  it('appends tails in order', () => {
    const first = series([1000, 2000], [5, 6], [[1, 2]]);
    const second = series([3000], [7], [[3], [9]]);
    const into = emptySeries();
    appendSeries(into, first);
    appendSeries(into, second);
    expect(into.timeMs).toEqual([1000, 2000, 3000]);
    expect(into.groups.g.lag).toEqual([5, 6, 7]);
    expect(into.clusters.k.partitionsLed[1]).toEqual([1, 1, 1]);
  });

  it('fills a partition that appears part way with zeros before it, as the sampler does', () => {
    const into = emptySeries();
    appendSeries(into, series([1000, 2000], [5, 6], [[1, 2]]));
    appendSeries(into, series([3000], [7], [[3], [9]]));
    expect(into.groups.g.partitionLag).toEqual([[1, 2, 3], [0, 0, 9]]);
  });
});
