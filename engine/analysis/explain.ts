/**
 * Explanations of each consumer group's run, in plain sentences beside the numbers: the load
 * offered to each member against what it can process, the hot partition and its share, whether lag
 * is growing or draining (and how long it would take to drain), and what rebalances cost. Pure:
 * a parsed scenario, its result so far and its time series in; figures and sentences out. The
 * playground shows them beside the canvas; they work mid-run as well as at the end.
 */
import { distributionMean } from '../core/distributions.ts';
import type { GroupResult, RunResult } from '../model/result.ts';
import type { TimeSeries } from '../model/timeSeries.ts';
import type { ConsumerGroupSpec, Scenario } from '../scenario/schema.ts';
import { groupSpecs } from './groups.ts';

export interface MemberLoad {
  id: string;
  partitions: string[];
  /** Records per second arriving on its partitions (their mean over the run so far). */
  offeredPerSec: number;
  /** Records per second it could process back to back: 1 / (processing + service calls). */
  capacityPerSec: number;
  /** offered / capacity: above 1 it cannot keep up. */
  load: number;
}

export type LagTrend = 'growing' | 'draining' | 'steady' | 'empty';

export interface GroupExplanation {
  group: string;
  members: MemberLoad[];
  /** The member with the highest load, or null when no member owns a partition. */
  busiest: MemberLoad | null;
  /** The partition with the most records and its share of its topic's records, or null. */
  hot: { partition: string; share: number; evenShare: number } | null;
  lag: {
    trend: LagTrend;
    /** Records now (the last sample). */
    current: number;
    /** Change per second over the recent window (positive: growing). */
    perSecond: number;
    /** At the recent rate, ms until lag reaches 0; null unless draining. */
    drainMs: number | null;
    /** The recent window the trend is measured over, ms. */
    windowMs: number;
    /** Least and most lag over that window. */
    low: number;
    high: number;
  };
  rebalance: { count: number; pausedMs: number; heldBack: number };
  /** The figures above in plain sentences, in the order: load, hot partition, lag, rebalances. */
  sentences: string[];
}

/** The recent window for the lag trend: the last quarter of the samples, between 3 and 30 of them. */
const WINDOW = { fraction: 0.25, min: 3, max: 30 };

export function explain(scenario: Scenario, result: RunResult, series: TimeSeries): GroupExplanation[] {
  const explanations: GroupExplanation[] = [];
  for (const spec of groupSpecs(scenario)) {
    const group = result.groups[spec.id];
    if (group) explanations.push(explainGroup(scenario, spec, group, result, series));
  }
  return explanations;
}

function explainGroup(scenario: Scenario, spec: ConsumerGroupSpec, group: GroupResult, result: RunResult, series: TimeSeries): GroupExplanation {
  const seconds = result.simulatedMs / 1000;
  const rateOf = (name: string) => {
    const at = name.lastIndexOf('-');
    const produced = result.topics[name.slice(0, at)]?.partitions[Number(name.slice(at + 1))]?.produced ?? 0;
    return seconds > 0 ? produced / seconds : 0;
  };
  const perRecordUs = distributionMean(spec.processing) + servicesMeanUs(scenario, spec.id);
  const capacityPerSec = perRecordUs > 0 ? 1e6 / perRecordUs : Infinity;
  const members: MemberLoad[] = group.members
    .filter((m) => m.alive)
    .map((m) => {
      const offeredPerSec = m.partitions.reduce((sum, name) => sum + rateOf(name), 0);
      return { id: m.id, partitions: m.partitions, offeredPerSec, capacityPerSec, load: capacityPerSec === Infinity ? 0 : offeredPerSec / capacityPerSec };
    });
  const owning = members.filter((m) => m.partitions.length > 0);
  const busiest = owning.reduce<MemberLoad | null>((best, m) => (best === null || m.load > best.load ? m : best), null);

  const hot = hottestPartition(scenario, spec.id, result);
  const lag = lagTrend(series, spec);
  const partitionRate = group.partitions.length > 0 ? group.partitions.reduce((sum, p) => sum + rateOf(`${p.topic}-${p.partition}`), 0) / group.partitions.length : 0;
  const rebalance = { count: group.rebalances, pausedMs: group.pausedMs, heldBack: Math.round((group.pausedMs / 1000) * partitionRate * group.partitions.length) };

  const sentences: string[] = [];
  const queue = scenario.connections.find((c) => c.to === spec.id && scenario.components.some((q) => q.id === c.from && q.kind === 'queue'))?.from;
  sentences.push(queue !== undefined ? queueLoadSentence(spec, queue, result, capacityPerSec, perRecordUs) : loadSentence(spec, members, owning, busiest, perRecordUs));
  if (hot) {
    sentences.push(
      hot.share >= hot.evenShare * 1.5
        ? `${hot.partition} is hot: it takes ${pct(hot.share)} of its topic's records, against ${pct(hot.evenShare)} if keys spread evenly; whoever owns it carries that alone.`
        : `Records spread evenly: the busiest partition, ${hot.partition}, takes ${pct(hot.share)} (an even share is ${pct(hot.evenShare)}).`,
    );
  }
  sentences.push(lagSentence(lag, spec));
  sentences.push(
    rebalance.count === 0
      ? 'No rebalance has paused it.'
      : `${count(rebalance.count)} rebalance${rebalance.count === 1 ? '' : 's'} (counting the first assignment) paused each partition for ${seconds_(rebalance.pausedMs)} on average, holding back about ${count(rebalance.heldBack)} records that were processed late.`,
  );
  return { group: spec.id, members, busiest, hot, lag, rebalance, sentences };
}

/** Mean latency of the services the group calls for each record, in turn. */
function servicesMeanUs(scenario: Scenario, groupId: string): number {
  let total = 0;
  for (const wire of scenario.connections) {
    if (wire.from !== groupId) continue;
    const target = scenario.components.find((c) => c.id === wire.to);
    if (target?.kind === 'service') total += distributionMean(target.latency);
  }
  return total;
}

function hottestPartition(scenario: Scenario, groupId: string, result: RunResult): GroupExplanation['hot'] {
  let best: GroupExplanation['hot'] = null;
  for (const wire of scenario.connections) {
    if (wire.to !== groupId) continue;
    const partitions = result.topics[wire.from]?.partitions ?? [];
    const total = partitions.reduce((sum, p) => sum + p.produced, 0);
    if (total === 0 || partitions.length < 2) continue;
    partitions.forEach((p, i) => {
      const share = p.produced / total;
      const evenShare = 1 / partitions.length;
      if (best === null || share / evenShare > best.share / best.evenShare) best = { partition: `${wire.from}-${i}`, share, evenShare };
    });
  }
  return best;
}

/**
 * The lag trend over the recent window. Lag counts records past the committed offset, so with
 * auto-commit it is a sawtooth (it climbs between commits and drops at each); the trend is taken
 * from its lower envelope (the least lag over the last commit interval at each sample), which
 * moves only when the backlog itself does.
 */
function lagTrend(series: TimeSeries, spec: ConsumerGroupSpec): GroupExplanation['lag'] {
  const lag = series.groups[spec.id]?.lag ?? [];
  const n = lag.length;
  const current = n > 0 ? lag[n - 1] : 0;
  const size = Math.min(n, Math.max(WINDOW.min, Math.min(WINDOW.max, Math.round(n * WINDOW.fraction))));
  const empty = { current, perSecond: 0, drainMs: null, windowMs: 0, low: current, high: current };
  if (size < 2) return { trend: current === 0 ? 'empty' : 'steady', ...empty };
  const periodMs = spec.commit === 'auto' ? spec.autoCommitInterval / 1000 : 0;
  const first = n - size;
  const times = series.timeMs.slice(first);
  const envelope = times.map((t, i) => {
    let low = lag[first + i];
    for (let j = first + i - 1; j >= 0 && series.timeMs[j] > t - periodMs; j--) low = Math.min(low, lag[j]);
    return low;
  });
  const values = lag.slice(first);
  const perSecond = slope(times, envelope) * 1000;
  const windowMs = times[times.length - 1] - times[0];
  const low = Math.min(...values);
  const high = Math.max(...values);
  // A trend must move the backlog by more than a tenth of its level (or 100 records) over the window.
  const moved = Math.abs(perSecond) * (windowMs / 1000);
  const trend: LagTrend = high === 0 ? 'empty' : moved < Math.max(100, high * 0.1) ? 'steady' : perSecond > 0 ? 'growing' : 'draining';
  const drainMs = trend === 'draining' ? (envelope[envelope.length - 1] / -perSecond) * 1000 : null;
  return { trend, current, perSecond, drainMs, windowMs, low, high };
}

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

function loadSentence(spec: ConsumerGroupSpec, members: MemberLoad[], owning: MemberLoad[], busiest: MemberLoad | null, perRecordUs: number): string {
  if (members.length === 0) return `${spec.id} has no live member: nothing is being processed.`;
  if (!busiest) return `No member of ${spec.id} owns a partition yet (it is waiting for its first assignment).`;
  const idle = members.length - owning.length;
  const each = `at ${ms(perRecordUs)} a record a member can process about ${count(busiest.capacityPerSec)}/s`;
  const verdict =
    busiest.load >= 1
      ? `more than it can process: its lag grows for as long as this lasts`
      : busiest.load >= 0.8
        ? `close to its limit: queues and latency swing widely`
        : `comfortably within its capacity`;
  const idleText = idle > 0 ? ` ${count(idle)} member${idle === 1 ? ' has' : 's have'} no partition and sit${idle === 1 ? 's' : ''} idle.` : '';
  return `${each}. The busiest, ${busiest.id} (${busiest.partitions.join(', ')}), is offered ${count(busiest.offeredPerSec)}/s, ${pct(busiest.load)} of that: ${verdict}.${idleText}`.replace(/^./, (c) => c.toUpperCase());
}

/**
 * A group reading a queue: its live members share the queue's arrivals with the live members of
 * every other group reading it, since any member takes any message.
 */
function queueLoadSentence(spec: ConsumerGroupSpec, queue: string, result: RunResult, capacityPerSec: number, perRecordUs: number): string {
  const seconds = result.simulatedMs / 1000;
  const q = result.queues[queue];
  const readers = q?.groups ?? [spec.id];
  const live = readers.reduce((sum, id) => sum + (result.groups[id]?.members.filter((m) => m.alive).length ?? 0), 0);
  const own = result.groups[spec.id]?.members.filter((m) => m.alive).length ?? 0;
  if (own === 0) return `${spec.id} has no live member: nothing is being processed.`;
  const others = live - own;
  const offered = q && seconds > 0 ? q.enqueued / seconds : 0;
  const capacity = live * capacityPerSec;
  const load = capacity === Infinity ? 0 : offered / capacity;
  const verdict = load >= 1 ? 'more than they can process: the queue grows for as long as this lasts' : load >= 0.8 ? 'close to their limit' : 'comfortably within their capacity';
  const competing = others > 0 ? `, competing with ${count(others)} member${others === 1 ? '' : 's'} of ${readers.filter((id) => id !== spec.id).join(', ')}` : '';
  return `${spec.id} reads the queue ${queue}: its ${count(own)} member${own === 1 ? '' : 's'} take whichever message is next${competing} (no partitions, no assignment). At ${ms(perRecordUs)} a message the ${count(live)} members can process about ${count(capacity)}/s together; ${queue} is offered ${count(offered)}/s, ${pct(load)} of that: ${verdict}.`;
}

function lagSentence(lag: GroupExplanation['lag'], spec: ConsumerGroupSpec): string {
  const over = `over the last ${seconds_(lag.windowMs)}`;
  const sawtooth = spec.commit === 'auto' && lag.high > lag.low * 1.5 ? ` (it climbs between auto-commits, every ${seconds_(spec.autoCommitInterval / 1000)}, and drops at each)` : '';
  switch (lag.trend) {
    case 'empty':
      return 'Nothing is waiting: lag is 0.';
    case 'steady':
      return lag.high > lag.low * 1.5
        ? `Lag is steady ${over}, between ${count(lag.low)} and ${count(lag.high)} records${sawtooth}: the group keeps up.`
        : `Lag is steady at about ${count(lag.current)} records ${over}: the group keeps up.`;
    case 'growing':
      return `Lag is growing by about ${count(lag.perSecond)} records a second ${over} (${count(lag.current)} now${sawtooth}): the group is falling behind.`;
    case 'draining':
      return `Lag is draining by about ${count(-lag.perSecond)} records a second ${over} (${count(lag.current)} now): at this rate it is gone in about ${seconds_(lag.drainMs ?? 0)}.`;
  }
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const count = (x: number) => (x >= 100 ? String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : x >= 10 ? Math.round(x).toString() : (Math.round(x * 10) / 10).toString());
const ms = (micros: number) => (micros >= 1000 ? `${Number((micros / 1000).toPrecision(3))} ms` : `${Math.round(micros)} µs`);
const seconds_ = (millis: number) => (millis >= 60_000 ? `${(millis / 60_000).toFixed(1)} min` : millis >= 1000 ? `${(millis / 1000).toFixed(1)} s` : `${Math.round(millis)} ms`);
