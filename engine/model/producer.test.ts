import { describe, expect, it } from 'vitest';
import { chain, makeScenario, runSketch, type ProducerInput, type ScenarioSketch, type TopicInput } from '../../test/support/scenario.ts';
import { partitionForKey } from '../kafka/murmur2.ts';
import { KEYLESS } from './context.ts';
import type { Producer } from './producer.ts';
import { ScenarioRun } from './run.ts';
import type { Topic } from './topic.ts';

/** One producer `p` writing to one topic `t`, for 10 s unless `extra` says otherwise. */
function producerToTopic(
  producer: Omit<ProducerInput, 'id' | 'kind'>,
  topic: Omit<TopicInput, 'id' | 'kind'> = {},
  extra: Partial<ScenarioSketch> = {},
): ScenarioSketch {
  return {
    duration: '10s',
    components: [
      { id: 'p', kind: 'producer', ...producer },
      { id: 't', kind: 'topic', ...topic },
    ],
    connections: chain('p', 't'),
    ...extra,
  };
}

/** Every record in the topic, in event id (produce) order, with its partition and offset. */
function recordsByEvent(topic: Topic): { eventId: number; partition: number; offset: number; keySlot: number; createTime: number }[] {
  const records = [];
  for (const [partition, log] of topic.logs.entries()) {
    for (let offset = log.logStartOffset; offset < log.logEndOffset; offset++) {
      records.push({ eventId: log.eventIdAt(offset), partition, offset, keySlot: log.keySlotAt(offset), createTime: log.createTimeAt(offset) });
    }
  }
  return records.sort((a, b) => a.eventId - b.eventId);
}

/** Lengths of the runs of consecutive equal values. */
function runLengths(values: number[]): number[] {
  const runs: number[] = [];
  let length = 0;
  values.forEach((v, i) => {
    if (i > 0 && v !== values[i - 1]) {
      runs.push(length);
      length = 0;
    }
    length++;
  });
  if (length > 0) runs.push(length);
  return runs;
}

/** Records appended per batch: the producer appends a batch's records and then notifies once. */
function recordBatches(topic: Topic): { sizes: number[] }[] {
  const batches: { sizes: number[] }[] = [];
  let open: number[] = [];
  const append = topic.append.bind(topic);
  const notify = topic.notifyAppended.bind(topic);
  topic.append = (partition, createTime, eventId, keySlot, size) => {
    open.push(size);
    return append(partition, createTime, eventId, keySlot, size);
  };
  topic.notifyAppended = (partition) => {
    batches.push({ sizes: open });
    open = [];
    notify(partition);
  };
  return batches;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('producer arrivals', () => {
  it.each([
    [200, 1],
    [1000, 2],
    [2000, 3],
  ])('Poisson arrivals at %d/s give rate x duration records within 4 sigma (seed %d)', (rate, seed) => {
    const { result } = runSketch(producerToTopic({ rate, arrival: 'poisson' }, {}, { duration: '20s' }), { seed });
    const expected = rate * 20;
    expect(Math.abs(result.producers.p.sent - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it.each([1, 7, 333, 1000, 2500])('constant arrivals at %d/s give exactly rate x duration records, +-1', (rate) => {
    for (const seed of [1, 2, 3]) {
      const { result } = runSketch(producerToTopic({ rate, arrival: 'constant' }), { seed });
      expect(Math.abs(result.producers.p.sent - rate * 10)).toBeLessThanOrEqual(1);
    }
  });

  it('spaces constant arrivals exactly 1/rate apart', () => {
    const { run } = runSketch(producerToTopic({ rate: 400, arrival: 'constant', linger: 0, networkLatency: 0 }, {}, { duration: '2s' }));
    const times = recordsByEvent(run.topics.get('t')!).map((r) => r.createTime);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // 2500 us apart, give or take the rounding of each arrival to a whole microsecond.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2499);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2501);
  });

  it('set-rate changes how fast records arrive from that moment on', () => {
    const { result } = runSketch(
      producerToTopic({ rate: 100, arrival: 'constant' }, {}, { timeline: [{ at: '5s', action: 'set-rate', target: 'p', rate: 1000 }] }),
    );
    expect(Math.abs(result.producers.p.sent - (500 + 5000))).toBeLessThanOrEqual(2);
  });

  it('set-rate to 0 stops the producer', () => {
    const { result } = runSketch(producerToTopic({ rate: 1000, arrival: 'poisson' }, {}, { timeline: [{ at: '2s', action: 'set-rate', target: 'p', rate: 0 }] }));
    const sent = result.producers.p.sent;
    expect(Math.abs(sent - 2000)).toBeLessThan(4 * Math.sqrt(2000));
    expect(result.produced).toBe(sent);
  });
});

describe('default partitioner', () => {
  it('sends every keyed record to murmur2(key) % partitions', () => {
    const run = new ScenarioRun(
      makeScenario({
        duration: '5s',
        components: [
          { id: 'a', kind: 'producer', rate: 500, keys: { dist: 'uniform', count: 50 } },
          // A second producer owns the next range of key slots; its names include non-ASCII keys.
          { id: 'b', kind: 'producer', rate: 500, keys: { dist: 'hot', count: 40, hotKeys: ['post_42', 'clé-é', '键', ''], hotFraction: 0.5 } },
          { id: 't', kind: 'topic', partitions: 7 },
        ],
        connections: [
          { from: 'a', to: 't' },
          { from: 'b', to: 't' },
        ],
      }),
    );
    run.runToEnd();
    const [a, b] = run.producers;
    expect(b.keyBase).toBe(a.keyCount);
    const ownerOf = (slot: number): Producer => (slot >= b.keyBase ? b : a);
    const topic = run.topics.get('t')!;
    const slotsSeen = new Set<number>();
    const hotSeen = new Set<string>();
    let records = 0;
    for (const [partition, log] of topic.logs.entries()) {
      for (let offset = log.logStartOffset; offset < log.logEndOffset; offset++) {
        const slot = log.keySlotAt(offset);
        expect(slot).not.toBe(KEYLESS);
        const owner = ownerOf(slot);
        const key = owner.keyName(slot - owner.keyBase);
        slotsSeen.add(slot);
        if (slot >= b.keyBase + 4 || slot < b.keyBase) expect(key).toMatch(/^key-\d+$/);
        else hotSeen.add(key);
        expect(partition, `key ${JSON.stringify(key)}`).toBe(partitionForKey(key, 7));
        records++;
      }
    }
    expect(records).toBeGreaterThan(4000);
    // Every key slot of both producers was checked, the hot keys (the empty one included) among them.
    expect(slotsSeen.size).toBe(50 + 40);
    expect([...hotSeen].sort()).toEqual(['', 'clé-é', 'post_42', '键']);
  });

  it('keeps each key on one partition, so one key runs through one partition in produce order', () => {
    const { run } = runSketch(producerToTopic({ rate: 1000, keys: { dist: 'zipf', count: 30, exponent: 1 } }, { partitions: 5 }));
    const partitionOfKey = new Map<number, number>();
    for (const r of recordsByEvent(run.topics.get('t')!)) {
      expect(partitionOfKey.get(r.keySlot) ?? r.partition).toBe(r.partition);
      partitionOfKey.set(r.keySlot, r.partition);
    }
    expect(partitionOfKey.size).toBe(30);
  });

  it('keyless: sticks to one partition until about batchSize bytes went to it, then switches', () => {
    const { run } = runSketch(producerToTopic({ rate: 2000, keys: { dist: 'none' }, batchSize: 1000, eventSize: 100 }, { partitions: 4 }));
    const topic = run.topics.get('t')!;
    const records = recordsByEvent(topic);
    expect(records.every((r) => r.keySlot === KEYLESS)).toBe(true);
    const runs = runLengths(records.map((r) => r.partition));
    // 1000 bytes of 100-byte records: switch after every 10 records. The next partition is drawn at
    // random and may be the same one, so a run is a whole number of stints of 10 (the last may be cut short).
    for (const length of runs.slice(0, -1)) expect(length % 10).toBe(0);
    const stints = sum(runs.slice(0, -1)) / 10;
    // A switch lands on a different partition 3 times in 4.
    expect((runs.length - 1) / stints).toBeGreaterThan(0.65);
    expect((runs.length - 1) / stints).toBeLessThan(0.85);
    // ... and the partitions share the records roughly evenly.
    for (const log of topic.logs) expect(log.logEndOffset).toBeGreaterThan(records.length / 4 / 1.3);
  });

  it('keyless sticky counts bytes, not records: larger records switch sooner', () => {
    const { run } = runSketch(producerToTopic({ rate: 2000, keys: { dist: 'none' }, batchSize: 1000, eventSize: 250 }, { partitions: 3 }, { duration: '2s' }));
    const runs = runLengths(recordsByEvent(run.topics.get('t')!).map((r) => r.partition));
    for (const length of runs.slice(0, -1)) expect(length % 4).toBe(0);
  });
});

describe('other partitioners', () => {
  it('round-robin spreads records over the partitions within one record', () => {
    const { run, result } = runSketch(producerToTopic({ rate: 1000, partitioner: 'round-robin', linger: 0, networkLatency: 0, keys: { dist: 'uniform', count: 3 } }, { partitions: 6 }));
    const counts = result.topics.t.partitions.map((p) => p.produced);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    // In produce order the partitions take turns.
    const partitions = recordsByEvent(run.topics.get('t')!).map((r) => r.partition);
    partitions.forEach((p, i) => expect(p).toBe(i % 6));
  });

  it('random spreads records roughly evenly (each partition within 4 sigma of its share)', () => {
    const { result } = runSketch(producerToTopic({ rate: 2000, partitioner: 'random' }, { partitions: 8 }));
    const counts = result.topics.t.partitions.map((p) => p.produced);
    const total = sum(counts);
    const share = total / 8;
    const sigma = Math.sqrt(total * (1 / 8) * (7 / 8));
    for (const n of counts) expect(Math.abs(n - share)).toBeLessThan(4 * sigma);
  });

  it('random ignores keys: one key lands on every partition', () => {
    const { run } = runSketch(producerToTopic({ rate: 1000, partitioner: 'random', keys: { dist: 'uniform', count: 1 } }, { partitions: 4 }, { duration: '2s' }));
    const partitions = new Set(recordsByEvent(run.topics.get('t')!).map((r) => r.partition));
    expect(partitions.size).toBe(4);
  });

  it.each(['default', 'round-robin', 'random'] as const)('an explicit partition takes every record, whatever the partitioner (%s)', (partitioner) => {
    const { result } = runSketch(producerToTopic({ rate: 1000, partitioner, partition: 2, keys: { dist: 'uniform', count: 100 } }, { partitions: 4 }));
    const counts = result.topics.t.partitions.map((p) => p.produced);
    expect(counts[2]).toBe(result.produced);
    expect(counts[2]).toBeGreaterThan(9000);
  });
});

describe('batching', () => {
  it('linger 0 sends every record in a batch of its own while request slots are free', () => {
    const { result } = runSketch(producerToTopic({ rate: 1000, linger: 0 }, { partitions: 3 }));
    const p = result.producers.p;
    expect(p.meanBatchRecords).toBe(1);
    // All but the few still waiting for a request slot at the end were sent.
    expect(p.sent - p.batches).toBeGreaterThanOrEqual(0);
    expect(p.sent - p.batches).toBeLessThan(10);
  });

  it('with every request slot taken, records pile into the open batch even at linger 0 (maxInFlight backpressure)', () => {
    // One request at a time, each a 40 ms round trip: a batch leaves every 40 ms with what arrived meanwhile.
    const { result } = runSketch(producerToTopic({ rate: 150, arrival: 'constant', linger: 0, networkLatency: '20ms', maxInFlight: 1 }, {}, { duration: '5s' }));
    const p = result.producers.p;
    expect(p.batches).toBeGreaterThanOrEqual(120);
    expect(p.batches).toBeLessThanOrEqual(126);
    expect(p.meanBatchRecords).toBeGreaterThan(5.5);
    expect(p.meanBatchRecords).toBeLessThan(6.5);
  });

  it('a long linger with a small batchSize sends full batches of at most batchSize bytes', () => {
    const run = new ScenarioRun(
      makeScenario(
        producerToTopic({ rate: 1000, arrival: 'constant', linger: '10s', batchSize: 1000, eventSize: { dist: 'uniform', min: 50, max: 300 } }, { partitions: 1 }),
      ),
    );
    const batches = recordBatches(run.topics.get('t')!);
    const result = run.runToEnd();
    expect(batches.length).toBe(result.producers.p.batches);
    expect(batches.length).toBeGreaterThan(1000);
    for (const [i, batch] of batches.entries()) {
      expect(sum(batch.sizes)).toBeLessThanOrEqual(1000);
      // Nothing lingered: a batch went when the next record would not fit.
      if (i + 1 < batches.length) expect(sum(batch.sizes) + batches[i + 1].sizes[0]).toBeGreaterThan(1000);
    }
    expect(sum(batches.map((b) => b.sizes.length))).toBe(result.produced);
  });

  it('a batch fills to exactly batchSize bytes when the records divide it', () => {
    const run = new ScenarioRun(makeScenario(producerToTopic({ rate: 1000, arrival: 'constant', linger: '10s', batchSize: 1000, eventSize: 100 })));
    const batches = recordBatches(run.topics.get('t')!);
    const result = run.runToEnd();
    expect(batches.every((b) => b.sizes.length === 10)).toBe(true);
    expect(result.producers.p.batches).toBe(Math.floor(result.producers.p.sent / 10));
  });

  it('a record larger than batchSize travels alone', () => {
    const run = new ScenarioRun(makeScenario(producerToTopic({ rate: 500, linger: '1s', batchSize: 1000, eventSize: 1500 })));
    const batches = recordBatches(run.topics.get('t')!);
    run.runToEnd();
    expect(batches.length).toBeGreaterThan(4000);
    expect(batches.every((b) => b.sizes.length === 1)).toBe(true);
  });

  it('linger sends a batch that is not full once its first record has waited linger', () => {
    // 10 records a second into 16 KiB batches: only linger ever sends them.
    const run = new ScenarioRun(makeScenario(producerToTopic({ rate: 10, arrival: 'constant', linger: '350ms', networkLatency: 0 })));
    const batches = recordBatches(run.topics.get('t')!);
    run.runToEnd();
    // Records 100 ms apart: a batch takes its first record and the ones within the next 350 ms.
    expect(batches.slice(0, -1).every((b) => b.sizes.length === 4)).toBe(true);
    const topic = run.topics.get('t')!;
    const log = topic.logs[0];
    // Each batch's records were appended 350 ms after its first one was created, so the first of
    // each is exactly linger older than the batch's append, which the segment's first append shows.
    expect(log.segments[0].firstAppendTime - log.createTimeAt(0)).toBe(350_000);
  });
});

describe('end-to-end latency', () => {
  it.each([
    { linger: '5ms', networkLatency: '2ms', fetchLatency: '3ms', processing: '4ms', expected: 14 },
    { linger: 0, networkLatency: '2ms', fetchLatency: '3ms', processing: '4ms', expected: 9 },
    { linger: '20ms', networkLatency: 0, fetchLatency: 0, processing: '1ms', expected: 21 },
    { linger: 0, networkLatency: 0, fetchLatency: 0, processing: '250us', expected: 0.25 },
  ])(
    'a lone record takes linger + networkLatency + fetchLatency + processing ($expected ms)',
    ({ linger, networkLatency, fetchLatency, processing, expected }) => {
      const { result } = runSketch({
        duration: '20s',
        components: [
          { id: 'p', kind: 'producer', rate: '1/s', arrival: 'constant', linger, networkLatency },
          { id: 't', kind: 'topic', partitions: 2 },
          { id: 'g', kind: 'consumer-group', consumers: 1, processing, fetchLatency, initialRebalanceDelay: 0 },
        ],
        connections: chain('p', 't', 'g'),
      });
      const g = result.groups.g;
      expect(g.processed).toBeGreaterThanOrEqual(19);
      expect(g.latencyMs).toEqual({ mean: expected, p50: expected, p95: expected, p99: expected, max: expected });
    },
  );

  it('records produced before the group has its first assignment wait for it', () => {
    const { result } = runSketch({
      duration: '10s',
      components: [
        { id: 'p', kind: 'producer', rate: '10/s', arrival: 'constant', linger: 0, networkLatency: 0 },
        { id: 't', kind: 'topic' },
        { id: 'g', kind: 'consumer-group', processing: '1ms', fetchLatency: 0, initialRebalanceDelay: '3s' },
      ],
      connections: chain('p', 't', 'g'),
    });
    // The first record waits almost the whole 3 s; the ones after the rebalance take 1 ms.
    expect(result.groups.g.latencyMs.max).toBeGreaterThan(2900);
    expect(result.groups.g.latencyMs.p50).toBe(1);
  });
});

describe('publish failures', () => {
  it('without retries, a failure rate of 0.5 loses about half the records as publish failures', () => {
    const { result } = runSketch(producerToTopic({ rate: 2000, linger: 0, failureRate: 0.5, retries: 0 }));
    const p = result.producers.p;
    // One record a batch, so records fail independently: binomial.
    expect(Math.abs(p.publishFailures - p.sent / 2)).toBeLessThan(4 * Math.sqrt(p.sent / 4));
    expect(p.retries).toBe(0);
    expect(result.publishFailures).toBe(p.publishFailures);
    // Every record sent is appended or failed, but for the few still on the wire at the end.
    const unsettled = p.sent - result.produced - p.publishFailures;
    expect(unsettled).toBeGreaterThanOrEqual(0);
    expect(unsettled).toBeLessThan(20);
  });

  it('with retries and a long delivery timeout almost nothing is lost, and the retries are counted', () => {
    const { result } = runSketch(producerToTopic({ rate: 2000, linger: 0, failureRate: 0.5, retryBackoff: '10ms', maxInFlight: 1000 }));
    const p = result.producers.p;
    expect(p.publishFailures).toBe(0);
    // A batch needs a geometric number of attempts: on average one retry at failure rate 0.5.
    expect(p.retries / p.batches).toBeGreaterThan(0.9);
    expect(p.retries / p.batches).toBeLessThan(1.1);
    // Records still retrying at the end are not lost either.
    expect(p.sent - result.produced).toBeLessThan(200);
  });

  it('gives a batch up after `retries` retries: (failure rate)^(retries + 1) of the batches fail', () => {
    const { result } = runSketch(producerToTopic({ rate: 2000, linger: 0, failureRate: 0.5, retries: 2, retryBackoff: '1ms', maxInFlight: 1000 }));
    const p = result.producers.p;
    const expected = p.sent * 0.125;
    expect(Math.abs(p.publishFailures - expected)).toBeLessThan(4 * Math.sqrt(p.sent * 0.125 * 0.875));
  });

  it('gives a batch up when its next retry would end after the delivery timeout', () => {
    // Attempts at 0, 102 and 204 ms fail 2 ms later; a fourth would start at 306 ms > 250 ms.
    const { result } = runSketch(
      producerToTopic({ rate: 2000, linger: 0, networkLatency: '1ms', failureRate: 0.5, retryBackoff: '100ms', deliveryTimeout: '250ms', maxInFlight: 1000 }),
    );
    const p = result.producers.p;
    expect(Math.abs(p.publishFailures - p.sent * 0.125)).toBeLessThan(4 * Math.sqrt(p.sent * 0.125 * 0.875));
  });

  it.each([
    { maxInFlight: 5, rate: 1000 },
    { maxInFlight: 1000, rate: 3000 },
  ])('keeps the records of each partition in produce order through failures and retries (idempotent producer, maxInFlight $maxInFlight)', ({ maxInFlight, rate }) => {
    const { run, result } = runSketch(
      producerToTopic(
        { rate, linger: 0, failureRate: 0.3, retryBackoff: '5ms', networkLatency: '2ms', maxInFlight, keys: { dist: 'uniform', count: 20 } },
        { partitions: 4 },
      ),
    );
    const p = result.producers.p;
    expect(p.retries).toBeGreaterThan(1000);
    expect(p.publishFailures).toBe(0);
    const outOfOrder: string[] = [];
    for (const [partition, log] of run.topics.get('t')!.logs.entries()) {
      expect(log.logEndOffset).toBeGreaterThan(1000);
      for (let offset = log.logStartOffset + 1; offset < log.logEndOffset; offset++) {
        if (log.eventIdAt(offset) <= log.eventIdAt(offset - 1) || log.createTimeAt(offset) < log.createTimeAt(offset - 1)) {
          outOfOrder.push(`t-${partition} offset ${offset}`);
        }
      }
    }
    expect(outOfOrder).toEqual([]);
  });

  it('keeps per-key order when batches fail for good between successful ones', () => {
    const { run, result } = runSketch(
      producerToTopic(
        { rate: 3000, linger: '2ms', failureRate: 0.5, retries: 1, retryBackoff: '3ms', keys: { dist: 'uniform', count: 10 } },
        { partitions: 3 },
      ),
    );
    expect(result.producers.p.publishFailures).toBeGreaterThan(1000);
    const lastEventOfKey = new Map<number, number>();
    const outOfOrder: string[] = [];
    for (const [partition, log] of run.topics.get('t')!.logs.entries()) {
      for (let offset = log.logStartOffset; offset < log.logEndOffset; offset++) {
        const key = log.keySlotAt(offset);
        const eventId = log.eventIdAt(offset);
        if (eventId <= (lastEventOfKey.get(key) ?? -1)) outOfOrder.push(`t-${partition} offset ${offset}`);
        lastEventOfKey.set(key, eventId);
      }
    }
    expect(lastEventOfKey.size).toBe(10);
    expect(outOfOrder).toEqual([]);
  });
});
