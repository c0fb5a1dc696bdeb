import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../core/random.ts';
import { createSimulation, type Simulation } from '../core/simulation.ts';
import { loadScenario } from '../scenario/load.ts';
import { consumerGroupSchema, queueSchema, type ScenarioInput } from '../scenario/schema.ts';
import type { ModelContext } from './context.ts';
import { Queue, type QueueReceiver, type ReceivedMessage } from './queue.ts';
import { QueueGroup } from './queueGroup.ts';
import { ScenarioRun } from './run.ts';

const ms = 1000;
const s = 1_000_000;

function context(sim: Simulation = createSimulation()): ModelContext {
  let nextId = 0;
  return { sim, streams: new RandomStreams(1), nextEventId: () => nextId++, keyName: (slot) => `k${slot}`, mark: () => {} };
}

function queue(ctx: ModelContext, spec: Record<string, unknown> = {}): Queue {
  const q = new Queue(queueSchema.parse({ id: 'q', kind: 'queue', ...spec }), ctx);
  q.keySlots = 100;
  return q;
}

/** Puts `count` messages on the queue now, key slot = event id % keys. */
function fill(ctx: ModelContext, q: Queue, count: number, keys = 100): void {
  for (let i = 0; i < count; i++) {
    const id = ctx.nextEventId();
    q.enqueue(ctx.sim.now, id, id % keys, 100);
  }
}

function take(q: Queue, max: number): ReceivedMessage[] {
  const out: ReceivedMessage[] = [];
  q.receive(max, 0, out);
  return out;
}

function conserved(q: Queue): boolean {
  const { enqueued, acked, deadLettered, expired } = q.stats;
  return enqueued === acked + deadLettered + expired + q.depth + q.inFlight;
}

/** A queue and groups reading it, built by hand so each message and each instant is under control. */
function queueWithGroups(queueSpec: Record<string, unknown>, groups: Record<string, unknown>[]) {
  const ctx = context();
  const q = queue(ctx, queueSpec);
  const built = groups.map((g, i) => new QueueGroup(consumerGroupSchema.parse({ id: `g${i}`, kind: 'consumer-group', fetchLatency: 0, commitLatency: 0, ...g }), q, [], [], 100, ctx));
  return { ctx, sim: ctx.sim, q, groups: built };
}

describe('a queue', () => {
  it('hands each message to one receiver, oldest first', () => {
    const ctx = context();
    const q = queue(ctx);
    fill(ctx, q, 5);
    expect(take(q, 2).map((m) => m.seq)).toEqual([0, 1]);
    expect(take(q, 10).map((m) => m.seq)).toEqual([2, 3, 4]);
    expect(take(q, 10)).toEqual([]);
    expect(q.stats.delivered).toBe(5);
    expect([q.depth, q.inFlight]).toEqual([0, 5]);
  });

  it('deletes a message on its acknowledgement: it is never delivered again', () => {
    const ctx = context();
    const q = queue(ctx, { visibilityTimeout: '1s' });
    fill(ctx, q, 1);
    const [m] = take(q, 1);
    expect(q.ack(m.seq)).toBe(true);
    ctx.sim.runUntil(10 * s);
    expect(take(q, 1)).toEqual([]);
    expect(q.stats).toMatchObject({ acked: 1, redelivered: 0 });
    expect([q.depth, q.inFlight]).toEqual([0, 0]);
  });

  it('delivers a message not deleted again exactly at its visibility timeout, in its old place', () => {
    const ctx = context();
    const q = queue(ctx, { visibilityTimeout: '1s' });
    fill(ctx, q, 1);
    take(q, 1);
    fill(ctx, q, 1); // a newer message, seq 1
    ctx.sim.runUntil(s - 1);
    expect(q.depth).toBe(1);
    ctx.sim.runUntil(s);
    expect(q.depth).toBe(2);
    const [again] = take(q, 1);
    expect(again).toMatchObject({ seq: 0, receives: 2 });
    expect(q.stats.redelivered).toBe(1);
  });

  it('moves a message to the dead-letter queue when its visibility times out after maxReceives receives', () => {
    const ctx = context();
    const dlq = queue(ctx);
    const q = queue(ctx, { visibilityTimeout: '1s', maxReceives: 2 });
    q.deadLetterQueue = dlq;
    fill(ctx, q, 1);
    take(q, 1);
    ctx.sim.runUntil(s);
    take(q, 1);
    ctx.sim.runUntil(2 * s - 1);
    expect(q.stats.deadLettered).toBe(0);
    ctx.sim.runUntil(2 * s);
    expect(q.stats).toMatchObject({ delivered: 2, redelivered: 1, deadLettered: 1 });
    expect([q.depth, q.inFlight]).toEqual([0, 0]);
    expect(take(dlq, 1)).toMatchObject([{ seq: 0, eventId: 0, receives: 1 }]);
  });

  it('drops a message after maxReceives receives when it has no dead-letter queue, counted', () => {
    const ctx = context();
    const q = queue(ctx, { visibilityTimeout: '1s', maxReceives: 1 });
    fill(ctx, q, 3);
    take(q, 3);
    ctx.sim.runUntil(s);
    expect(q.stats.deadLettered).toBe(3);
    expect(conserved(q)).toBe(true);
  });

  it('lets a late acknowledgement delete a message delivered again, once', () => {
    const ctx = context();
    const q = queue(ctx, { visibilityTimeout: '1s' });
    fill(ctx, q, 1);
    const [first] = take(q, 1);
    ctx.sim.runUntil(s);
    const [second] = take(q, 1);
    expect(q.ack(first.seq)).toBe(true);
    expect(q.ack(second.seq)).toBe(false);
    expect(q.stats.acked).toBe(1);
    ctx.sim.runUntil(5 * s);
    expect(take(q, 1)).toEqual([]);
  });

  it('expires messages retention after they were enqueued, visible or in flight', () => {
    const ctx = context();
    const q = queue(ctx, { retention: '2s', visibilityTimeout: '10s' });
    fill(ctx, q, 2);
    take(q, 1);
    ctx.sim.runUntil(s);
    fill(ctx, q, 1);
    ctx.sim.runUntil(2 * s);
    expect(q.stats.expired).toBe(2);
    expect([q.depth, q.inFlight]).toEqual([1, 0]);
    ctx.sim.runUntil(3 * s);
    expect(q.stats.expired).toBe(3);
    expect(conserved(q)).toBe(true);
  });

  it('measures the oldest message exactly: its age peaks as it leaves', () => {
    const ctx = context();
    const q = queue(ctx);
    fill(ctx, q, 1);
    const [m] = take(q, 1);
    ctx.sim.runUntil(1500 * ms);
    expect(q.oldestAgeUs(ctx.sim.now)).toBe(1500 * ms);
    q.ack(m.seq);
    expect(q.oldestAgeUs(ctx.sim.now)).toBe(0);
    expect(q.stats.maxOldestAgeUs).toBe(1500 * ms);
  });

  it('wakes waiting receivers first come, first served', () => {
    const ctx = context();
    const q = queue(ctx);
    const woken: string[] = [];
    const receiver = (name: string): QueueReceiver => ({ wakeUp: () => (woken.push(name), take(q, 1)) });
    const [a, b] = [receiver('a'), receiver('b')];
    q.wait(a);
    q.wait(b);
    fill(ctx, q, 1);
    expect(woken).toEqual(['a']);
    fill(ctx, q, 1);
    expect(woken).toEqual(['a', 'b']);
  });

  it('keeps what it holds when it drops deleted messages to make room', () => {
    const ctx = context();
    const q = queue(ctx);
    fill(ctx, q, 3000);
    for (const m of take(q, 3000)) q.ack(m.seq);
    fill(ctx, q, 3000);
    const got = take(q, 5000);
    expect(got.map((m) => m.seq)).toEqual(Array.from({ length: 3000 }, (_, i) => 3000 + i));
    expect(got.map((m) => m.eventId)).toEqual(Array.from({ length: 3000 }, (_, i) => 3000 + i));
  });

  it('conserves every message under any mix of sends, receives, deletes and time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('send', 'receive', 'ack', 'wait'), fc.integer({ min: 1, max: 5 })), { maxLength: 60 }),
        fc.integer({ min: 1, max: 3 }),
        (ops, maxReceives) => {
          const ctx = context();
          const dlq = queue(ctx);
          const q = queue(ctx, { visibilityTimeout: '1s', maxReceives, retention: '4s' });
          q.deadLetterQueue = dlq;
          const held: number[] = [];
          for (const [op, n] of ops) {
            if (op === 'send') fill(ctx, q, n);
            if (op === 'receive') held.push(...take(q, n).map((m) => m.seq));
            if (op === 'ack') for (const seq of held.splice(0, n)) q.ack(seq);
            if (op === 'wait') ctx.sim.runUntil(ctx.sim.now + n * 300 * ms);
            if (!conserved(q) || q.stats.deadLettered !== dlq.stats.enqueued) return false;
          }
          return q.depth >= 0 && q.inFlight >= 0;
        },
      ),
    );
  });
});

describe('groups reading a queue', () => {
  it('process each message once overall when they compete, with nothing failing', () => {
    const { ctx, sim, q, groups } = queueWithGroups({}, [{ consumers: 2, processing: '1ms' }, { consumers: 2, processing: '1ms' }]);
    fill(ctx, q, 400);
    sim.runUntil(s);
    const [a, b] = groups.map((g) => g.stats.processed);
    expect(a + b).toBe(400);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(q.stats).toMatchObject({ processed: 400, duplicates: 0, acked: 400, redelivered: 0 });
  });

  it('delete each message commitLatency after it is done with commit "record"', () => {
    const { ctx, sim, q } = queueWithGroups({}, [{ consumers: 1, processing: '10ms', commit: 'record', commitLatency: '2ms' }]);
    fill(ctx, q, 1);
    sim.runUntil(11 * ms);
    expect(q.stats.acked).toBe(0);
    sim.runUntil(12 * ms);
    expect(q.stats.acked).toBe(1);
  });

  it('process a message twice when processing outlasts the visibility timeout', () => {
    const { ctx, sim, q, groups } = queueWithGroups({ visibilityTimeout: '2s' }, [{ consumers: 2, processing: '3s', commit: 'record' }]);
    fill(ctx, q, 1);
    sim.runUntil(2 * s);
    // Still being processed by member 0, and now received by member 1 too.
    expect(q.stats.redelivered).toBe(1);
    expect(groups[0].members.map((m) => m.state)).toEqual(['processing', 'processing']);
    sim.runUntil(10 * s);
    expect(q.stats).toMatchObject({ processed: 1, duplicates: 1, acked: 1, delivered: 2 });
    expect(groups[0].stats).toMatchObject({ processed: 1, duplicates: 1 });
  });

  it('redeliver a crashed member’s messages at the visibility timeout; those it had done come back as duplicates', () => {
    const { ctx, sim, q, groups } = queueWithGroups({ visibilityTimeout: '5s' }, [{ consumers: 2, processing: '10ms', maxPollRecords: 10, commit: 'poll' }]);
    fill(ctx, q, 40);
    sim.runUntil(35 * ms);
    const member = groups[0].members[0];
    const held = member.batch.length;
    const done = member.undeleted.length;
    expect(done).toBeGreaterThan(0);
    expect(held).toBeGreaterThan(done);
    groups[0].crashMember(0);
    // Received after 0 s: nothing can time out before 5 s.
    sim.runUntil(5 * s - 1);
    expect(q.stats.redelivered).toBe(0);
    expect(q.inFlight).toBe(held);
    sim.runUntil(20 * s);
    expect(q.stats.redelivered).toBe(held);
    expect(groups[0].stats.duplicates).toBe(done);
    expect(q.stats).toMatchObject({ processed: 40, duplicates: done, acked: 40 });
  });

  it('dead-letter a poison message after maxReceives receives, at the last visibility timeout', () => {
    const { ctx, sim, q, groups } = queueWithGroups({ visibilityTimeout: '1s', maxReceives: 3 }, [{ consumers: 1, processing: '1ms', poison: 1, retries: 0 }]);
    fill(ctx, q, 1);
    sim.runUntil(3 * s - 1);
    expect(q.stats).toMatchObject({ delivered: 3, deadLettered: 0 });
    sim.runUntil(3 * s);
    expect(q.stats.deadLettered).toBe(1);
    expect(groups[0].stats).toMatchObject({ deadLettered: 1, processed: 0 });
  });

  it('lose what a crashed at-most-once member had deleted but not processed', () => {
    const { ctx, sim, q, groups } = queueWithGroups({ visibilityTimeout: '1s' }, [{ consumers: 1, processing: '1s', delivery: 'at-most-once', maxPollRecords: 3 }]);
    fill(ctx, q, 3);
    sim.runUntil(1500 * ms);
    groups[0].crashMember(0);
    sim.runUntil(10 * s);
    expect(groups[0].stats).toMatchObject({ processed: 1, lostAtMostOnce: 2 });
    expect(q.stats).toMatchObject({ acked: 3, redelivered: 0 });
  });

  it('skip a redelivered event an idempotent group has applied, but not one still being processed', () => {
    const crashed = queueWithGroups({ visibilityTimeout: '5s' }, [{ consumers: 2, processing: '10ms', maxPollRecords: 10, commit: 'poll', delivery: 'idempotent' }]);
    fill(crashed.ctx, crashed.q, 40);
    crashed.sim.runUntil(35 * ms);
    const done = crashed.groups[0].members[0].undeleted.length;
    crashed.groups[0].crashMember(0);
    crashed.sim.runUntil(20 * s);
    expect(done).toBeGreaterThan(0);
    expect(crashed.groups[0].stats).toMatchObject({ processed: 40, duplicates: 0, redelivered: done });

    // Received again while the first processing runs: the event id is not known yet, so it runs twice.
    const slow = queueWithGroups({ visibilityTimeout: '2s' }, [{ consumers: 2, processing: '3s', commit: 'record', delivery: 'idempotent' }]);
    fill(slow.ctx, slow.q, 1);
    slow.sim.runUntil(10 * s);
    expect(slow.groups[0].stats).toMatchObject({ processed: 1, duplicates: 1, redelivered: 0 });
  });
});

/** A producer writing the same keyed events to a topic and a queue, each read by one group. */
function doc(overrides: { queueConsumers?: number; timeline?: ScenarioInput['timeline'] } = {}): ScenarioInput {
  const group = { kind: 'consumer-group' as const, processing: { dist: 'exponential' as const, mean: '4ms' }, maxPollRecords: 10, commit: 'poll' as const };
  return {
    version: 1,
    seed: 3,
    duration: '30s',
    components: [
      { id: 'p', kind: 'producer', rate: 400, keys: { dist: 'uniform', count: 20 } },
      { id: 't', kind: 'topic', partitions: 4 },
      { id: 'q', kind: 'queue', visibilityTimeout: '3s' },
      { id: 'stream', ...group, consumers: 4 },
      { id: 'work', ...group, consumers: overrides.queueConsumers ?? 4 },
    ],
    connections: [
      { from: 'p', to: 't' },
      { from: 'p', to: 'q' },
      { from: 't', to: 'stream' },
      { from: 'q', to: 'work' },
    ],
    timeline: overrides.timeline ?? [],
  };
}

function scenarioRun(input: ScenarioInput): ScenarioRun {
  const loaded = loadScenario(input);
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return new ScenarioRun(loaded.scenario);
}

describe('a queue beside a topic in a run', () => {
  it('keeps per-key order with one consumer and breaks it with competing ones, where the topic keeps it', () => {
    const one = scenarioRun(doc({ queueConsumers: 1 })).runToEnd();
    const four = scenarioRun(doc()).runToEnd();
    expect(one.groups.work.orderingViolations).toBe(0);
    expect(one.queues.q.orderingViolations).toBe(0);
    expect(four.groups.work.orderingViolations).toBeGreaterThan(0);
    expect(four.queues.q.orderingViolations).toBe(four.groups.work.orderingViolations);
    expect(four.groups.stream.orderingViolations).toBe(0);
  });

  it('conserves every message exactly, in the queue and in the group reading it, through a crash', () => {
    const run = scenarioRun(doc({ timeline: [{ at: '10s', action: 'crash-consumer', target: 'work', member: 1 }, { at: '12s', action: 'restart-consumer', target: 'work', member: 1 }] }));
    for (let t = 1; t <= 30; t += 1.7) {
      run.runUntil(t * s);
      const result = run.result();
      expect(result.queues.q.conservation.holds).toBe(true);
      expect(result.groups.work.conservation.holds).toBe(true);
    }
    const result = run.result();
    // Messages still on the network (1 ms) are sent but not yet enqueued.
    expect(result.queues.q.enqueued).toBeLessThanOrEqual(result.producers.p.sent);
    expect(result.queues.q.enqueued).toBeGreaterThan(result.producers.p.sent - 10);
    expect(result.groups.work.members.map((m) => m.partitions)).toEqual([[], [], [], []]);
    expect(result.groups.work.rebalances).toBe(0);
  });

  it('gives the same result run in one go or stepped in slices', () => {
    const timeline: ScenarioInput['timeline'] = [
      { at: '5s', action: 'crash-consumer', target: 'work', member: 0 },
      { at: '9s', action: 'add-consumer', target: 'work' },
      { at: '15s', action: 'remove-consumer', target: 'work', member: 2 },
    ];
    const whole = scenarioRun(doc({ timeline })).runToEnd();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 * s }), { maxLength: 8 }), (stops) => {
        const run = scenarioRun(doc({ timeline }));
        for (const stop of [...stops].sort((a, b) => a - b)) run.runUntil(stop);
        expect(run.runToEnd()).toEqual(whole);
      }),
      { numRuns: 5 },
    );
    expect(whole.queues.q.processed).toBeGreaterThan(10_000);
  });
});

describe('the loader, for queues', () => {
  const problems = (components: ScenarioInput['components'], connections: ScenarioInput['connections']) => {
    const loaded = loadScenario({ version: 1, components, connections });
    return loaded.ok ? [] : loaded.problems;
  };

  it('refuses a group reading a topic and a queue, or two queues', () => {
    const both = problems(
      [
        { id: 'p', kind: 'producer' },
        { id: 't', kind: 'topic' },
        { id: 'q', kind: 'queue' },
        { id: 'r', kind: 'queue' },
        { id: 'g', kind: 'consumer-group' },
      ],
      [
        { from: 'p', to: 't' },
        { from: 'p', to: 'q' },
        { from: 't', to: 'g' },
        { from: 'q', to: 'g' },
        { from: 'r', to: 'g' },
      ],
    );
    expect(both).toEqual([
      'components[4]: "g" reads the topic "t" and the queue "q"; a group reads topics or one queue, not both',
      'components[4]: "g" reads the queues "q" and "r"; a group reads one queue (use one group per queue)',
    ]);
  });

  it('refuses a visibility timeout of 0 and a queue that dead-letters to itself', () => {
    expect(problems([{ id: 'q', kind: 'queue', visibilityTimeout: 0, maxReceives: 2, deadLetterQueue: 'q' }], [])).toEqual([
      'components[0].visibilityTimeout: must be above 0 (a message would be visible again the moment it is received)',
      'components[0].deadLetterQueue: must be another queue, not "q" itself',
    ]);
  });

  it('lets a producer write to a queue and a queue feed a group, but not a queue feed a topic', () => {
    expect(problems([{ id: 'q', kind: 'queue' }, { id: 't', kind: 'topic' }], [{ from: 'q', to: 't' }])).toEqual(['connections[0]: a queue can be wired only to a consumer-group, not to a topic']);
  });
});
