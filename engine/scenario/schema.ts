/**
 * The scenario file, version 1, defined once: its types, its defaults (Kafka's, where Kafka has
 * one) and its validation. Files write durations as `"250ms"` or milliseconds and rates as
 * `"2000/s"` or numbers; the parsed scenario holds whole microseconds and messages per second, so
 * the model never parses anything.
 */
import { z } from 'zod';
import { distributionProblems, type DistributionSpec } from '../core/distributions.ts';
import { keyProblems, type KeySpec } from '../core/keys.ts';
import { parseDuration, parseRate } from '../core/time.ts';

export const SCENARIO_VERSION = 1;

/** A string or number read by `parse`, whose error message becomes the issue. */
function parsedWith(parse: (value: unknown) => number) {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    try {
      return parse(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
}

/** A duration: `"250ms"`, `"1.5s"`, `"5m"`, `"2h"`, `"7d"` or milliseconds; parsed to microseconds. */
export const duration = parsedWith(parseDuration);

/** A rate: `2000` or `"2000/s"`; parsed to events per second. */
export const rate = parsedWith(parseRate);

const whole = (min: number, max: number) =>
  z.number().int(`must be a whole number from ${min} to ${max}`).min(min, `must be a whole number from ${min} to ${max}`).max(max, `must be a whole number from ${min} to ${max}`);
const probability = z.number().min(0, 'must be a number from 0 to 1').max(1, 'must be a number from 0 to 1');
const id = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1 to 64 letters, digits, "_", "." or "-"');

/** A distribution of durations (fields in durations, parsed to microseconds) or of plain numbers. */
function distribution(value: z.ZodType<number, unknown>) {
  return z
    .discriminatedUnion('dist', [
      z.strictObject({ dist: z.literal('constant'), value }),
      z.strictObject({ dist: z.literal('uniform'), min: value, max: value }),
      z.strictObject({ dist: z.literal('exponential'), mean: value }),
      z.strictObject({ dist: z.literal('normal'), mean: value, stddev: value }),
      z.strictObject({ dist: z.literal('lognormal'), median: value, p99: value }),
      z.strictObject({ dist: z.literal('empirical'), values: z.array(value).min(1), weights: z.array(z.number()).optional() }),
    ])
    .superRefine((spec, ctx) => {
      for (const problem of distributionProblems(spec as DistributionSpec)) {
        const [field, ...rest] = problem.split(': ');
        ctx.addIssue({ code: 'custom', path: [field], message: rest.join(': ') });
      }
    }) as unknown as z.ZodType<DistributionSpec, unknown>;
}

/** A duration, or a distribution of durations. A plain duration means a constant. */
const durationDistribution = z.union([duration.transform((value): DistributionSpec => ({ dist: 'constant', value })), distribution(duration)]);
/** A size in bytes, or a distribution of sizes. */
const sizeDistribution = z.union([
  z.number().min(0, 'must be 0 or more').transform((value): DistributionSpec => ({ dist: 'constant', value })),
  distribution(z.number().min(0, 'must be 0 or more')),
]);

const keySpec = z
  .discriminatedUnion('dist', [
    z.strictObject({ dist: z.literal('none') }),
    z.strictObject({ dist: z.literal('uniform'), count: whole(1, 100_000_000) }),
    z.strictObject({ dist: z.literal('zipf'), count: whole(1, 100_000_000), exponent: z.number().positive('must be above 0') }),
    z.strictObject({ dist: z.literal('hot'), count: whole(1, 100_000_000), hotKeys: z.array(z.string()).min(1), hotFraction: probability }),
    z.strictObject({ dist: z.literal('sequential'), count: whole(1, 100_000_000) }),
  ])
  .superRefine((spec, ctx) => {
    for (const problem of keyProblems(spec as KeySpec)) {
      const [field, ...rest] = problem.split(': ');
      ctx.addIssue({ code: 'custom', path: [field], message: rest.join(': ') });
    }
  }) as unknown as z.ZodType<KeySpec, unknown>;

const base = { id, name: z.string().max(200).optional(), description: z.string().max(2000).optional() };

export const producerSchema = z.strictObject({
  ...base,
  kind: z.literal('producer'),
  /** Messages per second. */
  rate: rate.default(100),
  arrival: z.enum(['poisson', 'constant']).default('poisson'),
  keys: keySpec.default({ dist: 'uniform', count: 1000 }),
  /** `default`: murmur2 for keyed records, sticky for keyless (Kafka 3.3+). */
  partitioner: z.enum(['default', 'round-robin', 'random']).default('default'),
  /** Send every record to this partition (overrides the partitioner). */
  partition: whole(0, 9_999).optional(),
  /** linger.ms: Kafka 4.0's default is 5 ms. */
  linger: duration.default(5_000),
  /** batch.size in bytes. */
  batchSize: whole(1, 1 << 30).default(16_384),
  /** Producer to broker, one way. */
  networkLatency: duration.default(1_000),
  /** Bytes per event (a number or a distribution). */
  eventSize: sizeDistribution.default({ dist: 'constant', value: 100 }),
  /** Chance that one send of a batch fails (then retried after retryBackoff). */
  failureRate: probability.default(0),
  /** retries: Kafka's default is effectively unlimited, bounded by deliveryTimeout. */
  retries: whole(0, 2_147_483_647).default(2_147_483_647),
  /** retry.backoff.ms */
  retryBackoff: duration.default(100_000),
  /** delivery.timeout.ms: a batch not acknowledged this long after it was created fails. */
  deliveryTimeout: duration.default(120_000_000),
  /** acks: 0 (no response), 1 (the leader has it) or all (every in-sync replica has it). */
  acks: z.union([z.literal(0), z.literal(1), z.literal('all')]).default('all'),
  /** enable.idempotence: retries keep per-partition order and never duplicate. Needs acks=all. */
  idempotent: z.boolean().default(true),
  /** max.in.flight.requests.per.connection, per partition here. */
  maxInFlight: whole(1, 1000).default(5),
  schemaVersion: whole(1, 65_535).default(1).describe('Schema version of the events it writes, carried by each record; the set-schema timeline action moves it on.'),
  writes: z
    .enum(['publish-only', 'dual-write', 'outbox'])
    .default('publish-only')
    .describe('publish-only: each event is only published. dual-write: the app writes its database and publishes, two separate steps a crash can come between. outbox: the app writes the event to an outbox table in the same transaction, and a relay publishes from it.'),
  order: z
    .enum(['db-first', 'publish-first'])
    .default('db-first')
    .describe('dual-write: db-first commits, then publishes (a crash in between leaves events missing); publish-first publishes, waits for the acknowledgement, then commits (a crash in between leaves phantom events).'),
  dbWrite: durationDistribution.default({ dist: 'constant', value: 2_000 }).describe('dual-write and outbox: time to commit the database transaction.'),
  relayInterval: duration.default(100_000).describe('outbox: the relay sleeps this long between polls of the outbox table.'),
  relayBatch: whole(1, 1_000_000).default(100).describe('outbox: rows the relay takes per poll.'),
});

export const topicSchema = z.strictObject({
  ...base,
  kind: z.literal('topic'),
  partitions: whole(1, 10_000).default(1),
  /** retention.ms */
  retention: duration.default(7 * 86_400_000_000),
  /** retention.bytes per partition; absent means unlimited (Kafka's -1). */
  retentionBytes: whole(0, Number.MAX_SAFE_INTEGER).optional(),
  /** segment.bytes: retention deletes whole segments. */
  segmentBytes: whole(1, Number.MAX_SAFE_INTEGER).default(1_073_741_824),
  /** segment.ms: a segment is rolled once its first record is this old. */
  segmentTime: duration.default(7 * 86_400_000_000),
  /** How often the broker checks for segments to delete (log.retention.check.interval.ms). */
  retentionCheckInterval: duration.default(300_000_000),
  /** Copies of each partition, on different brokers (needs a cluster with that many brokers). */
  replicationFactor: whole(1, 100).default(1),
  /** min.insync.replicas: with acks=all, fewer in-sync replicas than this refuse writes. */
  minInsyncReplicas: whole(1, 100).default(1),
  /** The cluster the topic lives on; the only cluster when omitted. */
  cluster: id.optional(),
});

export const consumerGroupSchema = z.strictObject({
  ...base,
  kind: z.literal('consumer-group'),
  consumers: whole(0, 10_000).default(1),
  /** partition.assignment.strategy */
  assignor: z.enum(['range', 'roundrobin', 'sticky', 'cooperative-sticky']).default('range'),
  /** Time to process one record, before any service call. */
  processing: durationDistribution.default({ dist: 'exponential', mean: 1_000 }),
  /** max.poll.records */
  maxPollRecords: whole(1, 1_000_000).default(500),
  /** Broker to consumer: a fetch's records arrive this long after they are available. */
  fetchLatency: duration.default(1_000),
  /** Time for a commit to reach the coordinator. */
  commitLatency: duration.default(1_000),
  /** `auto`: every autoCommitInterval, at poll time; `poll`: after each poll's records; `record`: after each record. */
  commit: z.enum(['auto', 'poll', 'record']).default('auto'),
  autoCommitInterval: duration.default(5_000_000),
  delivery: z.enum(['at-least-once', 'at-most-once', 'idempotent']).default('at-least-once'),
  /** session.timeout.ms */
  sessionTimeout: duration.default(45_000_000),
  /** heartbeat.interval.ms */
  heartbeatInterval: duration.default(3_000_000),
  /** group.initial.rebalance.delay.ms */
  initialRebalanceDelay: duration.default(3_000_000),
  /** max.poll.interval.ms: a member that does not poll for this long leaves the group. */
  maxPollInterval: duration.default(300_000_000),
  /** metadata.max.age.ms: how soon new partitions are noticed. */
  metadataMaxAge: duration.default(300_000_000),
  /** auto.offset.reset: Kafka's default is latest. */
  autoOffsetReset: z.enum(['earliest', 'latest']).default('latest'),
  /** group.instance.id per member: makes members static. */
  instanceIds: z.array(id).optional(),
  /** Attempts after the first failure of a record before it is dead-lettered (or skipped). */
  retries: whole(0, 1_000_000).default(3),
  retryBackoff: duration.default(100_000),
  /** Topic that records failing every retry go to; without one they are skipped (counted). */
  deadLetterTopic: id.optional(),
  /** Fraction of records that always fail (poison records), chosen by event id. */
  poison: probability.default(0),
  schema: z
    .strictObject({
      reads: whole(1, 65_535).default(1).describe('The schema version the group\'s code was built for; set-reader-schema moves it on.'),
      rule: z
        .enum(['backward', 'forward', 'full', 'none'])
        .default('backward')
        .describe('The compatibility it relies on (Schema Registry\'s meanings): backward, it reads records older than its version; forward, newer ones; full, both; none, its own version only. Each change in between must have declared that compatibility.'),
      onFailure: z
        .enum(['stall', 'retry', 'dead-letter', 'skip'])
        .default('stall')
        .describe('A record it cannot read: stall (retried every retryBackoff until readable, blocking its partition, as a Kafka consumer whose deserializer throws), retry (retries, then dead-letter), dead-letter (at once, to deadLetterTopic), skip (dropped, counted).'),
    })
    .optional()
    .describe('Which schema versions the group reads. Absent: it reads every version.'),
});

/**
 * A stream processor (a Kafka Streams application): a consumer group, with every group setting,
 * that counts its records per key in event-time windows and writes each window's counts to the
 * wired topics once the window closes (engine/model/processor.ts).
 */
export const processorSchema = consumerGroupSchema
  .omit({ kind: true, deadLetterTopic: true, poison: true, retries: true, retryBackoff: true })
  .extend({
    kind: z.literal('processor'),
    window: z
      .enum(['tumbling', 'hopping'])
      .default('tumbling')
      .describe('tumbling: back-to-back windows, each record in one; hopping: windows start every `advance`, each record in about windowSize / advance of them (Kafka Streams\' hopping TimeWindows, Flink\'s sliding windows).'),
    windowSize: duration.default(60_000_000).describe('Length of a window in event time (TimeWindows size). Default 1m.'),
    advance: duration.optional().describe('hopping: time between window starts (TimeWindows advanceBy), above 0 and at most windowSize.'),
    grace: duration
      .default(0)
      .describe('How long after its end (in stream time: the largest event time seen) a window still takes records; then it closes and emits, and records for it are late, dropped (Kafka Streams\' grace period; 0 as ofSizeWithNoGrace).'),
    eventDelay: durationDistribution
      .default({ dist: 'constant', value: 0 })
      .describe('How long before its produce time each event happened (event time = create time - delay), drawn per event: a distribution makes records arrive out of event-time order, so some are late.'),
  });

export const serviceSchema = z.strictObject({
  ...base,
  kind: z.literal('service'),
  latency: durationDistribution.default({ dist: 'constant', value: 1_000 }),
  /** Calls served at once; more wait in a queue. Absent means unlimited. */
  concurrency: whole(1, 1_000_000).optional(),
  failureRate: probability.default(0),
  /** A call during an outage fails after this long. */
  timeout: duration.default(5_000_000),
  outages: z.array(z.strictObject({ start: duration, end: duration })).default([]),
});

/** An api handling client requests: it calls its services one after another, or commits its own write and publishes one event. */
export const apiSchema = z.strictObject({
  ...base,
  kind: z.literal('api'),
  /** Requests per second. */
  rate: rate.default(100).describe('Client requests per second: 200 or "200/s".'),
  arrival: z.enum(['poisson', 'constant']).default('poisson').describe('How requests arrive: poisson (random gaps) or constant (evenly spaced).'),
  mode: z
    .enum(['sync', 'async'])
    .default('sync')
    .describe('sync: after its own write, call each wired service in turn (wire order); async: after its own write, publish one event to the wired topic and answer once it is acknowledged.'),
  ownWrite: durationDistribution.default({ dist: 'constant', value: 2_000 }).describe('Time to commit its own write (its database), before any call or publish.'),
  timeout: duration.default(1_000_000).describe('How long the api waits for one service call (sync) or for the publish to be acknowledged (async) before it gives up and fails the attempt.'),
  retries: whole(0, 100).default(2).describe('Times the client retries a failed request; every retry runs the whole request again, so calls that succeeded before happen again.'),
  retryBackoff: duration.default(100_000).describe('Client wait before a retry.'),
  keys: keySpec.default({ dist: 'uniform', count: 1000 }).describe('Key of the published event (async), e.g. the post liked.'),
  eventSize: sizeDistribution.default({ dist: 'constant', value: 100 }).describe('Bytes per published event (async).'),
  linger: duration.default(5_000).describe('linger.ms of the api\'s producer (async).'),
  networkLatency: duration.default(1_000).describe('Api to broker, one way (async).'),
});

/**
 * A work queue (SQS, RabbitMQ): each message goes to one consumer and is deleted once acknowledged;
 * a received message stays invisible for `visibilityTimeout`, then is delivered again.
 */
export const queueSchema = z.strictObject({
  ...base,
  kind: z.literal('queue'),
  visibilityTimeout: duration
    .default(30_000_000)
    .describe('How long a received message stays hidden from other consumers; not deleted by then, it is delivered again (SQS VisibilityTimeout; default 30s).'),
  maxReceives: whole(1, 1_000_000)
    .optional()
    .describe('A message received this many times and still not deleted goes to the deadLetterQueue when it next becomes visible (SQS maxReceiveCount). Absent: delivered again forever.'),
  deadLetterQueue: id.optional().describe('The queue that messages go to after maxReceives receives; absent: they are dropped, counted as dead-lettered.'),
  retention: duration.default(4 * 86_400_000_000).describe('A message still in the queue this long after it was enqueued is deleted, counted as expired (SQS MessageRetentionPeriod; default 4 days).'),
});

export const clusterSchema = z.strictObject({
  ...base,
  kind: z.literal('cluster'),
  brokers: whole(1, 1000).default(3),
  /** Bytes per second one broker takes in (producers and replication); absent means unlimited. */
  networkIn: z.number().positive('must be above 0').optional(),
  /** Bytes per second one broker can write to disk; absent means unlimited. */
  diskWrite: z.number().positive('must be above 0').optional(),
  /** Time a broker spends handling one produce request, before its bytes. */
  requestTime: duration.default(0),
  /** How far behind the leader a follower's fetches run (the replication delay). */
  replicaFetchDelay: duration.default(1_000),
  /** broker.session.timeout.ms: how long before the controller declares a silent broker dead. */
  brokerSessionTimeout: duration.default(9_000_000),
  /** Time the controller takes to elect new leaders once it has noticed. */
  controllerDelay: duration.default(100_000),
  /** unclean.leader.election.enable: let an out-of-sync replica lead (loses data). */
  uncleanLeaderElection: z.boolean().default(false),
  /** leader.imbalance.check.interval.seconds: how often preferred leaders are restored. */
  leaderImbalanceCheckInterval: duration.default(300_000_000),
});

/** The signals of the operator's view whose thresholds a scenario can set (engine/analysis/operator.ts has the defaults). */
export const OPERATOR_SIGNALS = ['publishFailures', 'lag', 'lagTimeMs', 'oldestUnprocessedMs', 'retryRate', 'deadLettered', 'schemaFailures', 'retentionHeadroom', 'replayMs', 'skew'] as const;

const thresholdSchema = z
  .strictObject({ amber: z.number().finite(), red: z.number().finite() })
  .describe('A signal turns amber at `amber` and red at `red` (below them, for a signal where lower is worse).');

/** The charts a narrative step can point at (the playground's chart names). */
export const CHART_NAMES = ['latency', 'lag', 'throughput', 'skew'] as const;

/** What a narrative step talks about: a component (one of its partitions, or one of its members) or a chart. */
export const highlightSchema = z
  .strictObject({
    component: id.optional(),
    partition: whole(0, 9_999).optional(),
    member: whole(0, 9_999).optional(),
    chart: z.enum(CHART_NAMES).optional(),
  })
  .superRefine((h, ctx) => {
    // One object, not a union, so a misspelt chart or field gets a precise message.
    if ((h.component === undefined) === (h.chart === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'must name either a component (optionally with a partition or a member) or a chart, such as { "component": "likes", "partition": 0 } or { "chart": "lag" }' });
    } else if (h.chart !== undefined && (h.partition !== undefined || h.member !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a partition or a member belongs to a component, not to a chart' });
    }
  });

export const narrativeStepSchema = z.strictObject({
  at: duration,
  text: z.string().max(5000),
  highlight: z
    .array(highlightSchema)
    .max(20)
    .optional()
    .describe('What the step talks about, highlighted while it shows: {"component": "likes", "partition": 0}, {"component": "counter", "member": 2}, {"chart": "lag"}. Absent: the components the text names.'),
});

export const componentSchema = z.discriminatedUnion('kind', [producerSchema, topicSchema, consumerGroupSchema, serviceSchema, clusterSchema, queueSchema, apiSchema, processorSchema]);

const connectionSchema = z.strictObject({ from: id, to: id });

const memberAction = <A extends string>(action: A) =>
  z.strictObject({ at: duration, action: z.literal(action), target: id, member: whole(0, 9_999).optional() });

export const timelineActionSchema = z.discriminatedUnion('action', [
  memberAction('crash-consumer').extend({ member: whole(0, 9_999) }),
  memberAction('restart-consumer').extend({ member: whole(0, 9_999) }),
  memberAction('add-consumer'),
  memberAction('remove-consumer'),
  z.strictObject({ at: duration, action: z.literal('set-rate'), target: id, rate }),
  z.strictObject({ at: duration, action: z.literal('add-partitions'), target: id, partitions: whole(1, 10_000) }),
  z.strictObject({
    at: duration,
    action: z.literal('reset-offsets'),
    target: id,
    /** `earliest`, `latest`, or a time (replay from the first record produced at or after it). */
    to: z.union([z.enum(['earliest', 'latest']), duration]),
  }),
  z.strictObject({ at: duration, action: z.literal('outage-start'), target: id }),
  z.strictObject({ at: duration, action: z.literal('outage-end'), target: id }),
  /** A service's calls take this long from now on (a slowdown, or its end). */
  z.strictObject({ at: duration, action: z.literal('set-latency'), target: id, latency: durationDistribution }),
  z.strictObject({ at: duration, action: z.literal('crash-broker'), target: id, broker: whole(0, 999) }),
  z.strictObject({ at: duration, action: z.literal('restart-broker'), target: id, broker: whole(0, 999) }),
  /** Cut a broker off from the controller and the other brokers (and its clients); `reconnect-broker` ends it. */
  z.strictObject({ at: duration, action: z.literal('isolate-broker'), target: id, broker: whole(0, 999) }),
  z.strictObject({ at: duration, action: z.literal('reconnect-broker'), target: id, broker: whole(0, 999) }),
  /** A producer deploys a new schema version; `compatibility` is the new version's against its previous one. */
  z.strictObject({
    at: duration,
    action: z.literal('set-schema'),
    target: id,
    version: whole(1, 65_535),
    compatibility: z.enum(['backward', 'forward', 'full', 'none']).default('backward'),
  }),
  /** A consumer group deploys code built for another schema version. */
  z.strictObject({ at: duration, action: z.literal('set-reader-schema'), target: id, version: whole(1, 65_535) }),
  /** The producer's app process dies (and its outbox relay with it); `restart-producer` starts it again. */
  z.strictObject({ at: duration, action: z.literal('crash-producer'), target: id }),
  z.strictObject({ at: duration, action: z.literal('restart-producer'), target: id }),
]);

export const expectationSchema = z.strictObject({
  metric: z.string().min(1),
  op: z.enum(['<', '<=', '>', '>=', '==', '!=']),
  value: z.number(),
});

/**
 * The whole file. Older versions are upgraded to this one before it is parsed (migrations.ts);
 * the descriptions here show in editors through the generated JSON Schema.
 */
export const scenarioSchema = z.strictObject({
  /** Lets an editor find the JSON Schema, e.g. `"../public/scenario.schema.json"`; ignored by Streamlab. */
  $schema: z.string().max(1000).optional().describe('The JSON Schema of this file, for editors; ignored by Streamlab.'),
  version: z.literal(SCENARIO_VERSION).describe(`The version of the scenario format this file is written in; ${SCENARIO_VERSION} is the current one.`),
  name: z.string().max(200).default('Untitled scenario'),
  description: z.string().max(10_000).optional().describe('What the scenario shows, in a sentence or two.'),
  seed: z.union([z.number().int(), z.string().max(100)]).default(1).describe('The same scenario and seed give the same run, to the bit.'),
  duration: duration.default(60_000_000).describe('Simulated time: "250ms", "30s", "5m", "2h", "7d", or a number of milliseconds. Default 60s.'),
  /** Time between two samples of the time series. */
  sampleInterval: duration.default(1_000_000).describe('Time between two samples of the time series. Default 1s.'),
  components: z.array(componentSchema).describe('Producers, topics, consumer groups and services, each with a unique id.'),
  connections: z.array(connectionSchema).default([]).describe('Wires: producer to topic, topic to consumer-group, consumer-group to service or topic.'),
  timeline: z.array(timelineActionSchema).default([]).describe('Things that happen during the run, each at a time.'),
  expect: z.array(expectationSchema).default([]).describe('Checks on the result: a metric path such as "groups.billing.lag.max", an operator and a value.'),
  narrative: z
    .array(narrativeStepSchema)
    .default([])
    .describe('What a teacher says, and when: each entry is shown at its time.'),
  operator: z
    .strictObject(Object.fromEntries(OPERATOR_SIGNALS.map((name) => [name, thresholdSchema.optional()])) as Record<(typeof OPERATOR_SIGNALS)[number], z.ZodOptional<typeof thresholdSchema>>)
    .optional()
    .describe('Thresholds for the operator\'s view, per signal: { "lagTimeMs": { "amber": 5000, "red": 30000 } }. retentionHeadroom takes fractions of the retention (lower is worse).'),
  layout: z
    .record(z.string(), z.strictObject({ x: z.number(), y: z.number() }))
    .default({})
    .describe('Canvas positions by component id.'),
});

export type Highlight = z.infer<typeof highlightSchema>;
export type NarrativeStep = z.infer<typeof narrativeStepSchema>;

/** A scenario as written in a file. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A parsed scenario: defaults filled in, durations in microseconds, rates in events per second. */
export type Scenario = z.output<typeof scenarioSchema>;
export type Component = z.output<typeof componentSchema>;
export type ProducerSpec = z.output<typeof producerSchema>;
export type TopicSpec = z.output<typeof topicSchema>;
export type ConsumerGroupSpec = z.output<typeof consumerGroupSchema>;
export type ServiceSpec = z.output<typeof serviceSchema>;
export type ClusterSpec = z.output<typeof clusterSchema>;
export type QueueSpec = z.output<typeof queueSchema>;
export type ApiSpec = z.output<typeof apiSchema>;
export type ProcessorSpec = z.output<typeof processorSchema>;
export type TimelineAction = z.output<typeof timelineActionSchema>;
export type Expectation = z.output<typeof expectationSchema>;
export type ComponentKind = Component['kind'];
