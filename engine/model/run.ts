/**
 * A run of one scenario: builds the components from the parsed scenario, schedules its timeline,
 * samples the time series, and reports the result in the shape of the design's `run --json`.
 * Driven from outside (`runUntil`, `runToEnd`), like the kernel it sits on.
 */
import { RandomStreams, type Seed } from '../core/random.ts';
import { createSimulation, type Simulation, type SimulationOptions } from '../core/simulation.ts';
import type { Scenario, TimelineAction } from '../scenario/schema.ts';
import { Api } from './api.ts';
import { Cluster } from './cluster.ts';
import { ConsumerGroup } from './consumerGroup.ts';
import type { Mark, MarkKind, ModelContext } from './context.ts';
import { DbWriter } from './dbWriter.ts';
import { groupSpecOf, Processor } from './processor.ts';
import { Producer } from './producer.ts';
import { Queue } from './queue.ts';
import { QueueGroup } from './queueGroup.ts';
import { buildResult, type RunResult } from './result.ts';
import { SchemaHistory } from './schemaVersions.ts';
import { Service } from './service.ts';
import { Sampler } from './timeSeries.ts';
import { Topic } from './topic.ts';

export interface RunOptions {
  /** Replaces the scenario's seed. */
  seed?: Seed;
  /** Replaces the scenario's duration, microseconds. */
  durationUs?: number;
  kernel?: SimulationOptions;
}

/** Event ids are stored in 32 bits (see log.ts). */
const MAX_EVENT_ID = 0xffff_ffff;

export class ScenarioRun {
  readonly sim: Simulation;
  readonly seed: Seed;
  readonly durationUs: number;
  readonly topics = new Map<string, Topic>();
  readonly producers: Producer[] = [];
  readonly groups: ConsumerGroup[] = [];
  readonly services = new Map<string, Service>();
  readonly clusters = new Map<string, Cluster>();
  readonly queues = new Map<string, Queue>();
  /** Groups reading a queue: their members compete for messages (no partitions, no rebalances). */
  readonly queueGroups: QueueGroup[] = [];
  readonly apis: Api[] = [];
  /** The apps of producers that write a database (dual-write, outbox), by producer id. */
  readonly dbWriters = new Map<string, DbWriter>();
  /** Schema versions the run's producers moved through, and each change's compatibility. */
  readonly schemas = new SchemaHistory();
  /** Stream processors; each runs as one of `groups`. */
  readonly processors: Processor[] = [];
  /** Where topics live when the scenario declares no cluster: one broker that never fails or saturates. */
  readonly implicitCluster: Cluster;
  readonly marks: Mark[] = [];
  readonly sampler: Sampler;
  private eventCount = 0;

  constructor(
    readonly scenario: Scenario,
    options: RunOptions = {},
  ) {
    this.seed = options.seed ?? scenario.seed;
    this.durationUs = options.durationUs ?? scenario.duration;
    this.sim = createSimulation(options.kernel);
    const streams = new RandomStreams(this.seed);
    const keyOwners: { base: number; producer: Producer }[] = [];
    const ctx: ModelContext = {
      sim: this.sim,
      streams,
      nextEventId: () => {
        if (this.eventCount === MAX_EVENT_ID) throw new RangeError(`a run may produce at most ${MAX_EVENT_ID} events`);
        return this.eventCount++;
      },
      keyName: (slot) => {
        let owner = keyOwners[0];
        for (const candidate of keyOwners) if (candidate.base <= slot) owner = candidate;
        return owner.producer.keyName(slot - owner.base);
      },
      mark: (kind: MarkKind, target: string, detail: string) => this.marks.push({ timeUs: this.sim.now, kind, target, detail }),
    };

    const wires = (from: string) => scenario.connections.filter((c) => c.from === from).map((c) => c.to);
    const feeds = (to: string) => scenario.connections.filter((c) => c.to === to).map((c) => c.from);
    for (const c of scenario.components) if (c.kind === 'cluster') this.clusters.set(c.id, new Cluster(c, ctx));
    this.implicitCluster = new Cluster(
      { id: 'cluster', kind: 'cluster', brokers: 1, requestTime: 0, replicaFetchDelay: 0, brokerSessionTimeout: 0, controllerDelay: 0, uncleanLeaderElection: false, leaderImbalanceCheckInterval: 0 },
      ctx,
      false,
    );
    const clusterFor = (clusterId: string | undefined) =>
      clusterId !== undefined ? this.clusters.get(clusterId)! : this.clusters.size === 1 ? [...this.clusters.values()][0] : this.implicitCluster;
    // Topics and services first: producers and groups refer to them.
    for (const c of scenario.components) {
      if (c.kind === 'topic') this.topics.set(c.id, new Topic(c, ctx, clusterFor(c.cluster)));
      if (c.kind === 'service') this.services.set(c.id, new Service(c, ctx));
      if (c.kind === 'queue') this.queues.set(c.id, new Queue(c, ctx));
    }
    for (const queue of this.queues.values()) if (queue.spec.deadLetterQueue !== undefined) queue.deadLetterQueue = this.queues.get(queue.spec.deadLetterQueue);
    let keyBase = 0;
    for (const c of scenario.components) {
      if (c.kind !== 'producer') continue;
      const outputs = wires(c.id).map((id) => this.topics.get(id)).filter((t) => t !== undefined);
      const rateChanges = scenario.timeline.filter((a) => a.action === 'set-rate' && a.target === c.id).map((a) => a.at);
      const producer = new Producer(c, outputs, keyBase, ctx, rateChanges);
      keyOwners.push({ base: keyBase, producer });
      keyBase += producer.keyCount;
      for (const id of wires(c.id)) if (this.queues.has(id)) producer.sendTo(this.queues.get(id)!);
      if (c.writes !== 'publish-only') this.dbWriters.set(c.id, new DbWriter(c, producer, ctx));
      // The versions a producer will deploy are in the registry from the start: a group can be
      // built for one before any record of it is written (consumers upgraded first).
      let version = c.schemaVersion;
      for (const a of [...scenario.timeline].sort((x, y) => x.at - y.at)) {
        if (a.action !== 'set-schema' || a.target !== c.id) continue;
        this.schemas.change(version, a.version, a.compatibility);
        version = a.version;
      }
      this.producers.push(producer);
    }
    for (const c of scenario.components) {
      if (c.kind !== 'api') continue;
      const services = wires(c.id).map((id) => this.services.get(id)).filter((s) => s !== undefined);
      const topics = wires(c.id).map((id) => this.topics.get(id)).filter((t) => t !== undefined);
      const api = new Api(c, services, topics, keyBase, ctx);
      if (api.producer) {
        keyOwners.push({ base: keyBase, producer: api.producer });
        keyBase += api.producer.keyCount;
      }
      this.apis.push(api);
    }
    for (const queue of this.queues.values()) queue.keySlots = keyBase;
    for (const component of scenario.components) {
      if (component.kind !== 'consumer-group' && component.kind !== 'processor') continue;
      // A processor runs as a consumer group; what it writes out are its windows' counts (processor.ts).
      const c = component.kind === 'processor' ? groupSpecOf(component) : component;
      const inputs = feeds(c.id).map((id) => this.topics.get(id)).filter((t) => t !== undefined);
      const services = wires(c.id).map((id) => this.services.get(id)).filter((s) => s !== undefined);
      const outputs = wires(c.id).map((id) => this.topics.get(id)).filter((t) => t !== undefined);
      const queue = feeds(c.id).map((id) => this.queues.get(id)).find((q) => q !== undefined);
      if (queue) {
        this.queueGroups.push(new QueueGroup(c, queue, services, outputs, keyBase, ctx));
        continue;
      }
      const dlt = c.deadLetterTopic === undefined ? undefined : this.topics.get(c.deadLetterTopic);
      const group = new ConsumerGroup(c, inputs, services, component.kind === 'processor' ? [] : outputs, dlt, keyBase, ctx);
      group.keysSpanMembers = scenario.components.some(
        (p) =>
          (p.kind === 'producer' || (p.kind === 'api' && p.mode === 'async')) &&
          (wires(p.id).filter((t) => inputs.some((input) => input.id === t)).length > 1 ||
            (p.kind === 'producer' &&
              wires(p.id).some((t) => inputs.some((input) => input.id === t)) &&
              p.keys.dist !== 'none' &&
              (p.partitioner !== 'default' || p.partition !== undefined))),
      );
      group.schemas = this.schemas;
      this.groups.push(group);
      if (component.kind === 'processor') this.processors.push(new Processor(component, group, outputs, ctx));
    }

    this.sampler = new Sampler(this.groups, [...this.topics.values()], [...this.clusters.values()], this.apis);
    this.sampler.addQueues([...this.queues.values()], this.queueGroups);
    this.sampler.addProcessors(this.processors);
    const sample = this.sim.defineEvent('sample', () => {
      this.sampler.sample(this.sim.now);
      if (this.sim.now + scenario.sampleInterval <= this.durationUs) this.sim.after(scenario.sampleInterval, sample);
    });
    this.sim.at(Math.min(scenario.sampleInterval, this.durationUs), sample);

    const act = this.sim.defineEvent('timeline', (index) => this.apply(scenario.timeline[index]));
    scenario.timeline.forEach((action, index) => this.sim.at(action.at, act, index));
  }

  /** Applies one timeline action now (also used by the playground's live actions). */
  apply(action: TimelineAction): void {
    const group = () => this.groups.find((g) => g.id === action.target)!;
    // Members come and go alike in a group reading topics and in one reading a queue.
    const anyGroup = () => this.groups.find((g) => g.id === action.target) ?? this.queueGroups.find((g) => g.id === action.target)!;
    const mark = (detail: string) => this.marks.push({ timeUs: this.sim.now, kind: action.action, target: action.target, detail });
    switch (action.action) {
      case 'crash-consumer':
        mark(`member ${action.member} crashed`);
        anyGroup().crashMember(action.member);
        break;
      case 'restart-consumer':
        mark(`member ${action.member} restarted`);
        anyGroup().restartMember(action.member);
        break;
      case 'add-consumer': {
        const m = anyGroup().addMember();
        mark(`member ${m.slot} started`);
        break;
      }
      case 'remove-consumer':
        mark(action.member === undefined ? 'the last member leaves' : `member ${action.member} leaves`);
        anyGroup().removeMember(action.member);
        break;
      case 'set-rate': {
        const source = this.producers.find((p) => p.spec.id === action.target) ?? this.apis.find((a) => a.id === action.target)!;
        mark(`${source.rate} -> ${action.rate} ${source instanceof Api ? 'requests' : 'messages'}/s`);
        source.setRate(action.rate);
        break;
      }
      case 'add-partitions': {
        const topic = this.topics.get(action.target)!;
        mark(`${topic.partitionCount} -> ${topic.partitionCount + action.partitions} partitions`);
        topic.addPartitions(action.partitions);
        break;
      }
      case 'reset-offsets':
        mark(`to ${typeof action.to === 'number' ? `${action.to / 1000} ms` : action.to}`);
        group().resetOffsets(action.to);
        break;
      case 'outage-start':
        this.services.get(action.target)!.setOutage(true);
        break;
      case 'outage-end':
        this.services.get(action.target)!.setOutage(false);
        break;
      case 'set-latency':
        this.services.get(action.target)!.setLatency(action.latency);
        break;
      case 'crash-broker':
      case 'isolate-broker':
        mark(`broker ${action.broker} ${action.action === 'crash-broker' ? 'crashed' : 'cut off'}`);
        this.clusters.get(action.target)!.crash(action.broker, action.action === 'isolate-broker');
        break;
      case 'set-schema': {
        const producer = this.producers.find((p) => p.spec.id === action.target)!;
        mark(`schema v${producer.schemaVersion} -> v${action.version} (${action.compatibility})`);
        this.schemas.change(producer.schemaVersion, action.version, action.compatibility);
        producer.setSchemaVersion(action.version);
        break;
      }
      case 'set-reader-schema': {
        const target = group();
        mark(`reads schema v${target.readerVersion} -> v${action.version}`);
        target.readerVersion = action.version;
        break;
      }
      case 'crash-producer':
        mark('the app process crashed');
        this.dbWriters.get(action.target)!.crash();
        break;
      case 'restart-producer':
        mark('the app process restarted');
        this.dbWriters.get(action.target)!.restart();
        break;
      case 'restart-broker':
      case 'reconnect-broker':
        mark(`broker ${action.broker} ${action.action === 'restart-broker' ? 'restarted' : 'reconnected'}`);
        this.clusters.get(action.target)!.restart(action.broker);
        break;
    }
  }

  /** Runs until `timeUs` (capped at the scenario's end). Returns the stop reason, if the run stopped early. */
  runUntil(timeUs: number): string | null {
    const stopped = this.sim.runUntil(Math.min(timeUs, this.durationUs))?.message ?? null;
    // Members' fast batches are accounted lazily: bring everything up to the clock.
    for (const group of this.groups) group.catchUp(this.sim.now);
    return stopped;
  }

  runToEnd(): RunResult {
    this.runUntil(this.durationUs);
    return this.result();
  }

  get finished(): boolean {
    return this.sim.now >= this.durationUs || this.sim.stopReason !== null;
  }

  /** The result so far, in the `run --json` shape (without `engine.wallMs`, which the host measures). */
  result(): RunResult {
    return buildResult(this);
  }
}

/** Runs a parsed scenario to its end. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  return new ScenarioRun(scenario, options).runToEnd();
}
