/**
 * The brokers a topic's partitions live on: replica placement, leaders and in-sync replicas, the
 * produce path with acks, replication, broker failures and leader elections.
 *
 * - Placement follows Kafka's rack-unaware `assignReplicasToBrokers`: a random start broker and
 *   shift per topic, the first replica of partition p on broker (p + start) % n, the others shifted.
 *   The first replica is the preferred leader.
 * - A produce request waits its turn at the leader (one handler per broker, `requestTime` plus its
 *   bytes over `networkIn`/`diskWrite`), then is appended. Followers copy it `replicaFetchDelay`
 *   later; the high watermark is the smallest log end among the in-sync replicas, and consumers
 *   read only below it. acks=0 needs no answer, acks=1 is answered once the leader has appended,
 *   acks=all once the high watermark passes the batch; with fewer in-sync replicas than
 *   `minInsyncReplicas`, acks=all writes are refused (NotEnoughReplicas) and retried.
 * - A crashed (or isolated) broker is noticed after `brokerSessionTimeout`: it leaves every ISR,
 *   and `controllerDelay` later each partition it led gets the first live in-sync replica as leader.
 *   Until then the partition is offline. The new leader's log is the truth: records the old one
 *   had beyond it are truncated; those acknowledged with acks=1 (or sent with acks=0) are lost.
 *   With `uncleanLeaderElection`, an out-of-sync replica may lead, losing what it lacked.
 * - A restarted broker catches up as a follower and rejoins the ISR; every
 *   `leaderImbalanceCheckInterval` the controller gives leadership back to preferred replicas.
 *
 * Without a cluster in the scenario, topics live on one implicit broker that never fails and never
 * saturates, with one replica per partition.
 */
import type { Rng } from '../core/random.ts';
import { LatencyHistogram } from '../metrics/histogram.ts';
import type { ClusterSpec } from '../scenario/schema.ts';
import type { ModelContext } from './context.ts';
import type { Topic } from './topic.ts';

export type Acks = 0 | 1 | 'all';
export type ProduceOutcome = 'ok' | 'not-leader' | 'not-enough-replicas';

export interface Broker {
  id: number;
  alive: boolean;
  /** Cut off by isolate-broker (treated like a crash that keeps its disk). */
  isolated: boolean;
  incarnation: number;
  /** When its request handler is next free. */
  freeAt: number;
  busyUs: number;
  bytesIn: number;
  bytesOut: number;
  requests: number;
}

/** Records of a partition beyond its high watermark, with the acks they were written with. */
interface TailRange {
  from: number;
  to: number;
  acks: Acks;
}

interface PendingAck {
  end: number;
  reply: (outcome: ProduceOutcome) => void;
}

export class PartitionReplicas {
  leader: number;
  readonly isr: number[];
  /** Log end offset of each replica, by position in `replicas`. */
  readonly replicaEnd: number[];
  highWatermark = 0;
  leaderEpoch = 0;
  offlineSince = -1;
  offlineUs = 0;
  readonly tail: TailRange[] = [];
  readonly pending: PendingAck[] = [];

  constructor(readonly replicas: number[]) {
    this.leader = replicas[0];
    this.isr = [...replicas];
    this.replicaEnd = replicas.map(() => 0);
  }

  endOf(broker: number): number {
    return this.replicaEnd[this.replicas.indexOf(broker)];
  }

  offlineUsAt(now: number): number {
    return this.offlineUs + (this.offlineSince >= 0 ? now - this.offlineSince : 0);
  }
}

export interface LossByCause {
  /** acks=1 records the leader had acknowledged but not replicated when it failed. */
  unreplicatedAcks: number;
  /** acks=0 records truncated or sent to a dead leader. */
  acksZero: number;
  /** Records an out-of-sync leader never had (unclean leader election). */
  uncleanElection: number;
  /** Records a pipeline (a group writing on) could not write: the partition had no leader. */
  pipelineDropped: number;
}

/**
 * Kafka's rack-unaware replica placement (`AdminUtils.assignReplicasToBrokers`): partition p's
 * first replica on broker (p + start) % n, the others at a shift that grows by one every n
 * partitions, so replicas spread evenly and no two replicas of a partition share a broker.
 * Brokers are 0..n-1; `firstPartition` is the number of partitions placed before (added ones).
 */
export function assignReplicasToBrokers(n: number, partitions: number, rf: number, start: number, shift: number, firstPartition = 0): number[][] {
  const out: number[][] = [];
  let nextShift = shift;
  for (let p = firstPartition; p < firstPartition + partitions; p++) {
    if (p > 0 && p % n === 0) nextShift++;
    const first = (p + start) % n;
    const replicas = [first];
    for (let j = 0; j < rf - 1; j++) replicas.push((first + 1 + ((nextShift + j) % (n - 1))) % n);
    out.push(replicas);
  }
  return out;
}

export class Cluster {
  readonly brokers: Broker[];
  readonly lost: LossByCause = { unreplicatedAcks: 0, acksZero: 0, uncleanElection: 0, pipelineDropped: 0 };
  /** acks=all records refused because the ISR was below min.insync.replicas. */
  refused = 0;
  elections = 0;
  /** Produce latency, send to acknowledgement, by acks setting. */
  readonly produceLatency: Record<'0' | '1' | 'all', LatencyHistogram> = { '0': new LatencyHistogram(), '1': new LatencyHistogram(), all: new LatencyHistogram() };
  private readonly placements = new Map<Topic, PartitionReplicas[]>();
  private readonly placementRng: Rng;
  private readonly callbacks = new Map<number, () => void>();
  private nextCallback = 0;
  private readonly callbackEvent: number;
  private readonly bandwidth: number;

  constructor(
    readonly spec: ClusterSpec,
    private readonly ctx: ModelContext,
    /** False for the implicit cluster of a scenario that declares none. */
    readonly explicit = true,
  ) {
    this.brokers = Array.from({ length: spec.brokers }, (_, id) => ({ id, alive: true, isolated: false, incarnation: 0, freeAt: 0, busyUs: 0, bytesIn: 0, bytesOut: 0, requests: 0 }));
    this.placementRng = ctx.streams.stream(spec.id, 'placement');
    this.bandwidth = Math.min(spec.networkIn ?? Infinity, spec.diskWrite ?? Infinity);
    this.callbackEvent = ctx.sim.defineEvent(`${spec.id}:callback`, (id) => {
      const callback = this.callbacks.get(id)!;
      this.callbacks.delete(id);
      callback();
    });
    const check = ctx.sim.defineEvent(`${spec.id}:preferred-leaders`, () => {
      this.restorePreferredLeaders();
      ctx.sim.after(spec.leaderImbalanceCheckInterval, check);
    });
    if (explicit) ctx.sim.after(spec.leaderImbalanceCheckInterval, check);
  }

  get id(): string {
    return this.spec.id;
  }

  private later(delay: number, callback: () => void): void {
    const id = this.nextCallback++;
    this.callbacks.set(id, callback);
    this.ctx.sim.after(delay, this.callbackEvent, id);
  }

  // ---- placement -----------------------------------------------------------------------------

  /** Places a topic's partitions (and later its added ones) on brokers, as Kafka does without racks. */
  place(topic: Topic): void {
    const n = this.brokers.length;
    const rf = topic.spec.replicationFactor;
    let list = this.placements.get(topic);
    if (!list) {
      list = [];
      this.placements.set(topic, list);
    }
    // Added partitions: Kafka passes partition 0's first replica as the fixed start index, which
    // then serves as the shift too.
    const start = list.length === 0 ? Math.floor(this.placementRng() * n) : list[0].replicas[0];
    const shift = list.length === 0 ? Math.floor(this.placementRng() * n) : start;
    const placed = assignReplicasToBrokers(n, topic.partitionCount - list.length, rf, start, shift, list.length);
    for (const replicas of placed) {
      const p = list.length;
      const r = new PartitionReplicas(replicas);
      // Partitions added while running start with every replica at the current (empty) end.
      list.push(r);
      if (!this.brokers[r.leader].alive) this.elect(topic, p);
    }
  }

  replicasOf(topic: Topic, partition: number): PartitionReplicas {
    return this.placements.get(topic)![partition];
  }

  /** Offsets consumers may read below (the high watermark). */
  visibleEnd(topic: Topic, partition: number): number {
    return this.placements.get(topic)![partition].highWatermark;
  }

  /** Whether the partition has a live leader (consumers can fetch, producers can write). */
  online(topic: Topic, partition: number): boolean {
    return this.placements.get(topic)![partition].leader >= 0;
  }

  // ---- produce -------------------------------------------------------------------------------

  /**
   * A produce request reaching the cluster now. `append` writes the batch's records into the log
   * (and returns how many); `reply` gets the outcome when the broker answers (not for acks=0).
   */
  produce(topic: Topic, partition: number, bytes: number, acks: Acks, append: () => number, reply: (outcome: ProduceOutcome) => void): void {
    const r = this.replicasOf(topic, partition);
    const leader = r.leader;
    if (leader < 0) {
      reply('not-leader');
      return;
    }
    const broker = this.brokers[leader];
    const service = this.spec.requestTime + (this.bandwidth === Infinity ? 0 : (bytes / this.bandwidth) * 1e6);
    const handle = () => {
      if (r.leader !== leader || !broker.alive) {
        reply('not-leader');
        return;
      }
      if (acks === 'all' && r.isr.length < topic.spec.minInsyncReplicas) {
        reply('not-enough-replicas');
        return;
      }
      const from = topic.logs[partition].logEndOffset;
      const count = append();
      const end = from + count;
      broker.bytesIn += bytes;
      broker.requests++;
      r.replicaEnd[r.replicas.indexOf(leader)] = topic.logs[partition].logEndOffset;
      if (end > r.highWatermark) {
        const last = r.tail[r.tail.length - 1];
        if (last && last.acks === acks && last.to === from) last.to = end;
        else r.tail.push({ from, to: end, acks });
      }
      this.replicate(topic, partition, r, bytes, topic.logs[partition].logEndOffset);
      if (acks === 'all') r.pending.push({ end, reply });
      else if (acks === 1) reply('ok');
      this.advanceHighWatermark(topic, partition, r);
    };
    if (service <= 0) {
      handle();
      return;
    }
    const start = Math.max(this.ctx.sim.now, broker.freeAt);
    broker.freeAt = start + service;
    broker.busyUs += service;
    this.later(broker.freeAt - this.ctx.sim.now, handle);
  }

  /** Each follower has the records up to `end` `replicaFetchDelay` (plus the bytes' transfer) later. */
  private replicate(topic: Topic, partition: number, r: PartitionReplicas, bytes: number, end: number): void {
    const leader = r.leader;
    for (let i = 0; i < r.replicas.length; i++) {
      const follower = r.replicas[i];
      if (follower === leader) continue;
      const transfer = this.spec.networkIn === undefined ? 0 : (bytes / this.spec.networkIn) * 1e6;
      const epoch = r.leaderEpoch;
      const incarnation = this.brokers[follower].incarnation;
      this.later(this.spec.replicaFetchDelay + transfer, () => {
        const b = this.brokers[follower];
        if (r.leaderEpoch !== epoch || !b.alive || b.incarnation !== incarnation || r.leader < 0) return;
        this.brokers[leader].bytesOut += bytes;
        b.bytesIn += bytes;
        r.replicaEnd[i] = Math.max(r.replicaEnd[i], Math.min(end, topic.logs[partition].logEndOffset));
        this.catchUp(topic, partition, r, follower);
        this.advanceHighWatermark(topic, partition, r);
      });
    }
  }

  /** A follower that has everything the leader has rejoins the ISR. */
  private catchUp(topic: Topic, partition: number, r: PartitionReplicas, follower: number): void {
    if (r.isr.includes(follower) || r.endOf(follower) < topic.logs[partition].logEndOffset) return;
    r.isr.push(follower);
    this.ctx.mark('isr-expand', topic.id, `${topic.id}-${partition}: broker ${follower} is in sync again (ISR ${r.isr.join(',')})`);
  }

  private advanceHighWatermark(topic: Topic, partition: number, r: PartitionReplicas): void {
    if (r.leader < 0) return;
    let hw = Infinity;
    for (const b of r.isr) hw = Math.min(hw, r.endOf(b));
    if (hw <= r.highWatermark || hw === Infinity) return;
    r.highWatermark = hw;
    while (r.tail.length > 0 && r.tail[0].to <= hw) r.tail.shift();
    if (r.tail.length > 0 && r.tail[0].from < hw) r.tail[0].from = hw;
    let k = 0;
    while (k < r.pending.length && r.pending[k].end <= hw) k++;
    const done = r.pending.splice(0, k);
    for (const p of done) p.reply('ok');
    topic.notifyAppended(partition);
  }

  // ---- failures ------------------------------------------------------------------------------

  crash(id: number, isolated = false): void {
    const broker = this.brokers[id];
    if (!broker.alive) return;
    const now = this.ctx.sim.now;
    broker.alive = false;
    broker.isolated = isolated;
    broker.incarnation++;
    const incarnation = broker.incarnation;
    for (const [topic, list] of this.placements) {
      list.forEach((r, partition) => {
        if (r.leader !== id) return;
        // Clients lose the connection at once: the partition is unavailable until a new leader.
        r.leader = -1;
        r.offlineSince = now;
        this.failPending(r);
        void topic;
        void partition;
      });
    }
    this.later(this.spec.brokerSessionTimeout, () => {
      if (broker.incarnation === incarnation && !broker.alive) this.fence(id);
    });
  }

  restart(id: number): void {
    const broker = this.brokers[id];
    if (broker.alive) return;
    broker.alive = true;
    broker.isolated = false;
    broker.incarnation++;
    broker.freeAt = this.ctx.sim.now;
    for (const [topic, list] of this.placements) {
      list.forEach((r, partition) => {
        const i = r.replicas.indexOf(id);
        if (i < 0) return;
        if (r.leader >= 0) {
          // Its log may hold a tail the new leader never had: truncate it, then fetch what it lacks.
          r.replicaEnd[i] = Math.min(r.replicaEnd[i], topic.logs[partition].logEndOffset);
          this.later(this.spec.replicaFetchDelay, () => {
            if (!broker.alive || r.leader < 0) return;
            r.replicaEnd[i] = topic.logs[partition].logEndOffset;
            this.catchUp(topic, partition, r, id);
            this.advanceHighWatermark(topic, partition, r);
          });
        } else if (r.isr.includes(id) || this.spec.uncleanLeaderElection) {
          this.later(this.spec.controllerDelay, () => this.elect(topic, partition));
        }
      });
    }
  }

  /** The controller declares the broker dead: out of every ISR, new leaders for its partitions. */
  private fence(id: number): void {
    this.ctx.mark('broker-fenced', this.spec.id, `broker ${id}: no heartbeat for ${this.spec.brokerSessionTimeout / 1e6} s`);
    for (const [topic, list] of this.placements) {
      list.forEach((r, partition) => {
        const at = r.isr.indexOf(id);
        if (at >= 0 && r.isr.length > 1) {
          r.isr.splice(at, 1);
          this.ctx.mark('isr-shrink', topic.id, `${topic.id}-${partition}: ISR ${r.isr.join(',')}`);
          this.advanceHighWatermark(topic, partition, r);
        } else if (at >= 0 && r.leader < 0) {
          // Kafka keeps the last replica in the ISR: it is the only one that may lead cleanly.
        }
        if (r.leader < 0) this.later(this.spec.controllerDelay, () => this.elect(topic, partition));
      });
    }
  }

  /** Chooses a leader for an offline partition: the first live in-sync replica, else (if allowed) any live one. */
  private elect(topic: Topic, partition: number): void {
    const r = this.replicasOf(topic, partition);
    if (r.leader >= 0) return;
    const alive = (b: number) => this.brokers[b].alive;
    let leader = r.replicas.find((b) => alive(b) && r.isr.includes(b));
    let unclean = false;
    if (leader === undefined && this.spec.uncleanLeaderElection) {
      leader = r.replicas.find(alive);
      unclean = leader !== undefined;
    }
    if (leader === undefined) return;
    this.changeLeader(topic, partition, r, leader, unclean);
  }

  private changeLeader(topic: Topic, partition: number, r: PartitionReplicas, leader: number, unclean: boolean): void {
    const now = this.ctx.sim.now;
    const log = topic.logs[partition];
    const newEnd = r.endOf(leader);
    r.leader = leader;
    r.leaderEpoch++;
    this.elections++;
    if (r.offlineSince >= 0) {
      r.offlineUs += now - r.offlineSince;
      r.offlineSince = -1;
    }
    if (unclean) {
      r.isr.length = 0;
      r.isr.push(leader);
    }
    if (newEnd < log.logEndOffset) this.truncate(topic, partition, r, newEnd, unclean);
    for (let i = 0; i < r.replicas.length; i++) r.replicaEnd[i] = Math.min(r.replicaEnd[i], log.logEndOffset);
    this.ctx.mark('leader-election', topic.id, `${topic.id}-${partition}: broker ${leader} leads${unclean ? ' (unclean: out of sync)' : ''}`);
    if (r.highWatermark > log.logEndOffset) r.highWatermark = log.logEndOffset;
    this.advanceHighWatermark(topic, partition, r);
    topic.notifyAppended(partition);
  }

  /** The new leader's log is shorter: the records beyond it are gone. */
  private truncate(topic: Topic, partition: number, r: PartitionReplicas, newEnd: number, unclean: boolean): void {
    for (const range of r.tail) {
      const from = Math.max(range.from, newEnd);
      const count = Math.max(0, range.to - from);
      if (count === 0) continue;
      if (range.acks === 1) this.lost.unreplicatedAcks += count;
      else if (range.acks === 0) this.lost.acksZero += count;
      // acks=all records beyond the high watermark were never acknowledged: their producers retry.
    }
    if (unclean && newEnd < r.highWatermark) this.lost.uncleanElection += r.highWatermark - newEnd;
    r.tail.length = 0;
    topic.truncate(partition, newEnd);
    this.failPending(r);
  }

  /** Requests waiting for acks=all fail (the leader is gone): their producers retry. */
  private failPending(r: PartitionReplicas): void {
    const pending = r.pending.splice(0);
    for (const p of pending) p.reply('not-leader');
  }

  private restorePreferredLeaders(): void {
    for (const [topic, list] of this.placements) {
      list.forEach((r, partition) => {
        const preferred = r.replicas[0];
        if (r.leader >= 0 && r.leader !== preferred && this.brokers[preferred].alive && r.isr.includes(preferred)) {
          this.later(this.spec.controllerDelay, () => {
            if (r.leader >= 0 && r.leader !== preferred && this.brokers[preferred].alive && r.isr.includes(preferred)) {
              this.failPending(r);
              this.changeLeader(topic, partition, r, preferred, false);
              this.ctx.mark('preferred-leader-election', topic.id, `${topic.id}-${partition}: back to broker ${preferred}`);
            }
          });
        }
      });
    }
  }

  // ---- metrics -------------------------------------------------------------------------------

  /** Partitions with fewer in-sync replicas than replicas, and partitions with no leader. */
  health(): { underReplicated: number; offline: number } {
    let underReplicated = 0;
    let offline = 0;
    for (const list of this.placements.values()) {
      for (const r of list) {
        if (r.leader < 0) offline++;
        else if (r.isr.length < r.replicas.length) underReplicated++;
      }
    }
    return { underReplicated, offline };
  }

  partitionsLed(broker: number): number {
    let led = 0;
    for (const list of this.placements.values()) for (const r of list) if (r.leader === broker) led++;
    return led;
  }

  recordProduceLatency(acks: Acks, latencyUs: number): void {
    this.produceLatency[String(acks) as '0' | '1' | 'all'].record(latencyUs);
  }
}
