/**
 * A consumer group: its members (see member.ts for the poll loop), its view of each partition
 * (groupPartition.ts), commits, delivery accounting, and the group coordinator's rebalance protocol.
 *
 * Rebalances follow Kafka's classic protocol and timings. A rebalance starts when a member joins,
 * leaves, is found dead (no heartbeat for `sessionTimeout`), polls too slowly (`maxPollInterval`),
 * or when new partitions are noticed (every `metadataMaxAge`). Members learn of it at their next
 * heartbeat and rejoin at their next poll, i.e. after finishing the batch in hand. The join phase
 * ends when every known member has rejoined (a dead one is waited for until its session expires);
 * a new group also waits `initialRebalanceDelay`. Then the assignor runs and members get their
 * partitions one coordinator round trip (`commitLatency`) later.
 * - Eager assignors (range, roundrobin, sticky): members give up all partitions before rejoining,
 *   so the whole group stops consuming until the new assignment arrives.
 * - cooperative-sticky: members keep consuming what they own; partitions that move are revoked by
 *   their owners at their next poll and handed on in a second rebalance.
 * Static members (`instanceIds`) that restart within `sessionTimeout` get their partitions back
 * with no rebalance.
 */
import { createSampler } from '../core/distributions.ts';
import { assignors, rebalanceProtocols, type RebalanceProtocol } from '../kafka/assignors/index.ts';
import type { TopicPartition } from '../kafka/topicPartition.ts';
import { LatencyHistogram } from '../metrics/histogram.ts';
import type { ConsumerGroupSpec } from '../scenario/schema.ts';
import { KEYLESS, type ModelContext } from './context.ts';
import { EventIdSet, KeyOrder } from './eventOrder.ts';
import { GroupPartition } from './groupPartition.ts';
import { Member } from './member.ts';
import { SchemaHistory } from './schemaVersions.ts';
import type { Service } from './service.ts';
import type { Topic, TopicSubscriber } from './topic.ts';

type CoordinatorState = 'empty' | 'preparing' | 'syncing' | 'stable';

/** The coordinator's record of one member id. A crashed member's entry lingers until its session expires. */
interface Entry {
  seq: number;
  memberId: string;
  member: Member;
  instanceId: string | undefined;
  /** The process behind it is running (false after a crash, until the session expires). */
  alive: boolean;
  joined: boolean;
  /** Partitions it owned after the last assignment: what sticky assignors keep in place. */
  owned: GroupPartition[];
  generation: number;
  pending: GroupPartition[] | null;
}

export interface GroupStats {
  processed: number;
  duplicates: number;
  /** Re-deliveries an idempotent group recognised and did not apply again. */
  redelivered: number;
  retries: number;
  deadLettered: number;
  rebalances: number;
  orderingViolations: number;
  commitFailures: number;
  /** Records it found it could not read (schema-compatibility failures), once per delivery. */
  schemaFailures: number;
  /** Unreadable records dropped (onFailure skip). */
  schemaSkipped: number;
}

export class ConsumerGroup implements TopicSubscriber {
  readonly stats: GroupStats = {
    processed: 0,
    duplicates: 0,
    redelivered: 0,
    retries: 0,
    deadLettered: 0,
    rebalances: 0,
    orderingViolations: 0,
    commitFailures: 0,
    schemaFailures: 0,
    schemaSkipped: 0,
  };
  /** The run's schema versions and their compatibility (set by the run; one history per run). */
  schemas = new SchemaHistory();
  /** The version its code was built for (set-reader-schema moves it); only with `schema` declared. */
  readerVersion: number;
  readonly protocol: RebalanceProtocol;
  readonly partitions: GroupPartition[] = [];
  readonly members: Member[] = [];
  readonly latency = new LatencyHistogram();
  /** Latency of records finished since the last sample (the time series reads and resets it). */
  readonly intervalLatency = new LatencyHistogram();
  /** Successful processings since the last sample. */
  intervalProcessed = 0;
  /**
   * Hears every successful processing the latency histograms record, with its end-to-end latency
   * and completion time (µs), in completion order per member: for output analysis that needs the
   * individual values (batch means in engine/validation), or the record itself (a processor's
   * windows). Null, the default, costs one test a record.
   */
  onRecordProcessed: ((gp: GroupPartition, latencyUs: number, doneUs: number, offset: number) => void) | null = null;
  private readonly byTopic = new Map<Topic, GroupPartition[]>();
  private readonly poisonSalt: number;
  /** Event ids processed successfully at least once. */
  private readonly seen = new EventIdSet();
  private readonly keyOrder: KeyOrder;
  // Coordinator.
  private state: CoordinatorState = 'empty';
  generation = 0;
  private entries: Entry[] = [];
  private nextEntrySeq = 0;
  private joinDeadline = 0;
  private syncOutstanding = 0;
  private rebalanceStartedAt = 0;
  /** Total time the coordinator spent rebalancing. */
  rebalancingUs = 0;
  private incarnations: number[] = [];
  private readonly ev: Record<string, number>;

  constructor(
    readonly spec: ConsumerGroupSpec,
    readonly inputs: Topic[],
    readonly services: Service[],
    readonly outputs: Topic[],
    readonly deadLetterTopic: Topic | undefined,
    keySlots: number,
    private readonly ctx: ModelContext,
  ) {
    this.protocol = rebalanceProtocols[spec.assignor];
    this.keyOrder = new KeyOrder(keySlots);
    this.readerVersion = spec.schema?.reads ?? 1;
    this.poisonSalt = hash32(stringHash(`${ctx.streams.seed}:${spec.id}:poison`));
    const sim = ctx.sim;
    const memberEvent = (name: string, run: (m: Member) => void) =>
      sim.defineEvent(`${spec.id}:${name}`, (slot, epoch) => {
        const m = this.members[slot];
        if (m.epoch === epoch && m.alive) run(m);
      });
    this.ev = {
      processed: memberEvent('processing-done', (m) => this.drain(m)),
      retry: memberEvent('retry', (m) => this.beginProcessing(m)),
      fastDone: sim.defineEvent(`${spec.id}:batch-done`, (slot, seq) => {
        const m = this.members[slot];
        if (m.alive && m.fastSeq === seq) m.fastBatchDone();
      }),
      commitDone: memberEvent('commit-done', (m) => m.commitDone()),
      wake: memberEvent('wake', (m) => {
        if (m.state === 'idle') m.poll();
      }),
      learn: memberEvent('heartbeat-learns-rebalance', (m) => {
        // A starting or rejoining member has its JoinGroup on the way already.
        if (this.state !== 'preparing' || m.state === 'starting' || m.state === 'joining' || this.entryOf(m)?.joined !== false) return;
        m.rejoinRequested = true;
        if (m.state === 'idle') m.poll();
      }),
      joined: memberEvent('join-arrives', (m) => this.onJoin(m)),
      sync: memberEvent('sync-arrives', (m) => this.onSync(m)),
      pollDeadline: sim.defineEvent(`${spec.id}:max-poll-interval`, (slot, pollCount) => {
        const m = this.members[slot];
        if (m.alive && m.pollCount === pollCount && m.state !== 'idle') this.fenceOut(m);
      }),
      expire: sim.defineEvent(`${spec.id}:session-expired`, (seq) => this.expire(seq)),
      commitApply: sim.defineEvent(`${spec.id}:commit-arrives`, (index, offset) => {
        this.partitions[index].committed = offset;
      }),
      fetchable: sim.defineEvent(`${spec.id}:records-fetchable`, (index, end) => {
        const gp = this.partitions[index];
        if (end > gp.fetchable) gp.fetchable = end;
        if (gp.owner >= 0 && this.members[gp.owner].state === 'idle') this.members[gp.owner].poll();
      }),
      joinDeadline: sim.defineEvent(`${spec.id}:initial-rebalance-delay`, () => this.tryComplete()),
      rebalanceTimeout: sim.defineEvent(`${spec.id}:rebalance-timeout`, (generation) => this.rebalanceTimeout(generation)),
    };
    const refresh = sim.defineEvent(`${spec.id}:metadata-refresh`, () => {
      this.refreshMetadata();
      sim.after(spec.metadataMaxAge, refresh);
    });
    sim.after(spec.metadataMaxAge, refresh);

    for (const topic of inputs) {
      topic.subscribers.push(this);
      // Partitions that exist when the run starts have offsets committed at 0: the run starts with
      // an established group, so auto.offset.reset only matters for partitions added later and for
      // offsets lost to retention.
      this.addPartitions(topic, true);
    }
    for (let slot = 0; slot < spec.consumers; slot++) this.addMember();
  }

  get id(): string {
    return this.spec.id;
  }

  get now(): number {
    return this.ctx.sim.now;
  }

  get coordinatorState(): CoordinatorState {
    return this.state;
  }

  /** A new member process (a scenario consumer, or `add-consumer`), started now. */
  addMember(): Member {
    const slot = this.members.length;
    const instanceId = this.spec.instanceIds?.[slot];
    this.incarnations[slot] = 0;
    const processingTime = createSampler(this.spec.processing, this.ctx.streams.stream(this.spec.id, `processing-${slot}`));
    const member = new Member(slot, memberIdFor(this.spec.id, slot, 0), instanceId, this, processingTime);
    this.members.push(member);
    this.startMember(member);
    return member;
  }

  private startMember(m: Member): void {
    const now = this.now;
    m.start(now);
    const existing = m.instanceId !== undefined ? this.entries.find((e) => e.instanceId === m.instanceId) : undefined;
    if (existing) {
      // Static membership: the coordinator still holds this instance id, so the member takes its
      // place and its partitions back without a rebalance.
      existing.alive = true;
      existing.seq = this.nextEntrySeq++; // cancels the pending session expiry
      existing.memberId = m.memberId;
      if (this.state === 'stable') {
        existing.pending = existing.owned.filter((gp) => gp.owner < 0);
        this.ctx.sim.after(this.spec.commitLatency, this.ev.sync, m.slot, m.epoch);
        return;
      }
    } else {
      this.entries.push({ seq: this.nextEntrySeq++, memberId: m.memberId, member: m, instanceId: m.instanceId, alive: true, joined: false, owned: [], generation: -1, pending: null });
    }
    this.sendJoin(m);
  }

  private entryOf(m: Member): Entry | undefined {
    return this.entries.find((e) => e.member === m && e.memberId === m.memberId);
  }

  // ---- timeline actions ----------------------------------------------------------------------

  crashMember(slot: number): void {
    const m = this.members[slot];
    if (!m?.alive) return;
    const now = this.now;
    this.catchUp(now);
    const entry = this.entryOf(m);
    const lastHeartbeat = m.lastHeartbeat(now);
    m.crash(now);
    if (entry) {
      entry.alive = false;
      entry.joined = false;
      this.dropPendingSync(entry);
      this.ctx.sim.at(Math.max(now, lastHeartbeat + this.spec.sessionTimeout), this.ev.expire, entry.seq);
    }
  }

  restartMember(slot: number): void {
    const m = this.members[slot];
    if (!m || m.alive) return;
    if (m.instanceId === undefined) {
      this.incarnations[slot]++;
      m.memberId = memberIdFor(this.spec.id, slot, this.incarnations[slot]);
    }
    this.startMember(m);
  }

  /** Graceful shutdown: the member finishes its batch, commits and leaves (static members do not send LeaveGroup). */
  removeMember(slot: number | undefined): void {
    const m = slot === undefined ? [...this.members].reverse().find((x) => x.alive && !x.leaving) : this.members[slot];
    if (!m?.alive) return;
    m.leaving = true;
    if (m.state === 'idle' || m.state === 'starting') m.poll();
  }

  /** `reset-offsets`: every partition's committed offset and its owner's position move to `to`. */
  resetOffsets(to: 'earliest' | 'latest' | number): void {
    const now = this.now;
    this.catchUp(now);
    for (const gp of this.partitions) {
      if (!gp.known) continue;
      const log = gp.log;
      const target = to === 'earliest' ? log.logStartOffset : to === 'latest' ? log.logEndOffset : Math.max(log.logStartOffset, log.offsetForTime(to));
      const from = gp.lagBase(this.spec.autoOffsetReset);
      if (target > from) gp.declareLost(from, target, 'offset-reset');
      gp.committed = target;
      if (gp.owner >= 0) {
        gp.position = target;
        gp.readyAt = now + this.spec.fetchLatency;
        this.members[gp.owner].abandon();
        this.wakeAt(this.members[gp.owner], gp.readyAt);
      }
    }
  }

  // ---- what members call ---------------------------------------------------------------------

  /** The member whose processing-done event is running (see {@link drain}). */
  private draining: Member | null = null;
  private inlineReady = false;

  beginProcessing(m: Member): void {
    const sim = this.ctx.sim;
    const done = sim.now + Math.round(m.processingTime());
    if (this.draining === m && sim.advanceTo(done)) this.inlineReady = true;
    else sim.at(done, this.ev.processed, m.slot, m.epoch);
  }

  /**
   * Runs a member's processing-done event, then, for as long as its next record finishes before
   * anything else happens, the next ones inline (a loop, not recursion, however long the backlog).
   */
  private drain(m: Member): void {
    this.draining = m;
    m.processingDone();
    while (this.inlineReady) {
      this.inlineReady = false;
      m.processingDone();
    }
    this.draining = null;
  }

  retryLater(m: Member): void {
    this.ctx.sim.after(this.spec.retryBackoff, this.ev.retry, m.slot, m.epoch);
  }

  commitSync(m: Member): void {
    this.ctx.sim.after(this.spec.commitLatency, this.ev.commitDone, m.slot, m.epoch);
  }

  commitAsync(gp: GroupPartition, offset: number): void {
    this.ctx.sim.after(this.spec.commitLatency, this.ev.commitApply, gp.index, offset);
  }

  applyCommit(gp: GroupPartition, offset: number, m: Member): void {
    if (m.fenced) this.stats.commitFailures++;
    else gp.committed = offset;
  }

  wakeAt(m: Member, time: number): void {
    this.ctx.sim.at(Math.max(time, this.now), this.ev.wake, m.slot, m.epoch);
  }

  /**
   * Arms the max.poll.interval check for the poll just made. The check armed by an earlier poll can
   * no longer fire (it wants that poll to be the last), so it is cancelled: with thousands of polls
   * a second, those checks would otherwise fill the event queue for a whole interval.
   */
  armPollDeadline(m: Member): void {
    if (m.pollDeadline >= 0) this.ctx.sim.cancel(m.pollDeadline);
    m.pollDeadline = this.ctx.sim.after(this.spec.maxPollInterval, this.ev.pollDeadline, m.slot, m.pollCount);
  }

  /** Whether a record always fails: decided by its event id, so it fails again on every re-delivery. */
  isPoison(eventId: number): boolean {
    return this.spec.poison > 0 && hash32(eventId ^ this.poisonSalt) / 4294967296 < this.spec.poison;
  }

  /** Whether the group can read a record: always, unless it declares the schema versions it reads. */
  canRead(gp: GroupPartition, offset: number): boolean {
    const schema = this.spec.schema;
    return schema === undefined || this.schemas.readable(gp.log.versionAt(offset), this.readerVersion, schema.rule);
  }

  /** An unreadable record dropped (onFailure skip): handled for the group, not dead-lettered. */
  skipUnreadable(gp: GroupPartition, offset: number): void {
    this.stats.schemaSkipped++;
    if (gp.processed.add(offset) && gp.lost.has(offset)) gp.recovered++;
  }

  /** Moves a position that fell outside the log, as auto.offset.reset says. */
  resetPosition(gp: GroupPartition): void {
    const log = gp.log;
    if (this.spec.autoOffsetReset === 'earliest') {
      gp.position = log.logStartOffset;
    } else {
      gp.declareLost(Math.max(gp.position, log.logStartOffset), log.logEndOffset, 'offset-reset');
      gp.position = log.logEndOffset;
    }
  }

  /** Whether members may take the fast path for their next batch (see Member.beginFastBatch). */
  fastPathAllowed(): boolean {
    return (
      this.fastPath &&
      this.services.length === 0 &&
      this.outputs.length === 0 &&
      this.spec.poison === 0 &&
      this.spec.schema === undefined &&
      this.spec.commit !== 'record' &&
      // After partitions are added a key can sit in two partitions read by two members: the order
      // of their completions then matters (ordering violations), so go record by record.
      !this.inputs.some((t) => t.partitionsAdded)
    );
  }

  /**
   * Whether one key's records can reach two members at once (a producer spreading keyed records
   * with round-robin, random or an explicit partition, or writing one event to two of the group's
   * topics). Fast batches are then accounted in time order across members. Set by the run.
   */
  keysSpanMembers = true;

  /** Off only to test that the fast path gives the same results as the record-by-record one. */
  fastPath = true;

  scheduleFastDone(m: Member, time: number): void {
    this.ctx.sim.at(time, this.ev.fastDone, m.slot, ++m.fastSeq);
  }

  /**
   * Accounts every record finished by `time` in members' fast batches, merged in completion-time
   * order across members (ties by member), so counts such as per-key ordering violations do not
   * depend on when anyone looked.
   */
  catchUp(time: number): void {
    if (!this.keysSpanMembers) {
      // Each key lives in one partition, so one member: per-member order is all that matters.
      for (const m of this.members) if (m.inFastBatch) m.catchUp(time);
      return;
    }
    for (;;) {
      let next: Member | null = null;
      let nextTime = time;
      for (const m of this.members) {
        if (!m.inFastBatch) continue;
        const t = m.nextCompletion;
        if (t <= nextTime && (next === null || t < nextTime)) {
          next = m;
          nextTime = t;
        }
      }
      if (next === null) return;
      next.catchUp(nextTime);
    }
  }

  /** Whether an idempotent group would skip this record: its event was already processed. */
  skipsAsSeen(gp: GroupPartition, offset: number): boolean {
    return this.spec.delivery === 'idempotent' && this.seen.has(gp.log.eventIdAt(offset));
  }

  /** Accounts one successful processing finished at `time`; returns its end-to-end latency. */
  recordProcessed(gp: GroupPartition, offset: number, time: number): number {
    const log = gp.log;
    const eventId = log.eventIdAt(offset);
    const latency = time - log.createTimeAt(offset);
    if (gp.processed.add(offset) && gp.lost.has(offset)) gp.recovered++;
    gp.processedCount++;
    if (this.seen.has(eventId)) {
      if (this.spec.delivery === 'idempotent') {
        this.stats.redelivered++;
        return latency;
      }
      this.stats.duplicates++;
    } else {
      this.seen.add(eventId);
      this.stats.processed++;
      const keySlot = log.keySlotAt(offset);
      if (keySlot !== KEYLESS && this.keyOrder.violates(keySlot, eventId)) this.stats.orderingViolations++;
    }
    this.latency.record(latency);
    this.intervalLatency.record(latency);
    gp.latency.record(latency);
    this.intervalProcessed++;
    if (this.onRecordProcessed !== null) this.onRecordProcessed(gp, latency, time, offset);
    for (const topic of this.outputs) this.forward(topic, gp, offset);
    return latency;
  }

  /** A record failed every retry: to the dead-letter topic if there is one, otherwise skipped. */
  deadLetter(_m: Member, gp: GroupPartition, offset: number): void {
    this.stats.deadLettered++;
    if (gp.processed.add(offset) && gp.lost.has(offset)) gp.recovered++;
    if (this.deadLetterTopic) this.forward(this.deadLetterTopic, gp, offset);
  }

  /** Writes a record on to another topic, keeping its event id, key and create time (end-to-end latency). */
  private forward(topic: Topic, gp: GroupPartition, offset: number): void {
    const log = gp.log;
    const keySlot = log.keySlotAt(offset);
    topic.write(topic.partitionForDerived(keySlot), log.createTimeAt(offset), log.eventIdAt(offset), keySlot, log.sizeAt(offset), log.versionAt(offset));
  }

  /** Nobody consumes this partition until it is assigned again. */
  release(gp: GroupPartition): void {
    gp.owner = -1;
    gp.pause(this.now);
  }

  private take(gp: GroupPartition, m: Member): void {
    const now = this.now;
    gp.owner = m.slot;
    if (gp.committed >= 0) gp.position = gp.committed;
    else {
      gp.position = this.spec.autoOffsetReset === 'earliest' ? gp.log.logStartOffset : gp.log.logEndOffset;
      if (this.spec.autoOffsetReset === 'latest') gp.declareLost(gp.log.logStartOffset, gp.log.logEndOffset, 'offset-reset');
    }
    gp.readyAt = now + this.spec.fetchLatency;
    gp.resume(now);
  }

  // ---- topic notifications -------------------------------------------------------------------

  onAppend(topic: Topic, partition: number): void {
    const gp = this.byTopic.get(topic)![partition];
    this.ctx.sim.after(this.spec.fetchLatency, this.ev.fetchable, gp.index, topic.visibleEnd(partition));
  }

  /** Only after an unclean leader election: what was read beyond the new end never existed. */
  onTruncated(topic: Topic, partition: number, end: number): void {
    const gp = this.byTopic.get(topic)![partition];
    gp.processed.removeFrom(end);
    gp.lost.removeFrom(end);
    if (gp.committed > end) gp.committed = end;
    if (gp.position > end) gp.position = end;
    if (gp.fetchable > end) gp.fetchable = end;
  }

  onDeleted(topic: Topic, partition: number, from: number, to: number): void {
    const gp = this.byTopic.get(topic)![partition];
    // Records a member has already fetched are still processed: only the others are lost.
    const heldFrom = this.readFloor(topic, partition);
    const heldTo = heldFrom === Infinity ? heldFrom : Math.max(heldFrom, gp.position);
    if (heldFrom >= to || heldTo <= from) {
      gp.declareLost(from, to, 'retention');
      return;
    }
    if (from < heldFrom) gp.declareLost(from, heldFrom, 'retention');
    if (heldTo < to) gp.declareLost(heldTo, to, 'retention');
  }

  readFloor(topic: Topic, partition: number): number {
    const gp = this.byTopic.get(topic)![partition];
    let floor = Infinity;
    // Fenced members may still hold records of a partition they no longer own: ask everyone.
    for (const m of this.members) for (const r of m.inHand()) if (r.partition === gp) floor = Math.min(floor, r.from);
    return floor;
  }

  onPartitionsAdded(topic: Topic): void {
    this.addPartitions(topic, false);
  }

  private addPartitions(topic: Topic, atStart: boolean): void {
    let list = this.byTopic.get(topic);
    if (!list) this.byTopic.set(topic, (list = []));
    while (list.length < topic.partitionCount) {
      const gp = new GroupPartition(this.partitions.length, topic, list.length, atStart);
      if (atStart) gp.committed = 0;
      list.push(gp);
      this.partitions.push(gp);
    }
  }

  private refreshMetadata(): void {
    const fresh = this.partitions.filter((gp) => !gp.known);
    if (fresh.length === 0) return;
    for (const gp of fresh) gp.known = true;
    this.startRebalance(`noticed ${fresh.length} new partition${fresh.length === 1 ? '' : 's'}`);
  }

  // ---- the coordinator -----------------------------------------------------------------------

  /** A member's JoinGroup request is on its way; it arrives one `commitLatency` later. */
  sendJoin(m: Member): void {
    this.ctx.sim.after(this.spec.commitLatency, this.ev.joined, m.slot, m.epoch);
  }

  private onJoin(m: Member): void {
    const entry = this.entryOf(m);
    if (!entry) return;
    entry.joined = true;
    if (this.state !== 'preparing') this.startRebalance(`${m.memberId} joined`, entry);
    this.tryComplete();
  }

  private startRebalance(reason: string, joiner?: Entry): void {
    if (this.state === 'preparing') return;
    const now = this.now;
    if (this.state === 'empty') {
      this.joinDeadline = now + this.spec.initialRebalanceDelay;
      this.ctx.sim.at(this.joinDeadline, this.ev.joinDeadline);
    }
    if (this.state === 'stable' || this.state === 'empty') this.rebalanceStartedAt = now;
    this.state = 'preparing';
    this.generation++;
    this.stats.rebalances++;
    this.ctx.mark('rebalance-start', this.spec.id, reason);
    for (const entry of this.entries) {
      if (entry === joiner) continue;
      entry.joined = false;
      const m = entry.member;
      if (entry.alive && m.alive && m.memberId === entry.memberId) {
        this.ctx.sim.at(m.nextHeartbeat(now), this.ev.learn, m.slot, m.epoch);
      }
    }
    this.ctx.sim.after(this.spec.maxPollInterval, this.ev.rebalanceTimeout, this.generation);
  }

  private tryComplete(): void {
    if (this.state !== 'preparing' || this.now < this.joinDeadline) return;
    if (this.entries.some((e) => !e.joined)) return;
    this.completeJoin();
  }

  private completeJoin(): void {
    if (this.entries.length === 0) {
      this.finishRebalance('empty');
      return;
    }
    const topics: Record<string, number> = {};
    for (const topic of this.inputs) topics[topic.id] = this.byTopic.get(topic)!.filter((gp) => gp.known).length;
    const ordered = [...this.entries].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
    const assignment = assignors[this.spec.assignor]({
      topics,
      members: ordered.map((e) => ({
        id: e.memberId,
        topics: this.inputs.map((t) => t.id),
        instanceId: e.instanceId,
        owned: e.owned.map((gp): TopicPartition => ({ topic: gp.topic.id, partition: gp.partition })),
        generation: e.generation,
      })),
    });
    this.state = 'syncing';
    this.syncOutstanding = 0;
    for (const entry of this.entries) {
      const tps = assignment.get(entry.memberId) ?? [];
      entry.pending = tps.map((tp) => this.byTopic.get(this.inputs.find((t) => t.id === tp.topic)!)![tp.partition]);
      entry.generation = this.generation;
      const m = entry.member;
      this.syncOutstanding++;
      this.ctx.sim.after(this.spec.commitLatency, this.ev.sync, m.slot, m.epoch);
    }
  }

  private onSync(m: Member): void {
    const entry = this.entryOf(m);
    if (!entry || entry.pending === null) {
      this.countSync();
      return;
    }
    const assigned = entry.pending;
    entry.pending = null;
    if (this.protocol === 'eager' || m.state === 'starting' || this.state === 'stable') {
      for (const gp of assigned) if (gp.owner !== m.slot) this.take(gp, m);
      m.owned = this.protocol === 'eager' || m.state === 'starting' ? assigned : unique([...m.owned, ...assigned]);
    } else {
      const keep = new Set(assigned);
      for (const gp of assigned) if (gp.owner !== m.slot) this.take(gp, m);
      m.pendingRevoke = m.owned.filter((gp) => !keep.has(gp));
      m.owned = unique([...m.owned, ...assigned]);
    }
    entry.owned = m.owned.filter((gp) => !m.pendingRevoke.includes(gp));
    if (m.state === 'joining' || m.state === 'starting') m.state = 'idle';
    this.countSync();
    if (m.state === 'idle') m.poll();
  }

  /** An entry whose assignment will never be delivered (its member died or left) stops being waited for. */
  private dropPendingSync(entry: Entry): void {
    if (entry.pending === null) return;
    entry.pending = null;
    this.countSync();
  }

  private countSync(): void {
    if (this.state !== 'syncing') return;
    if (--this.syncOutstanding <= 0) this.finishRebalance(`generation ${this.generation}`);
  }

  private finishRebalance(detail: string): void {
    const now = this.now;
    this.state = this.entries.length === 0 ? 'empty' : 'stable';
    this.rebalancingUs += now - this.rebalanceStartedAt;
    this.ctx.mark('rebalance-end', this.spec.id, detail);
  }

  private expire(seq: number): void {
    const index = this.entries.findIndex((e) => e.seq === seq);
    if (index < 0 || this.entries[index].alive) return;
    const [entry] = this.entries.splice(index, 1);
    this.dropPendingSync(entry);
    this.ctx.mark('member-expired', this.spec.id, `${entry.memberId}: no heartbeat for ${this.spec.sessionTimeout / 1000} ms`);
    if (this.state === 'preparing') this.tryComplete();
    else this.startRebalance(`${entry.memberId} session expired`);
  }

  private rebalanceTimeout(generation: number): void {
    if (this.state !== 'preparing' || generation !== this.generation) return;
    for (const entry of this.entries.filter((e) => !e.joined)) this.removeEntry(entry, 'did not rejoin within max.poll.interval');
    this.tryComplete();
  }

  /** max.poll.interval exceeded: the member's heartbeat thread leaves the group for it. */
  private fenceOut(m: Member): void {
    const entry = this.entryOf(m);
    if (entry) this.removeEntry(entry, 'polled too slowly (max.poll.interval)');
    if (this.state !== 'preparing') this.startRebalance(`${m.memberId} left: max.poll.interval exceeded`);
    else this.tryComplete();
  }

  private removeEntry(entry: Entry, why: string): void {
    this.entries.splice(this.entries.indexOf(entry), 1);
    this.dropPendingSync(entry);
    const m = entry.member;
    if (m.alive && m.memberId === entry.memberId) {
      m.fenced = true;
      for (const gp of m.owned) this.release(gp);
      m.owned = [];
    }
    this.ctx.mark('member-expired', this.spec.id, `${entry.memberId} ${why}`);
  }

  /** A fenced member polls again: it joins as a new member. */
  rejoinAsNewMember(m: Member): void {
    this.incarnations[m.slot]++;
    m.memberId = memberIdFor(this.spec.id, m.slot, this.incarnations[m.slot]);
    m.state = 'joining';
    this.entries.push({ seq: this.nextEntrySeq++, memberId: m.memberId, member: m, instanceId: m.instanceId, alive: true, joined: false, owned: [], generation: -1, pending: null });
    this.sendJoin(m);
  }

  /** Graceful leave after the final commit. */
  leave(m: Member): void {
    const entry = this.entryOf(m);
    const isStatic = m.instanceId !== undefined;
    m.stop(this.now, 'left');
    if (!entry) return;
    this.dropPendingSync(entry);
    if (isStatic) {
      // Static members do not send LeaveGroup: the coordinator notices when the session expires.
      entry.alive = false;
      entry.joined = false;
      this.ctx.sim.after(this.spec.sessionTimeout, this.ev.expire, entry.seq);
      return;
    }
    this.entries.splice(this.entries.indexOf(entry), 1);
    if (this.state === 'preparing') this.tryComplete();
    else this.startRebalance(`${entry.memberId} left the group`);
  }
}

export function memberIdFor(group: string, slot: number, incarnation: number): string {
  // Zero-padded so that sorting member ids (as range and roundrobin do) keeps scenario order.
  return `${group}-${String(slot).padStart(4, '0')}${incarnation > 0 ? `.${incarnation}` : ''}`;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** murmur3's 32-bit finaliser: spreads an integer's bits, for choosing poison records by id. */
export function hash32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function stringHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}
