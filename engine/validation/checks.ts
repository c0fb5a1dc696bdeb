/**
 * The validation suite's checks, as data: what theory says, the scenario that puts it to the test,
 * the seed, and how long to run in the full suite (`npm run validate`) and the short one (`npm test`).
 *
 * Queue checks make each member an exact single-server FIFO queue: every latency 0 (producer,
 * fetch, commit, start-up rebalance) and one member per partition, so a record's end-to-end latency
 * is its time in system (see test/validation/queueing.test.ts). A split of a Poisson stream by an
 * independent draw per record (random partitioner, or a key drawn per record) is Poisson, so each
 * member sees Poisson arrivals at its partition's share of the rate.
 *
 * Rebalance checks run an idle group (no producer), so every pause follows from the configured
 * timeouts and latencies alone, with nothing random in between.
 */
import { distributionMean, distributionVariance, type DistributionSpec } from '../core/distributions.ts';
import { createKeySampler, type KeySpec } from '../core/keys.ts';
import { MICROS_PER_SECOND } from '../core/time.ts';
import { partitionForKey } from '../kafka/murmur2.ts';
import type { ConsumerGroupSpec, ProducerSpec, Scenario, ScenarioInput } from '../scenario/schema.ts';

export type SuiteSize = 'full' | 'short';

type ComponentInput = ScenarioInput['components'][number];
type GroupInput = Extract<ComponentInput, { kind: 'consumer-group' }>;

/** One queue a queue check compares with theory: a partition and the member consuming it. */
export interface QueueTheory {
  partition: number;
  /** Row name, e.g. `partition 2 (the hot key), lambda 752/s`. */
  name: string;
  /** The formula with its numbers. */
  theory: string;
  /** Mean time in system, µs. */
  expectedUs: number;
  /** Arrival rate at this partition, records/s (sizes its batches). */
  lambdaPerSec: number;
}

interface CheckBase {
  id: string;
  /** What the check is about, in a few words (the table's first column). */
  title: string;
  seed: number;
  /** The scenario as written in a file, for a suite size. */
  scenario(size: SuiteSize): ScenarioInput;
}

/** Means of time in system against a closed-form result, with a batch-means interval. */
export interface QueueCheck extends CheckBase {
  kind: 'queue';
  /** The queues to compare, from the loaded scenario (so theory reads the same parameters the model runs). */
  theory(scenario: Scenario): QueueTheory[];
}

/** Little's law on one run: the time average of the group's lag against arrival rate times mean latency. */
export interface LittleCheck extends CheckBase {
  kind: 'little';
}

/**
 * What a rebalance check measures: the start-up pause of each partition, crash to session expiry,
 * the pause after the crash of the crashed member's partition or the survivor's, rebalances after it.
 */
export type PauseMeasure = 'start-up' | 'noticed' | 'crashed' | 'survivor' | 'rebalances';

/** One pause (or count) a rebalance check compares with the configured timeouts. */
export interface PauseTheory {
  measure: PauseMeasure;
  name: string;
  theory: string;
  /** µs, or a count for `rebalances`. */
  expected: number;
}

/** Rebalance pauses against the configured timeouts, in a run where member 1 crashes (and may restart). */
export interface PauseCheck extends CheckBase {
  kind: 'pause';
  theory(group: ConsumerGroupSpec, crashUs: number, restartUs: number | null): PauseTheory[];
}

export type ValidationCheck = QueueCheck | LittleCheck | PauseCheck;

/** Service rate of every queue check: 1 ms mean processing. */
const MU_PER_SEC = 1000;

const ms = (us: number) => us / 1000;
const fmt = (x: number, digits = 3) => Number(x.toFixed(digits)).toString();

/** A producer → topic → group chain with every latency 0: each member a FIFO queue on its partition. */
function queueScenario(options: {
  name: string;
  seconds: number;
  ratePerSec: number;
  partitions: number;
  processing: GroupInput['processing'];
  keys?: KeySpec;
  commit?: 'auto' | 'record';
  timeline?: ScenarioInput['timeline'];
}): ScenarioInput {
  const keyed = options.keys !== undefined && options.keys.dist !== 'none';
  return {
    version: 1,
    name: options.name,
    duration: `${options.seconds}s`,
    components: [
      {
        id: 'producer',
        kind: 'producer',
        rate: options.ratePerSec,
        arrival: 'poisson',
        keys: options.keys ?? { dist: 'none' },
        partitioner: keyed ? 'default' : 'random',
        linger: 0,
        networkLatency: 0,
      },
      { id: 'topic', kind: 'topic', partitions: options.partitions },
      {
        id: 'group',
        kind: 'consumer-group',
        consumers: options.partitions,
        processing: options.processing,
        fetchLatency: 0,
        commitLatency: 0,
        initialRebalanceDelay: 0,
        ...(options.commit ? { commit: options.commit } : {}),
      },
    ],
    connections: [
      { from: 'producer', to: 'topic' },
      { from: 'topic', to: 'group' },
    ],
    timeline: options.timeline ?? [],
  };
}

function producerOf(scenario: Scenario): ProducerSpec {
  const producer = scenario.components.find((c) => c.kind === 'producer');
  if (!producer) throw new Error(`${scenario.name}: a queue check needs its producer`);
  return producer;
}

function groupOf(scenario: Scenario): ConsumerGroupSpec {
  const group = scenario.components.find((c) => c.kind === 'consumer-group');
  if (!group) throw new Error(`${scenario.name}: a check needs its consumer group`);
  return group;
}

/** M/G/1 by Pollaczek–Khinchine: W = E[S] + lambda E[S^2] / (2 (1 - rho)), µs. */
export function pollaczekKhinchineUs(lambdaPerSec: number, service: DistributionSpec): number {
  const meanUs = distributionMean(service);
  const secondMomentUs2 = distributionVariance(service) + meanUs ** 2;
  const lambdaPerUs = lambdaPerSec / MICROS_PER_SECOND;
  const rho = lambdaPerUs * meanUs;
  if (rho >= 1) return Infinity;
  return meanUs + (lambdaPerUs * secondMomentUs2) / (2 * (1 - rho));
}

/** Each partition's share of a keyed producer's records under Kafka's default partitioner. */
export function partitionShares(producer: ProducerSpec, partitions: number): number[] {
  const keys = producer.keys;
  if (keys.dist !== 'hot' && keys.dist !== 'uniform') throw new Error(`partition shares: ${keys.dist} keys are not supported`);
  // Names only: the sampler's random numbers are never drawn here.
  const sampler = createKeySampler(keys, () => 0);
  const shares = new Array<number>(partitions).fill(0);
  const hot = keys.dist === 'hot' ? keys.hotKeys.length : 0;
  for (let id = 0; id < sampler.count; id++) {
    const p = keys.dist === 'hot' ? (id < hot ? keys.hotFraction / hot : (1 - keys.hotFraction) / (sampler.count - hot)) : 1 / sampler.count;
    shares[partitionForKey(sampler.name(id), partitions)] += p;
  }
  return shares;
}

/** An M/M/1 queue at utilisation `rho`: one partition, one member, exponential 1 ms processing. */
function mm1(rho: number, seconds: Record<SuiteSize, number>): QueueCheck {
  return {
    kind: 'queue',
    id: `mm1-rho-${rho}`,
    title: `M/M/1, rho ${rho}`,
    seed: 1,
    scenario: (size) => queueScenario({ name: `M/M/1 at rho ${rho}`, seconds: seconds[size], ratePerSec: rho * MU_PER_SEC, partitions: 1, processing: { dist: 'exponential', mean: 1 } }),
    theory: (scenario) => {
      const lambda = producerOf(scenario).rate;
      const mu = MICROS_PER_SECOND / distributionMean(groupOf(scenario).processing);
      return [{ partition: 0, name: 'mean time in system', theory: `1/(mu - lambda), mu ${fmt(mu)}/s, lambda ${fmt(lambda)}/s`, expectedUs: MICROS_PER_SECOND / (mu - lambda), lambdaPerSec: lambda }];
    },
  };
}

/** An M/G/1 queue: one partition, one member, `processing` as given; theory by Pollaczek–Khinchine. */
function mg1(id: string, title: string, ratePerSec: number, processing: GroupInput['processing'], seconds: Record<SuiteSize, number>): QueueCheck {
  return {
    kind: 'queue',
    id,
    title,
    seed: 1,
    scenario: (size) => queueScenario({ name: title, seconds: seconds[size], ratePerSec, partitions: 1, processing }),
    theory: (scenario) => {
      const lambda = producerOf(scenario).rate;
      const service = groupOf(scenario).processing;
      const meanMs = ms(distributionMean(service));
      const secondMs2 = (distributionVariance(service) + distributionMean(service) ** 2) / 1e6;
      const rho = (lambda * meanMs) / 1000;
      return [
        {
          partition: 0,
          name: 'mean time in system',
          theory: `E[S] + lambda E[S^2]/(2(1 - rho)), E[S] ${fmt(meanMs, 4)} ms, E[S^2] ${fmt(secondMs2, 4)} ms^2, lambda ${fmt(lambda)}/s, rho ${fmt(rho, 4)}`,
          expectedUs: pollaczekKhinchineUs(lambda, service),
          lambdaPerSec: lambda,
        },
      ];
    },
  };
}

/** Four partitions fed by keys with one hot key: members see different Poisson rates. */
function hotKey(seconds: Record<SuiteSize, number>): QueueCheck {
  return {
    kind: 'queue',
    id: 'hot-key-members',
    title: 'per-member M/M/1, hot key',
    seed: 1,
    scenario: (size) =>
      queueScenario({
        name: 'Hot key, one member per partition',
        seconds: seconds[size],
        ratePerSec: 1600,
        partitions: 4,
        processing: { dist: 'exponential', mean: 1 },
        keys: { dist: 'hot', count: 1000, hotKeys: ['post_42'], hotFraction: 0.3 },
      }),
    theory: (scenario) => {
      const producer = producerOf(scenario);
      const topic = scenario.components.find((c) => c.kind === 'topic')!;
      const mu = MICROS_PER_SECOND / distributionMean(groupOf(scenario).processing);
      const shares = partitionShares(producer, topic.partitions);
      const hotPartition = producer.keys.dist === 'hot' ? partitionForKey(producer.keys.hotKeys[0], topic.partitions) : -1;
      return shares.map((share, partition) => {
        const lambda = producer.rate * share;
        return {
          partition,
          name: `member on partition ${partition}${partition === hotPartition ? ' (hot key)' : ''}, lambda ${fmt(lambda, 1)}/s`,
          theory: `1/(mu - lambda_member), lambda_member from murmur2 over the keys`,
          expectedUs: MICROS_PER_SECOND / (mu - lambda),
          lambdaPerSec: lambda,
        };
      });
    },
  };
}

/** Arrivals stop this long before the end, so the system is empty when the run ends. */
export const LITTLE_DRAIN_SECONDS = 20;

function little(seconds: Record<SuiteSize, number>): LittleCheck {
  return {
    kind: 'little',
    id: 'little',
    title: "Little's law",
    seed: 1,
    scenario: (size) =>
      queueScenario({
        name: "Little's law on an M/M/1 queue at rho 0.8",
        seconds: seconds[size],
        ratePerSec: 800,
        partitions: 1,
        processing: { dist: 'exponential', mean: 1 },
        // Committing each record at once makes lag the number of records in the system.
        commit: 'record',
        timeline: [{ at: `${seconds[size] - LITTLE_DRAIN_SECONDS}s`, action: 'set-rate', target: 'producer', rate: 0 }],
      }),
  };
}

/** An idle group of two members on two partitions; member 1 crashes at 20.5 s (and may restart). */
function pauseScenario(name: string, group: Partial<GroupInput>, restartAt?: string): ScenarioInput {
  return {
    version: 1,
    name,
    duration: '120s',
    components: [
      { id: 'topic', kind: 'topic', partitions: 2 },
      {
        id: 'group',
        kind: 'consumer-group',
        consumers: 2,
        commitLatency: 10,
        fetchLatency: 1,
        initialRebalanceDelay: '3s',
        sessionTimeout: '45s',
        heartbeatInterval: '3s',
        ...group,
      },
    ],
    connections: [{ from: 'topic', to: 'group' }],
    timeline: [
      { at: '20.5s', action: 'crash-consumer', target: 'group', member: 1 },
      ...(restartAt ? [{ at: restartAt, action: 'restart-consumer' as const, target: 'group', member: 1 }] : []),
    ],
  };
}

/** Crash to session expiry: the session runs from the member's last heartbeat before the crash. */
function detection(group: ConsumerGroupSpec, crashUs: number): { us: number; text: string } {
  const h = group.heartbeatInterval;
  const sinceHeartbeat = h > 0 ? crashUs % h : 0; // members start at 0, so heartbeats fall on multiples of h
  return {
    us: group.sessionTimeout - sinceHeartbeat,
    text: `sessionTimeout ${ms(group.sessionTimeout)} ms - ${ms(sinceHeartbeat)} ms since the last heartbeat`,
  };
}

function startUp(group: ConsumerGroupSpec): PauseTheory {
  return {
    measure: 'start-up',
    name: 'new group: each partition idle until its first assignment',
    theory: `initialRebalanceDelay ${ms(group.initialRebalanceDelay)} + JoinGroup ${ms(group.commitLatency)} + SyncGroup ${ms(group.commitLatency)} ms`,
    expected: group.initialRebalanceDelay + 2 * group.commitLatency,
  };
}

const eager: PauseCheck = {
  kind: 'pause',
  id: 'rebalance-eager',
  title: 'rebalance, eager (range)',
  seed: 1,
  scenario: () => pauseScenario('Crash in an eager group', { assignor: 'range' }),
  theory: (group, crashUs) => {
    const noticed = detection(group, crashUs);
    const c = ms(group.commitLatency);
    return [
      startUp(group),
      {
        measure: 'noticed',
        name: 'crash noticed (within (sessionTimeout - heartbeatInterval, sessionTimeout])',
        theory: noticed.text,
        expected: noticed.us,
      },
      {
        measure: 'crashed',
        name: "crashed member's partition idle",
        theory: `noticed + survivor's commit ${c} + JoinGroup ${c} + SyncGroup ${c} ms`,
        expected: noticed.us + 3 * group.commitLatency,
      },
      {
        measure: 'survivor',
        name: "survivor's partition idle (revoked, then given back)",
        theory: `JoinGroup ${c} + SyncGroup ${c} ms after its commit`,
        expected: 2 * group.commitLatency,
      },
    ];
  },
};

const cooperative: PauseCheck = {
  kind: 'pause',
  id: 'rebalance-cooperative',
  title: 'rebalance, cooperative-sticky',
  seed: 1,
  scenario: () => pauseScenario('Crash in a cooperative group', { assignor: 'cooperative-sticky' }),
  theory: (group, crashUs) => {
    const noticed = detection(group, crashUs);
    const c = ms(group.commitLatency);
    return [
      {
        measure: 'crashed',
        name: "crashed member's partition idle",
        theory: `noticed (${ms(noticed.us)} ms) + JoinGroup ${c} + SyncGroup ${c} ms`,
        expected: noticed.us + 2 * group.commitLatency,
      },
      { measure: 'survivor', name: "survivor's partition idle (it keeps consuming)", theory: 'none: its partition does not move', expected: 0 },
    ];
  },
};

const staticMembers: PauseCheck = {
  kind: 'pause',
  id: 'rebalance-static',
  title: 'static member restart',
  seed: 1,
  scenario: () => pauseScenario('A static member restarts within its session', { assignor: 'range', instanceIds: ['a', 'b'] }, '30s'),
  theory: (group, crashUs, restartUs) => [
    {
      measure: 'crashed',
      name: 'its partition idle',
      theory: `restart - crash ${ms((restartUs ?? crashUs) - crashUs)} ms (< sessionTimeout ${ms(group.sessionTimeout)} ms) + SyncGroup ${ms(group.commitLatency)} ms`,
      expected: (restartUs ?? crashUs) - crashUs + group.commitLatency,
    },
    { measure: 'rebalances', name: 'rebalances after the crash', theory: 'none: the coordinator still holds its instance id', expected: 0 },
  ],
};

/**
 * Every check, with simulated seconds per suite size. Full sizes give each mean a batch-means
 * half-width near 1% or less (M/M/1 at rho 0.9 needs about 20 million customers for that); short
 * sizes are the first part of the same runs, for `npm test`.
 */
export const CHECKS: readonly ValidationCheck[] = [
  mm1(0.5, { full: 2_000, short: 200 }),
  mm1(0.8, { full: 5_000, short: 400 }),
  mm1(0.9, { full: 22_000, short: 1_000 }),
  mg1('md1', 'M/D/1, rho 0.8', 800, 1, { full: 2_500, short: 250 }),
  mg1('mg1-lognormal', 'M/G/1, lognormal processing', 750, { dist: 'lognormal', median: 0.8, p99: 4 }, { full: 4_000, short: 400 }),
  hotKey({ full: 3_500, short: 300 }),
  little({ full: 600, short: 80 }),
  eager,
  cooperative,
  staticMembers,
];

export function checkById(id: string): ValidationCheck {
  const check = CHECKS.find((c) => c.id === id);
  if (!check) throw new Error(`no validation check "${id}"; the checks are ${CHECKS.map((c) => c.id).join(', ')}`);
  return check;
}
