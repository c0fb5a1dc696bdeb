/**
 * One consumer process of a group, and its poll loop:
 *
 * 1. `poll()` takes up to `maxPollRecords` records from the partitions it owns, serving them in
 *    turn: it starts at the partition after the one it started with last time and takes all it can
 *    from each before moving to the next (Kafka's fetcher returns one partition's completed fetch
 *    before the next). Records reach a member `fetchLatency` after they are appended, and the first
 *    fetch after an assignment or a seek costs one more `fetchLatency`.
 * 2. It processes them one at a time: a processing time, then each wired service in turn. A failure
 *    is retried after `retryBackoff` (blocking everything behind it: head-of-line blocking) up to
 *    `retries` times, then the record goes to the dead-letter topic (or is skipped), counted.
 * 3. Commits follow the group's policy; then it polls again. Rebalances are joined at poll time,
 *    as Kafka's consumer does inside `poll()`.
 */
import type { Sampler } from '../core/distributions.ts';
import { LatencyHistogram } from '../metrics/histogram.ts';
import type { ConsumerGroup } from './consumerGroup.ts';
import type { GroupPartition } from './groupPartition.ts';

export type MemberState = 'starting' | 'idle' | 'processing' | 'committing' | 'joining' | 'dead' | 'left';

/** What a synchronous commit does once it completes. */
type AfterCommit = 'process' | 'advance' | 'poll' | 'join' | 'leave' | 'revoke';

export class Member {
  state: MemberState = 'starting';
  /** Bumped whenever the process stops or starts: events scheduled before carry the old value. */
  epoch = 0;
  /** Partitions it consumes now. */
  owned: GroupPartition[] = [];
  /** Partitions a cooperative rebalance took away, given up at the next poll. */
  pendingRevoke: GroupPartition[] = [];
  /** The coordinator asked this member to rejoin; it does so at its next poll. */
  rejoinRequested = false;
  /** remove-consumer: finish the batch, commit, leave. */
  leaving = false;
  /** The coordinator removed it (max.poll.interval exceeded): its commits are refused. */
  fenced = false;
  /** Heartbeats go out at heartbeatBase + k * heartbeatInterval. */
  heartbeatBase = 0;
  lastPollAt = 0;
  pollCount = 0;
  /** Kernel handle of its pending max.poll.interval check, or -1. */
  pollDeadline = -1;
  lastAutoCommitAt = 0;
  private cursor = 0;
  // The current batch: segments of consecutive offsets, one partition each.
  private readonly batchPartitions: GroupPartition[] = [];
  private readonly batchFrom: number[] = [];
  private readonly batchTo: number[] = [];
  private segment = 0;
  private offset = 0;
  private attempt = 0;
  private recordStartedAt = 0;
  private serviceIndex = 0;
  private serviceCall: { service: number; id: number } | null = null;
  private afterCommit: AfterCommit = 'poll';
  private pendingCommits: [GroupPartition, number][] = [];
  private abandonBatch = false;
  // Fast path (see beginFastBatch): completion times of the batch's records, drawn at its start.
  /** While {@link startRecord} runs, and whether a call it led to asked for another round. */
  private startingRecord = false;
  private startAgain = false;
  private fastTimes = new Float64Array(512);
  private fastTotal = 0;
  private fastNext = 0;
  private fastStart = 0;
  /** Identifies the current fast batch's done event, so a rescheduled one makes the old stale. */
  fastSeq = 0;
  // Metrics.
  processed = 0;
  busyUs = 0;
  aliveUs = 0;
  private aliveSince = 0;
  readonly latency = new LatencyHistogram();

  constructor(
    readonly slot: number,
    public memberId: string,
    readonly instanceId: string | undefined,
    private readonly group: ConsumerGroup,
    /** This member's own processing times: the same record gets the same time whichever path runs it. */
    readonly processingTime: Sampler,
  ) {}

  get alive(): boolean {
    return this.state !== 'dead' && this.state !== 'left';
  }

  /** Starts (or restarts) the process now. */
  start(now: number): void {
    this.epoch++;
    this.state = 'starting';
    this.heartbeatBase = now;
    this.lastPollAt = now;
    this.lastAutoCommitAt = now;
    this.aliveSince = now;
    this.rejoinRequested = false;
    this.leaving = false;
    this.fenced = false;
    this.clearBatch();
  }

  /** Stops the process now, as a crash: nothing is committed, the record in hand is not finished. */
  crash(now: number): void {
    if (!this.alive) return;
    this.cancelServiceCall();
    // A commit already sent still reaches the coordinator (a little early here: at the crash).
    if (this.state === 'committing') for (const [gp, offset] of this.pendingCommits) this.group.applyCommit(gp, offset, this);
    this.pendingCommits = [];
    if (this.group.spec.delivery === 'at-most-once') {
      // Its batch was committed before processing: what it had not finished is lost to the group.
      for (const { partition, from, to } of this.inHand()) partition.declareLost(from, to, 'at-most-once');
    }
    this.stop(now, 'dead');
  }

  /** Leaves for good (after a graceful leave has committed). */
  stop(now: number, state: 'dead' | 'left'): void {
    this.epoch++;
    this.aliveUs += now - this.aliveSince;
    this.state = state;
    for (const gp of this.owned) this.group.release(gp);
    this.owned = [];
    this.pendingRevoke = [];
    this.clearBatch();
  }

  /** The next heartbeat at or after `time`. */
  nextHeartbeat(time: number): number {
    const interval = this.group.spec.heartbeatInterval;
    if (interval <= 0) return time;
    return this.heartbeatBase + Math.ceil((time - this.heartbeatBase) / interval) * interval;
  }

  /** The last heartbeat at or before `time`. */
  lastHeartbeat(time: number): number {
    const interval = this.group.spec.heartbeatInterval;
    if (interval <= 0) return time;
    return this.heartbeatBase + Math.floor((time - this.heartbeatBase) / interval) * interval;
  }

  /** Busy fraction of its life so far. */
  utilization(now: number): number {
    const alive = this.aliveUs + (this.alive ? now - this.aliveSince : 0);
    return alive > 0 ? this.busyUs / alive : 0;
  }

  // ---- the poll loop -------------------------------------------------------------------------

  /** Called when the member is free: joins a pending rebalance, gives up revoked partitions, or fetches. */
  poll(): void {
    const group = this.group;
    const now = group.now;
    if (!this.alive || this.state === 'joining' || this.state === 'committing' || this.state === 'processing') return;
    this.lastPollAt = now;
    this.pollCount++;
    if (this.fenced) {
      // Kicked out for polling too slowly: its offsets are stale, so it rejoins as a new member.
      this.fenced = false;
      this.rejoinRequested = false;
      group.rejoinAsNewMember(this);
      return;
    }
    if (this.leaving) {
      this.commitOwned('leave');
      return;
    }
    if (this.pendingRevoke.length > 0) {
      this.commitPartitions(this.pendingRevoke, 'revoke');
      return;
    }
    if (this.rejoinRequested) {
      this.rejoinRequested = false;
      if (group.protocol === 'eager') {
        // onPartitionsRevoked: commit what was consumed, then give everything up.
        this.commitOwned('join');
        return;
      }
      group.sendJoin(this);
    }
    if (this.state === 'starting') return; // waits for its first assignment
    if (group.spec.commit === 'auto' && group.spec.delivery !== 'at-most-once' && now - this.lastAutoCommitAt >= group.spec.autoCommitInterval) {
      this.lastAutoCommitAt = now;
      for (const gp of this.owned) group.commitAsync(gp, gp.position);
    }
    if (!this.fillBatch(now)) {
      this.state = 'idle';
      return;
    }
    this.state = 'processing';
    group.armPollDeadline(this);
    if (group.spec.delivery === 'at-most-once') {
      // At-most-once: commit the whole batch before processing any of it.
      this.pendingCommits = this.batchPartitions.map((gp, s) => [gp, this.batchTo[s]] as [GroupPartition, number]);
      this.syncCommit('process');
      return;
    }
    this.processBatch();
  }

  /** Processes the batch in hand: all at once when nothing can interfere, else record by record. */
  private processBatch(): void {
    if (this.group.fastPathAllowed()) this.beginFastBatch();
    else this.startRecord();
  }

  /**
   * The fast path, for groups whose records touch nothing but the group itself (no services, no
   * output topics, no poison records, no per-record commits): every completion time of the batch
   * is drawn now (t_i = t_(i-1) + processing time), one event marks the batch's end, and records
   * are accounted lazily by {@link catchUp} whenever anything looks (a sample, a crash, a seek, the
   * end of a slice). The processing times are the member's own draws in record order, exactly as
   * the record-by-record path would draw them, so both paths give the same results.
   */
  private beginFastBatch(): void {
    let total = 0;
    for (let s = 0; s < this.batchPartitions.length; s++) total += this.batchTo[s] - this.batchFrom[s];
    if (total > this.fastTimes.length) this.fastTimes = new Float64Array(Math.max(total, this.fastTimes.length * 2));
    const now = this.group.now;
    let t = now;
    let s = 0;
    let offset = this.batchFrom[0];
    for (let j = 0; j < total; j++) {
      while (offset >= this.batchTo[s]) offset = this.batchFrom[++s];
      // An idempotent group looks a re-delivered event up and skips it: no processing time.
      if (!this.group.skipsAsSeen(this.batchPartitions[s], offset)) t += Math.round(this.processingTime());
      this.fastTimes[j] = t;
      offset++;
    }
    this.fastTotal = total;
    this.fastNext = 0;
    this.fastStart = now;
    this.group.scheduleFastDone(this, t);
  }

  /** In a fast batch: accounts every record finished by `time`. */
  catchUp(time: number): void {
    const group = this.group;
    while (this.fastNext < this.fastTotal && this.fastTimes[this.fastNext] <= time) {
      const done = this.fastTimes[this.fastNext];
      const started = this.fastNext === 0 ? this.fastStart : this.fastTimes[this.fastNext - 1];
      while (this.offset >= this.batchTo[this.segment]) {
        this.segment++;
        this.offset = this.batchFrom[this.segment];
      }
      this.busyUs += done - started;
      this.latency.record(group.recordProcessed(this.batchPartitions[this.segment], this.offset, done));
      this.processed++;
      this.offset++;
      this.fastNext++;
    }
  }

  /** The fast batch's last record is done. */
  fastBatchDone(): void {
    // Everyone's completions up to now, in time order across members (per-key order depends on it).
    this.group.catchUp(this.group.now);
    this.fastTotal = 0;
    this.fastNext = 0;
    this.finishBatch();
  }

  /** Completion time of the next record of the fast batch not yet accounted. */
  get nextCompletion(): number {
    return this.fastTimes[this.fastNext];
  }

  get inFastBatch(): boolean {
    return this.fastNext < this.fastTotal;
  }

  private fillBatch(now: number): boolean {
    this.clearBatch();
    const owned = this.owned;
    const n = owned.length;
    let room = this.group.spec.maxPollRecords;
    let wakeAt = Infinity;
    for (let i = 0; i < n && room > 0; i++) {
      const gp = owned[(this.cursor + i) % n];
      if (gp.readyAt > now) {
        wakeAt = Math.min(wakeAt, gp.readyAt);
        continue;
      }
      const log = gp.log;
      // An offline partition (no leader) cannot be fetched from; the group is woken when it is back.
      if (!gp.topic.online(gp.partition)) continue;
      if (gp.position < log.logStartOffset || gp.position > log.logEndOffset) this.group.resetPosition(gp);
      const available = Math.min(gp.fetchable, gp.topic.visibleEnd(gp.partition)) - gp.position;
      if (available <= 0) continue;
      const take = Math.min(available, room);
      this.batchPartitions.push(gp);
      this.batchFrom.push(gp.position);
      this.batchTo.push(gp.position + take);
      gp.position += take;
      room -= take;
    }
    if (n > 0) this.cursor = (this.cursor + 1) % n;
    if (this.batchPartitions.length === 0) {
      if (wakeAt < Infinity) this.group.wakeAt(this, wakeAt);
      return false;
    }
    this.segment = 0;
    this.offset = this.batchFrom[0];
    return true;
  }

  private clearBatch(): void {
    // Records dropped from hand (a crash, a seek) that retention deleted meanwhile are lost now:
    // they were kept out of the loss count only while a member still held them.
    for (const { partition, from, to } of this.inHand()) {
      const start = partition.log.logStartOffset;
      if (from < start) partition.declareLost(from, Math.min(to, start), 'retention');
    }
    this.batchPartitions.length = 0;
    this.batchFrom.length = 0;
    this.batchTo.length = 0;
    this.segment = 0;
    this.offset = 0;
    this.abandonBatch = false;
    this.fastTotal = 0;
    this.fastNext = 0;
  }

  /**
   * Takes the next record of the batch in hand, or finishes the batch. Records that complete at
   * once (an idempotent group's re-deliveries, skipped ones) would make this and the calls it ends
   * in (afterRecord, finishBatch, poll) call it again before returning, once per record, deep
   * enough to overflow the stack over a long backlog. Every such call is the last thing its caller
   * does, so a call made while one is running is deferred and run by the loop here instead: the
   * same steps in the same order, at a constant depth.
   */
  startRecord(): void {
    if (this.startingRecord) {
      this.startAgain = true;
      return;
    }
    this.startingRecord = true;
    do {
      this.startAgain = false;
      this.startOneRecord();
    } while (this.startAgain);
    this.startingRecord = false;
  }

  private startOneRecord(): void {
    const group = this.group;
    for (;;) {
      if (this.abandonBatch || this.segment >= this.batchPartitions.length) {
        this.finishBatch();
        return;
      }
      if (this.offset >= this.batchTo[this.segment]) {
        this.segment++;
        if (this.segment < this.batchPartitions.length) this.offset = this.batchFrom[this.segment];
        continue;
      }
      break;
    }
    this.attempt = 0;
    this.recordStartedAt = group.now;
    const gp = this.batchPartitions[this.segment];
    if (group.skipsAsSeen(gp, this.offset)) {
      // Effectively once: the event was applied before, so nothing runs again, no service is called.
      group.recordProcessed(gp, this.offset, group.now);
      this.processed++;
      this.afterRecord();
      return;
    }
    group.beginProcessing(this);
  }

  /** Records fetched but not yet finished, per partition: `[partition, from, to)` (the first is in progress). */
  inHand(): { partition: GroupPartition; from: number; to: number }[] {
    const out: { partition: GroupPartition; from: number; to: number }[] = [];
    for (let s = this.segment; s < this.batchPartitions.length; s++) {
      const from = s === this.segment ? this.offset : this.batchFrom[s];
      if (from < this.batchTo[s]) out.push({ partition: this.batchPartitions[s], from, to: this.batchTo[s] });
    }
    return out;
  }

  /** The processing step of one attempt is over: poison check, then services, then success. */
  processingDone(): void {
    const group = this.group;
    const gp = this.batchPartitions[this.segment];
    if (!group.canRead(gp, this.offset)) {
      this.unreadable();
      return;
    }
    if (group.isPoison(gp.log.eventIdAt(this.offset))) {
      this.failed();
      return;
    }
    this.serviceIndex = 0;
    this.callNextService();
  }

  private callNextService(): void {
    const group = this.group;
    if (this.serviceIndex >= group.services.length) {
      this.succeeded();
      return;
    }
    const service = group.services[this.serviceIndex];
    const epoch = this.epoch;
    const id = service.call((ok) => {
      if (this.epoch !== epoch) return;
      this.serviceCall = null;
      if (!ok) {
        this.failed();
        return;
      }
      this.serviceIndex++;
      this.callNextService();
    });
    this.serviceCall = { service: this.serviceIndex, id };
  }

  private cancelServiceCall(): void {
    if (this.serviceCall) {
      this.group.services[this.serviceCall.service].cancel(this.serviceCall.id);
      this.serviceCall = null;
    }
  }

  private failed(): void {
    const group = this.group;
    this.attempt++;
    if (this.attempt <= group.spec.retries) {
      group.stats.retries++;
      group.retryLater(this);
      return;
    }
    this.busyUs += group.now - this.recordStartedAt;
    group.deadLetter(this, this.batchPartitions[this.segment], this.offset);
    this.afterRecord();
  }

  /**
   * The record's schema version is one the group cannot read. `stall` retries it until it can (a
   * set-reader-schema), holding up everything behind it, as a Kafka consumer whose deserializer
   * throws does; `retry` gives up after the group's retries; then, or at once, it is dead-lettered
   * (or skipped, counted, without a dead-letter topic), or with `skip` dropped.
   */
  private unreadable(): void {
    const group = this.group;
    const onFailure = group.spec.schema!.onFailure;
    if (this.attempt === 0) group.stats.schemaFailures++;
    this.attempt++;
    if (onFailure === 'stall' || (onFailure === 'retry' && this.attempt <= group.spec.retries)) {
      group.stats.retries++;
      group.retryLater(this);
      return;
    }
    this.busyUs += group.now - this.recordStartedAt;
    const gp = this.batchPartitions[this.segment];
    if (onFailure === 'skip') group.skipUnreadable(gp, this.offset);
    else group.deadLetter(this, gp, this.offset);
    this.afterRecord();
  }

  private succeeded(): void {
    const group = this.group;
    const now = group.now;
    this.busyUs += now - this.recordStartedAt;
    const gp = this.batchPartitions[this.segment];
    const latencyUs = group.recordProcessed(gp, this.offset, now);
    this.latency.record(latencyUs);
    this.processed++;
    this.afterRecord();
  }

  private afterRecord(): void {
    const group = this.group;
    const gp = this.batchPartitions[this.segment];
    const next = this.offset + 1;
    this.offset = next;
    if (group.spec.commit === 'record' && group.spec.delivery !== 'at-most-once') {
      this.pendingCommits = [[gp, next]];
      this.syncCommit('advance');
      return;
    }
    this.startRecord();
  }

  private finishBatch(): void {
    const group = this.group;
    const partitions = this.batchPartitions.slice();
    const ends = this.batchTo.slice();
    this.clearBatch();
    if (group.spec.commit === 'poll' && group.spec.delivery !== 'at-most-once' && partitions.length > 0) {
      this.pendingCommits = partitions.map((gp, s) => [gp, ends[s]] as [GroupPartition, number]);
      this.syncCommit('poll');
      return;
    }
    this.state = 'idle';
    this.poll();
  }

  /** Drops the rest of the batch in hand after the current record (a seek moved the positions). */
  abandon(): void {
    if (this.state !== 'processing') return;
    if (this.inFastBatch) {
      // Finish the record in progress, then stop: its completion time is already known.
      this.catchUp(this.group.now);
      if (this.fastNext < this.fastTotal) {
        this.fastTotal = this.fastNext + 1;
        this.group.scheduleFastDone(this, this.fastTimes[this.fastNext]);
      }
      return;
    }
    this.abandonBatch = true;
  }

  // ---- commits -------------------------------------------------------------------------------

  private commitOwned(after: AfterCommit): void {
    this.commitPartitions(this.owned, after);
  }

  private commitPartitions(partitions: GroupPartition[], after: AfterCommit): void {
    const consumed = this.group.spec.delivery !== 'at-most-once' && this.group.spec.commit === 'auto';
    // Policies `poll` and `record` and at-most-once already committed everything they consumed.
    this.pendingCommits = consumed ? partitions.map((gp) => [gp, gp.position] as [GroupPartition, number]) : [];
    this.syncCommit(after);
  }

  private syncCommit(after: AfterCommit): void {
    this.state = 'committing';
    this.afterCommit = after;
    this.group.commitSync(this);
  }

  /** A synchronous commit reached the coordinator. */
  commitDone(): void {
    const group = this.group;
    for (const [gp, offset] of this.pendingCommits) group.applyCommit(gp, offset, this);
    this.pendingCommits = [];
    const after = this.afterCommit;
    this.state = after === 'process' || after === 'advance' ? 'processing' : 'idle';
    switch (after) {
      case 'process':
        this.processBatch();
        return;
      case 'advance':
        this.startRecord();
        return;
      case 'poll':
        this.poll();
        return;
      case 'join':
        for (const gp of this.owned) group.release(gp);
        this.owned = [];
        this.state = 'joining';
        group.sendJoin(this);
        return;
      case 'revoke': {
        const revoked = new Set(this.pendingRevoke);
        for (const gp of this.pendingRevoke) group.release(gp);
        this.owned = this.owned.filter((gp) => !revoked.has(gp));
        this.pendingRevoke = [];
        // Cooperative: having given partitions up, rejoin so they can be handed on.
        group.sendJoin(this);
        this.poll();
        return;
      }
      case 'leave':
        group.leave(this);
        return;
    }
  }


}
