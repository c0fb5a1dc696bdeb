/**
 * Properties of whole runs over small random scenarios: conservation, determinism, per-key order
 * and the sanity of every reported number.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../engine/model/result.ts';
import { ScenarioRun } from '../../engine/model/run.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';
import { makeScenario, type GroupInput, type ProducerInput, type ScenarioSketch, type TimelineInput } from '../support/scenario.ts';

/** What a random scenario may contain. */
interface Limits {
  /** Timeline actions that may be drawn. */
  actions: TimelineInput['action'][];
  /** Publish failures and poison records. */
  failures: boolean;
  partitioners: NonNullable<ProducerInput['partitioner']>[];
  /** Where reset-offsets may move a group: `time` is a replay from a random moment. */
  resets: ('earliest' | 'latest' | 'time')[];
  /** Crashes and seeks in a topic with short retention. */
  seeksUnderRetention: boolean;
}

const EVERYTHING: Limits = {
  actions: ['crash-consumer', 'restart-consumer', 'add-consumer', 'remove-consumer', 'set-rate', 'reset-offsets', 'add-partitions'],
  failures: true,
  partitioners: ['default', 'round-robin', 'random'],
  resets: ['earliest', 'latest', 'time'],
  seeksUnderRetention: true,
};
/**
 * Nothing that may legitimately reorder a key: no crashes, no new partitions, no failures, keys kept
 * on one partition (round-robin and random spread a key over all of them), and no replays (a replay
 * after a skip processes the skipped, older records of a key for the first time, after newer ones).
 */
const ORDERLY: Limits = {
  actions: ['add-consumer', 'remove-consumer', 'set-rate', 'reset-offsets'],
  failures: false,
  partitioners: ['default'],
  resets: ['latest'],
  seeksUnderRetention: false,
};

const ms = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((n) => `${n}ms`);

const keys: fc.Arbitrary<ProducerInput['keys']> = fc.oneof(
  fc.constant({ dist: 'none' as const }),
  fc.record({ dist: fc.constant('uniform' as const), count: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ dist: fc.constant('zipf' as const), count: fc.integer({ min: 1, max: 500 }), exponent: fc.double({ min: 0.5, max: 2, noNaN: true }) }),
  fc.record({ dist: fc.constant('hot' as const), count: fc.integer({ min: 3, max: 500 }), hotKeys: fc.constant(['hot-a', 'hot-b']), hotFraction: fc.double({ min: 0, max: 0.9, noNaN: true }) }),
  fc.record({ dist: fc.constant('sequential' as const), count: fc.integer({ min: 1, max: 100 }) }),
);

const producer = (id: string, limits: Limits): fc.Arbitrary<ProducerInput> =>
  fc.record({
    id: fc.constant(id),
    kind: fc.constant('producer' as const),
    rate: fc.integer({ min: 10, max: 2000 }),
    arrival: fc.constantFrom('poisson' as const, 'constant' as const),
    keys,
    partitioner: fc.constantFrom(...limits.partitioners),
    linger: fc.constantFrom(0, '1ms', '5ms', '40ms'),
    batchSize: fc.constantFrom(500, 16_384),
    networkLatency: fc.constantFrom(0, '1ms', '3ms'),
    failureRate: limits.failures ? fc.constantFrom(0, 0.05, 0.3) : fc.constant(0),
    retries: fc.constantFrom(0, 2, 2_147_483_647),
    retryBackoff: ms(1, 100),
  });

const group = (id: string, limits: Limits): fc.Arbitrary<GroupInput> =>
  fc.record({
    id: fc.constant(id),
    kind: fc.constant('consumer-group' as const),
    consumers: fc.integer({ min: 0, max: 5 }),
    assignor: fc.constantFrom('range' as const, 'roundrobin' as const, 'sticky' as const, 'cooperative-sticky' as const),
    processing: fc.oneof(
      fc.record({ dist: fc.constant('exponential' as const), mean: fc.integer({ min: 50, max: 3000 }).map((us) => `${us}us`) }),
      fc.integer({ min: 50, max: 3000 }).map((us) => `${us}us`),
    ),
    maxPollRecords: fc.constantFrom(1, 10, 500),
    fetchLatency: fc.constantFrom(0, '1ms', '5ms'),
    commitLatency: fc.constantFrom(0, '1ms', '5ms'),
    commit: fc.constantFrom('auto' as const, 'poll' as const, 'record' as const),
    autoCommitInterval: fc.constantFrom('500ms', '5s'),
    delivery: fc.constantFrom('at-least-once' as const, 'at-most-once' as const, 'idempotent' as const),
    sessionTimeout: fc.constantFrom('2s', '10s', '45s'),
    heartbeatInterval: fc.constantFrom('500ms', '3s'),
    initialRebalanceDelay: fc.constantFrom(0, '500ms', '3s'),
    metadataMaxAge: fc.constantFrom('1s', '5m'),
    autoOffsetReset: fc.constantFrom('earliest' as const, 'latest' as const),
    retries: fc.integer({ min: 0, max: 3 }),
    retryBackoff: ms(1, 50),
    poison: limits.failures ? fc.constantFrom(0, 0, 0.01) : fc.constant(0),
  });

function timelineAction(actions: Limits['actions'], limits: Limits, durationMs: number, groups: string[]): fc.Arbitrary<TimelineInput> {
  const at = fc.integer({ min: 0, max: durationMs }).map((n) => `${n}ms`);
  const target = fc.constantFrom(...groups);
  const member = fc.integer({ min: 0, max: 5 });
  const byAction: Partial<Record<TimelineInput['action'], fc.Arbitrary<TimelineInput>>> = {
    'crash-consumer': fc.record({ at, action: fc.constant('crash-consumer' as const), target, member }),
    'restart-consumer': fc.record({ at, action: fc.constant('restart-consumer' as const), target, member }),
    'add-consumer': fc.record({ at, action: fc.constant('add-consumer' as const), target }),
    'remove-consumer': fc.record({ at, action: fc.constant('remove-consumer' as const), target, member: fc.option(member, { nil: undefined }) }),
    'set-rate': fc.record({ at, action: fc.constant('set-rate' as const), target: fc.constant('p0'), rate: fc.integer({ min: 0, max: 2000 }) }),
    'reset-offsets': fc.record({
      at,
      action: fc.constant('reset-offsets' as const),
      target,
      to: fc.constantFrom(...limits.resets).chain((to) => (to === 'time' ? fc.integer({ min: 0, max: durationMs }).map((n) => `${n}ms`) : fc.constant(to))),
    }),
    'add-partitions': fc.record({ at, action: fc.constant('add-partitions' as const), target: fc.constant('t'), partitions: fc.integer({ min: 1, max: 4 }) }),
  };
  return fc.oneof(...actions.map((a) => byAction[a]!));
}

/**
 * A small random scenario: 1-2 producers into one topic read by 1-2 groups, 5-30 s, maybe a short
 * retention, maybe a timeline.
 */
function scenarios(limits: Limits): fc.Arbitrary<Scenario> {
  return fc
    .record({
      durationMs: fc.integer({ min: 5_000, max: 30_000 }),
      producerCount: fc.integer({ min: 1, max: 2 }),
      groupCount: fc.integer({ min: 1, max: 2 }),
      partitions: fc.integer({ min: 1, max: 8 }),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      retention: fc.constantFrom(undefined, '2s', '8s'),
      retentionBytes: fc.constantFrom(undefined, 50_000),
    })
    .chain(({ durationMs, producerCount, groupCount, partitions, seed, retention, retentionBytes }) => {
      const producerIds = ['p0', 'p1'].slice(0, producerCount);
      const groupIds = ['g0', 'g1'].slice(0, groupCount);
      const shortRetention = retention !== undefined || retentionBytes !== undefined;
      const actions =
        shortRetention && !limits.seeksUnderRetention ? limits.actions.filter((a) => a !== 'crash-consumer' && a !== 'reset-offsets') : limits.actions;
      return fc.record({
        producers: fc.tuple(...producerIds.map((id) => producer(id, limits))),
        groups: fc.tuple(...groupIds.map((id) => group(id, limits))),
        timeline: fc.array(timelineAction(actions, limits, durationMs, groupIds), { maxLength: 4 }),
        staticMembers: fc.boolean(),
      }).map(({ producers, groups, timeline, staticMembers }): Scenario => {
        const sketch: ScenarioSketch = {
          seed,
          duration: durationMs,
          components: [
            ...producers,
            { id: 't', kind: 'topic', partitions, retention, retentionBytes, segmentBytes: 10_000, retentionCheckInterval: '500ms' },
            ...groups.map((g) => (staticMembers ? { ...g, instanceIds: Array.from({ length: g.consumers ?? 1 }, (_, i) => `${g.id}-i${i}`) } : g)),
          ],
          connections: [...producerIds.map((from) => ({ from, to: 't' })), ...groupIds.map((to) => ({ from: 't', to }))],
          timeline,
        };
        return makeScenario(sketch);
      });
    });
}

function run(scenario: Scenario): RunResult {
  return new ScenarioRun(scenario).runToEnd();
}

/** Runs per property: 25 keeps the file to a few seconds; set PROPERTY_RUNS to search harder. */
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
/** Per test, generous: a slow machine must not turn a pass into a timeout. */
const TIMEOUT_MS = 60_000;

/** produced = handled + waiting + lost in every group, and every count agrees with the others. */
function expectConserved(result: RunResult): void {
  expect(result.engine.stopped).toBeNull();
  const partitions = result.topics.t.partitions;
  const inTopic = partitions.reduce((sum, p) => sum + p.logEndOffset, 0);
  const retained = partitions.reduce((sum, p) => sum + p.logEndOffset - p.logStartOffset, 0);
  // One topic, written only by producers.
  expect(result.produced).toBe(inTopic);
  for (const [id, g] of Object.entries(result.groups)) {
    const c = g.conservation;
    expect(c.holds, id).toBe(true);
    expect(c.produced, id).toBe(inTopic);
    expect(c.handled + c.waiting + c.lost, id).toBe(c.produced);
    expect(c.lost, id).toBe(g.lost);
    expect(g.lost, id).toBeLessThanOrEqual(g.lostByCause.retention + g.lostByCause.atMostOnce + g.lostByCause.offsetReset);
    expect(c.waiting, id).toBeGreaterThanOrEqual(0);
    // Waiting records are in the log, or (deleted meanwhile) in a member's hands: at most one poll each.
    const inHands = g.members.length * 1_000_000;
    expect(c.waiting, id).toBeLessThanOrEqual(retained + Math.min(inHands, c.produced));
    // Handled offsets are the first successful processings plus the poison records dead-lettered.
    expect(c.handled, id).toBeGreaterThanOrEqual(g.processed);
    expect(c.handled, id).toBeLessThanOrEqual(g.processed + g.deadLettered);
    // Every success is a first processing, a duplicate, or a re-delivery an idempotent group skipped.
    const successes = g.processed + g.duplicates + g.redelivered;
    expect(g.partitions.reduce((sum, p) => sum + p.processed, 0), id).toBe(successes);
    expect(g.members.reduce((sum, m) => sum + m.processed, 0), id).toBe(successes);
  }
  // Every record sent is in the log, failed to publish, or still on its way at the end.
  for (const p of Object.values(result.producers)) expect(p.publishFailures).toBeLessThanOrEqual(p.sent);
  const sent = Object.values(result.producers).reduce((sum, p) => sum + p.sent, 0);
  expect(result.produced + result.publishFailures).toBeLessThanOrEqual(sent);
}

/** Counts non-negative, final lag within the max, latency quantiles in order. */
function expectSaneNumbers(result: RunResult): void {
  for (const [id, g] of Object.entries(result.groups)) {
    for (const field of ['processed', 'duplicates', 'lost', 'retries', 'deadLettered', 'rebalances', 'pausedMs', 'orderingViolations', 'redelivered'] as const) {
      expect(g[field], `${id}.${field}`).toBeGreaterThanOrEqual(0);
    }
    expect(g.lag.final, id).toBeGreaterThanOrEqual(0);
    expect(g.lag.final, id).toBeLessThanOrEqual(g.lag.max);
    const l = g.latencyMs;
    expect(l.p50, id).toBeGreaterThanOrEqual(0);
    expect(l.p50, id).toBeLessThanOrEqual(l.p95);
    expect(l.p95, id).toBeLessThanOrEqual(l.p99);
    expect(l.p99, id).toBeLessThanOrEqual(l.max);
    expect(l.mean, id).toBeGreaterThanOrEqual(0);
    expect(l.mean, id).toBeLessThanOrEqual(l.max);
    for (const p of g.partitions) {
      const where = `${id} ${p.topic}-${p.partition}`;
      expect(p.processed, where).toBeGreaterThanOrEqual(0);
      expect(p.lag.final, where).toBeGreaterThanOrEqual(0);
      expect(p.lag.final, where).toBeLessThanOrEqual(p.lag.max);
      expect(p.latencyMs.mean, where).toBeGreaterThanOrEqual(0);
      expect(p.latencyMs.p99, where).toBeGreaterThanOrEqual(0);
      expect(p.pausedMs, where).toBeGreaterThanOrEqual(0);
      expect(p.pausedMs, where).toBeLessThanOrEqual(result.simulatedMs);
    }
    for (const m of g.members) {
      expect(m.processed, m.id).toBeGreaterThanOrEqual(0);
      expect(m.utilization, m.id).toBeGreaterThanOrEqual(0);
      expect(m.utilization, m.id).toBeLessThanOrEqual(1);
      expect(m.latencyMs.mean, m.id).toBeGreaterThanOrEqual(0);
    }
  }
  for (const p of result.topics.t.partitions) {
    expect(p.logStartOffset).toBeGreaterThanOrEqual(0);
    expect(p.logStartOffset).toBeLessThanOrEqual(p.logEndOffset);
  }
}

describe('model properties', () => {
  it('conserves records exactly in every group (produced = handled + waiting + lost) and reports sane numbers', () => {
    fc.assert(
      fc.property(scenarios(EVERYTHING), (scenario) => {
        const result = run(scenario);
        expectConserved(result);
        expectSaneNumbers(result);
      }),
      { numRuns: NUM_RUNS },
    );
  }, TIMEOUT_MS);

  it('is deterministic: the same scenario and seed give identical results', () => {
    fc.assert(
      fc.property(scenarios(EVERYTHING), (scenario) => {
        expect(JSON.stringify(run(scenario))).toBe(JSON.stringify(run(scenario)));
      }),
      { numRuns: NUM_RUNS },
    );
  }, TIMEOUT_MS);

  it('keeps per-key order when nothing crashes, fails, replays or adds partitions, stepped with runUntil or run in one go alike', () => {
    fc.assert(
      fc.property(scenarios(ORDERLY), fc.array(fc.integer({ min: 1, max: 30_000_000 }), { minLength: 1, maxLength: 5 }), (scenario, stops) => {
        const stepped = new ScenarioRun(scenario);
        for (const stop of [...stops].sort((a, b) => a - b)) stepped.runUntil(stop);
        const result = stepped.runToEnd();
        for (const [id, g] of Object.entries(result.groups)) expect(g.orderingViolations, id).toBe(0);
        expect(JSON.stringify(result)).toBe(JSON.stringify(run(scenario)));
      }),
      { numRuns: NUM_RUNS },
    );
  }, TIMEOUT_MS);
});
