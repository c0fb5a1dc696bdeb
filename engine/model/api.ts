/**
 * An api: client requests arrive at a rate (Poisson or evenly spaced, like a producer's events) and
 * each is handled in one of two ways.
 *
 * - `sync`: the api commits its own write, then calls each wired service in turn (wire order) and
 *   answers once the last one has. Latencies add up; one call that fails, or that the api stops
 *   waiting for after `timeout`, fails the attempt.
 * - `async`: the api commits its own write, publishes one event to its wired topic (through a
 *   producer of its own: linger, batches, acks=all) and answers once the event is acknowledged.
 *   The work the services did in `sync` now happens in the consumer groups of that topic.
 *
 * A failed attempt is retried by the client after `retryBackoff`, up to `retries` times, and each
 * retry runs the whole request again: every call that had succeeded in an earlier attempt has its
 * effect a second time. A call the api gave up on still runs to its end at the service, so it can
 * take effect after the request failed. Effects are counted per downstream component and request;
 * any beyond the first for the same request is a duplicated effect.
 */
import { createSampler, type Sampler } from '../core/distributions.ts';
import type { Rng } from '../core/random.ts';
import { LatencyHistogram } from '../metrics/histogram.ts';
import { producerSchema, type ApiSpec, type ProducerSpec } from '../scenario/schema.ts';
import { arrivalGapUs } from './arrivals.ts';
import type { ModelContext } from './context.ts';
import { Producer } from './producer.ts';
import type { Service } from './service.ts';
import type { Topic } from './topic.ts';

/** Why an attempt failed: the api stopped waiting (`timeout`) or the call or publish answered with a failure (`error`). */
export type AttemptFailure = 'timeout' | 'error';

export interface ApiStats {
  /** Requests that arrived. */
  requests: number;
  succeeded: number;
  /** Requests that failed their last attempt. */
  failed: number;
  /** Attempts started, first tries and retries. */
  attempts: number;
  /** Client retries (attempts after a request's first). */
  retries: number;
  failedAttempts: Record<AttemptFailure, number>;
}

interface Request {
  id: number;
  arrivedAt: number;
  /** Attempts started so far. */
  attempts: number;
  /** The step being waited for: -1 the own write, 0.. the downstream calls (sync) or the publish (async). */
  step: number;
  /** Bumped whenever the api stops waiting for something, so late timers and answers are recognised. */
  token: number;
  /** Async: acknowledgements still to come for the current publish (one per wired topic). */
  acksDue: number;
  /** Calls and publishes not yet answered, including those the api gave up on. */
  outstanding: number;
  /** Effects that happened per downstream component, over every attempt. */
  effects: Uint32Array;
  done: boolean;
}

/** A published event waiting for its topics' answers. */
interface PendingPublish {
  request: Request;
  token: number;
  /** Topics still to answer, whether or not the api still waits for them. */
  answersDue: number;
}

export class Api {
  readonly stats: ApiStats = { requests: 0, succeeded: 0, failed: 0, attempts: 0, retries: 0, failedAttempts: { timeout: 0, error: 0 } };
  /** Effects per downstream component (services in sync, topics in async), in wire order. */
  readonly effects: number[];
  /** Effects beyond the first one of the same request, per downstream component. */
  readonly duplicatedEffects: number[];
  /** Request latency as the client sees it (arrival to the final answer, retries included), succeeded or failed. */
  readonly latency = new LatencyHistogram();
  /** Since the last time-series sample: arrivals, answers, failures and the latencies of the answers. */
  readonly interval = { arrived: 0, answered: 0, failed: 0, latency: new LatencyHistogram() };
  /** Async: the producer the api publishes through (null in sync mode or without a topic). */
  readonly producer: Producer | null;
  /** Requests not answered yet, including those waiting to be retried. */
  inFlight = 0;
  private readonly requests = new Map<number, Request>();
  private readonly publishes = new Map<number, PendingPublish>();
  private nextRequestId = 0;
  private ratePerSec: number;
  private readonly poisson: boolean;
  private readonly arrivalRng: Rng;
  private readonly ownWrite: Sampler;
  private nextArrivalExact = 0;
  private arrivalGeneration = 0;
  private readonly arrivalEvent: number;
  private readonly ownWriteEvent: number;
  private readonly timeoutEvent: number;
  private readonly retryEvent: number;

  constructor(
    readonly spec: ApiSpec,
    /** Services called in sync mode, in wire order. */
    readonly services: Service[],
    /** Topics published to in async mode. */
    readonly topics: Topic[],
    /** First run-wide key slot of the keys of its events. */
    keyBase: number,
    private readonly ctx: ModelContext,
  ) {
    const { sim, streams } = ctx;
    this.ratePerSec = spec.rate;
    this.poisson = spec.arrival === 'poisson';
    // Purposes unlike a producer's: the api's own producer takes those under the same id.
    this.arrivalRng = streams.stream(spec.id, 'requests');
    this.ownWrite = createSampler(spec.ownWrite, streams.stream(spec.id, 'own-write'));
    const downstream = spec.mode === 'sync' ? services.length : topics.length;
    this.effects = new Array<number>(downstream).fill(0);
    this.duplicatedEffects = new Array<number>(downstream).fill(0);
    this.producer = spec.mode === 'async' && topics.length > 0 ? new Producer(publisherSpec(spec), topics, keyBase, ctx) : null;
    if (this.producer) this.producer.onBatchDone = (target, eventIds, count, ok) => this.batchDone(target, eventIds, count, ok);

    this.arrivalEvent = sim.defineEvent(`${spec.id}:request`, (generation) => {
      if (generation !== this.arrivalGeneration) return;
      this.arrive();
      this.drawNextArrival(false);
      this.scheduleArrival();
    });
    this.ownWriteEvent = sim.defineEvent(`${spec.id}:own-write-done`, (id, token) => {
      const request = this.requests.get(id);
      if (request && request.token === token) this.nextStep(request);
    });
    this.timeoutEvent = sim.defineEvent(`${spec.id}:timeout`, (id, token) => {
      const request = this.requests.get(id);
      if (request && request.token === token) this.failAttempt(request, 'timeout');
    });
    this.retryEvent = sim.defineEvent(`${spec.id}:retry`, (id) => this.attempt(this.requests.get(id)!));
    this.drawNextArrival(true);
    this.scheduleArrival();
  }

  get id(): string {
    return this.spec.id;
  }

  get rate(): number {
    return this.ratePerSec;
  }

  /** The ids of the downstream components effects are counted for, in wire order. */
  get downstreamIds(): string[] {
    return this.spec.mode === 'sync' ? this.services.map((s) => s.id) : this.topics.map((t) => t.id);
  }

  /** Changes the request rate from now on (the `set-rate` timeline action). */
  setRate(ratePerSec: number): void {
    this.ratePerSec = ratePerSec;
    this.arrivalGeneration++;
    this.nextArrivalExact = this.ctx.sim.now;
    this.drawNextArrival(true);
    this.scheduleArrival();
  }

  private drawNextArrival(first: boolean): void {
    this.nextArrivalExact += arrivalGapUs(this.ratePerSec, this.poisson, this.arrivalRng, first);
  }

  private scheduleArrival(): void {
    if (this.nextArrivalExact === Infinity) return;
    const sim = this.ctx.sim;
    sim.at(Math.max(sim.now, Math.round(this.nextArrivalExact)), this.arrivalEvent, this.arrivalGeneration);
  }

  private arrive(): void {
    const request: Request = {
      id: this.nextRequestId++,
      arrivedAt: this.ctx.sim.now,
      attempts: 0,
      step: -1,
      token: 0,
      acksDue: 0,
      outstanding: 0,
      effects: new Uint32Array(this.effects.length),
      done: false,
    };
    this.requests.set(request.id, request);
    this.stats.requests++;
    this.interval.arrived++;
    this.inFlight++;
    this.attempt(request);
  }

  /** Runs the request from the top: its own write first. */
  private attempt(request: Request): void {
    request.attempts++;
    this.stats.attempts++;
    if (request.attempts > 1) this.stats.retries++;
    request.step = -1;
    request.token++;
    this.ctx.sim.after(Math.max(0, Math.round(this.ownWrite())), this.ownWriteEvent, request.id, request.token);
  }

  /** The step waited for is done: on to the next call, the publish, or the answer. */
  private nextStep(request: Request): void {
    request.step++;
    request.token++;
    if (this.spec.mode === 'sync') {
      if (request.step >= this.services.length) return this.answer(request, true);
      this.call(request, request.step);
    } else {
      // Step 0 is the publish; once every topic has acknowledged it, the request is answered.
      if (request.step >= 1 || this.producer === null) return this.answer(request, true);
      this.publish(request);
    }
    this.ctx.sim.after(this.spec.timeout, this.timeoutEvent, request.id, request.token);
  }

  private call(request: Request, index: number): void {
    const token = request.token;
    request.outstanding++;
    this.services[index].call((ok) => {
      request.outstanding--;
      if (ok) this.effect(request, index);
      if (request.token === token && !request.done) {
        if (ok) this.nextStep(request);
        else this.failAttempt(request, 'error');
      }
      this.forgetIfSettled(request);
    });
  }

  private publish(request: Request): void {
    const eventId = this.producer!.publish();
    request.outstanding++;
    request.acksDue = this.topics.length;
    this.publishes.set(eventId, { request, token: request.token, answersDue: this.topics.length });
  }

  /** The api's producer is done with a batch: each of its events is acknowledged, or failed for good, on one topic. */
  private batchDone(target: number, eventIds: Uint32Array, count: number, ok: boolean): void {
    for (let i = 0; i < count; i++) {
      const pending = this.publishes.get(eventIds[i]);
      if (pending === undefined) continue;
      const { request, token } = pending;
      if (--pending.answersDue === 0) {
        this.publishes.delete(eventIds[i]);
        request.outstanding--;
      }
      if (ok) this.effect(request, target);
      const waiting = request.token === token && !request.done;
      if (waiting && !ok) this.failAttempt(request, 'error');
      else if (waiting && --request.acksDue === 0) this.nextStep(request);
      this.forgetIfSettled(request);
    }
  }

  private effect(request: Request, index: number): void {
    this.effects[index]++;
    if (request.effects[index]++ > 0) this.duplicatedEffects[index]++;
  }

  private failAttempt(request: Request, cause: AttemptFailure): void {
    this.stats.failedAttempts[cause]++;
    // Whatever is still under way from this attempt is no longer waited for.
    request.token++;
    if (request.attempts <= this.spec.retries) this.ctx.sim.after(this.spec.retryBackoff, this.retryEvent, request.id);
    else this.answer(request, false);
  }

  private answer(request: Request, ok: boolean): void {
    request.done = true;
    this.inFlight--;
    if (ok) this.stats.succeeded++;
    else {
      this.stats.failed++;
      this.interval.failed++;
    }
    const latency = this.ctx.sim.now - request.arrivedAt;
    this.latency.record(latency);
    this.interval.latency.record(latency);
    this.interval.answered++;
    this.forgetIfSettled(request);
  }

  /** A request is forgotten once answered and nothing it started can still take effect. */
  private forgetIfSettled(request: Request): void {
    if (request.done && request.outstanding === 0) this.requests.delete(request.id);
  }
}

/** The api's own producer: Kafka's producer defaults, with the api's keys, sizes, linger and network. */
function publisherSpec(spec: ApiSpec): ProducerSpec {
  return {
    ...producerSchema.parse({ id: spec.id, kind: 'producer' }),
    // Its events come from the api's requests, not from a rate of its own.
    rate: 0,
    keys: spec.keys,
    eventSize: spec.eventSize,
    linger: spec.linger,
    networkLatency: spec.networkLatency,
  };
}
