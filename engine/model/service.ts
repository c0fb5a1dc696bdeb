/**
 * A downstream service that consumers call once per record: each call takes a latency drawn from
 * a distribution and fails with `failureRate`; at most `concurrency` calls run at once and the rest
 * wait in a first-come queue. During an outage every call fails after `timeout`.
 */
import { createSampler, distributionMean, type DistributionSpec, type Sampler } from '../core/distributions.ts';
import { formatDuration } from '../core/time.ts';
import type { Rng } from '../core/random.ts';
import type { ServiceSpec } from '../scenario/schema.ts';
import type { ModelContext } from './context.ts';

/** Who is waiting for a call: told once, with the outcome. */
export type CallDone = (ok: boolean) => void;

interface Call {
  id: number;
  done: CallDone;
  queuedAt: number;
}

export interface ServiceStats {
  calls: number;
  failures: number;
  /** Calls that had to wait for a free slot. */
  queued: number;
  maxQueue: number;
  /** Total time calls spent waiting in the queue, microseconds. */
  queueWaitUs: number;
}

export class Service {
  readonly stats: ServiceStats = { calls: 0, failures: 0, queued: 0, maxQueue: 0, queueWaitUs: 0 };
  private latency: Sampler;
  private readonly latencyRng: Rng;
  private readonly failures: Rng;
  private readonly waiting: Call[] = [];
  private readonly running = new Map<number, { call: Call; ok: boolean }>();
  private inOutage = false;
  private nextCallId = 0;
  private readonly doneEvent: number;

  constructor(
    readonly spec: ServiceSpec,
    private readonly ctx: ModelContext,
  ) {
    this.latencyRng = ctx.streams.stream(spec.id, 'latency');
    this.latency = createSampler(spec.latency, this.latencyRng);
    this.failures = ctx.streams.stream(spec.id, 'failures');
    this.doneEvent = ctx.sim.defineEvent(`${spec.id}:call-done`, (id) => this.finish(id));
    const start = ctx.sim.defineEvent(`${spec.id}:outage-start`, () => this.setOutage(true));
    const end = ctx.sim.defineEvent(`${spec.id}:outage-end`, () => this.setOutage(false));
    for (const outage of spec.outages) {
      ctx.sim.at(outage.start, start);
      ctx.sim.at(outage.end, end);
    }
  }

  get id(): string {
    return this.spec.id;
  }

  get outage(): boolean {
    return this.inOutage;
  }

  /** Calls waiting for a free slot now. */
  get queueLength(): number {
    return this.waiting.length;
  }

  /** Calls being served now. */
  get inFlight(): number {
    return this.running.size;
  }

  /** Starts or ends an outage now; calls already running finish as they were going to. */
  setOutage(on: boolean): void {
    if (this.inOutage === on) return;
    this.inOutage = on;
    this.ctx.mark(on ? 'outage-start' : 'outage-end', this.spec.id, on ? 'calls fail after the timeout' : 'calls succeed again');
  }

  /**
   * Calls started from now on take latencies from `latency` (the `set-latency` timeline action: a
   * slowdown or its end); calls under way keep theirs. The same random stream goes on, so a variant
   * without the action sees the same draws up to it.
   */
  setLatency(latency: DistributionSpec): void {
    this.latency = createSampler(latency, this.latencyRng);
    const mean = formatDuration(Math.round(distributionMean(latency)));
    this.ctx.mark('set-latency', this.spec.id, latency.dist === 'constant' ? `calls take ${mean}` : `calls take ${mean} on average (${latency.dist})`);
  }

  /** Calls the service; `done` runs when the call completes (or fails). Returns a handle for {@link cancel}. */
  call(done: CallDone): number {
    const call: Call = { id: this.nextCallId++, done, queuedAt: this.ctx.sim.now };
    this.stats.calls++;
    if (this.spec.concurrency !== undefined && this.running.size >= this.spec.concurrency) {
      this.waiting.push(call);
      this.stats.queued++;
      if (this.waiting.length > this.stats.maxQueue) this.stats.maxQueue = this.waiting.length;
    } else {
      this.start(call);
    }
    return call.id;
  }

  /** Forgets a caller that went away (a crashed consumer): its call still occupies its slot until done. */
  cancel(id: number): void {
    const index = this.waiting.findIndex((call) => call.id === id);
    if (index >= 0) this.waiting.splice(index, 1);
    const running = this.running.get(id);
    if (running) running.call.done = () => {};
  }

  private start(call: Call): void {
    this.stats.queueWaitUs += this.ctx.sim.now - call.queuedAt;
    let ok: boolean;
    let duration: number;
    if (this.inOutage) {
      ok = false;
      duration = this.spec.timeout;
    } else {
      const latency = this.latency();
      const failed = this.failures() < this.spec.failureRate;
      // A call slower than the timeout is given up at the timeout, as a failure.
      ok = !failed && latency <= this.spec.timeout;
      duration = Math.min(latency, this.spec.timeout);
    }
    this.running.set(call.id, { call, ok });
    this.ctx.sim.after(duration, this.doneEvent, call.id);
  }

  private finish(id: number): void {
    const running = this.running.get(id)!;
    this.running.delete(id);
    if (!running.ok) this.stats.failures++;
    const next = this.waiting.shift();
    if (next) this.start(next);
    running.call.done(running.ok);
  }
}
