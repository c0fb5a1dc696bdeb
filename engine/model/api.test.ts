import { describe, expect, it } from 'vitest';
import { makeScenario, runSketch, type ComponentInput, type ScenarioSketch } from '../../test/support/scenario.ts';
import { loadScenario } from '../scenario/load.ts';
import type { ApiResult } from './result.ts';
import { ScenarioRun } from './run.ts';

type ApiInput = Extract<ComponentInput, { kind: 'api' }>;

/** An api `web` calling services with the given latencies (and settings) in order, 10 s of evenly spaced requests. */
function syncApi(api: Omit<ApiInput, 'id' | 'kind'>, services: Record<string, Omit<Extract<ComponentInput, { kind: 'service' }>, 'id' | 'kind'>>, extra: Partial<ScenarioSketch> = {}): ScenarioSketch {
  return {
    duration: '10s',
    components: [{ id: 'web', kind: 'api', arrival: 'constant', rate: 20, ...api }, ...Object.entries(services).map(([id, s]) => ({ id, kind: 'service' as const, ...s }))],
    connections: Object.keys(services).map((to) => ({ from: 'web', to })),
    ...extra,
  };
}

/** An async api `web` publishing to topic `likes`, read by group `counter`. */
function asyncApi(api: Omit<ApiInput, 'id' | 'kind'>, extra: Partial<ScenarioSketch> = {}): ScenarioSketch {
  return {
    duration: '10s',
    components: [
      { id: 'web', kind: 'api', arrival: 'constant', rate: 50, mode: 'async', ...api },
      { id: 'likes', kind: 'topic', partitions: 3 },
      { id: 'counter', kind: 'consumer-group', consumers: 1 },
    ],
    connections: [
      { from: 'web', to: 'likes' },
      { from: 'likes', to: 'counter' },
    ],
    ...extra,
  };
}

const apiOf = (sketch: ScenarioSketch): ApiResult => runSketch(sketch).result.apis.web;

/** Arrivals stop at 8 s, so by the end of the 10 s run every request has been answered and every call has finished. */
const quietEnd: Partial<ScenarioSketch> = { timeline: [{ at: '8s', action: 'set-rate', target: 'web', rate: 0 }] };

describe('a sync api', () => {
  it('answers after its own write plus every call, one after another: latencies add up exactly', () => {
    const api = apiOf(syncApi({ ownWrite: '2ms' }, { counter: { latency: '3ms' }, notifications: { latency: '5ms' }, ranking: { latency: '7ms' } }, quietEnd));
    expect(api.requests).toBeGreaterThanOrEqual(159);
    expect(api).toMatchObject({ succeeded: api.requests, failed: 0, inFlight: 0, retries: 0 });
    expect(api.latencyMs).toMatchObject({ mean: 2 + 3 + 5 + 7, max: 2 + 3 + 5 + 7 });
    expect(api.effects).toEqual({ counter: api.requests, notifications: api.requests, ranking: api.requests });
    expect(api.duplicates).toBe(0);
  });

  it('fails an attempt at exactly the timeout, and the call it gave up on still takes effect', () => {
    const api = apiOf(syncApi({ ownWrite: '2ms', timeout: '20ms', retries: 0 }, { slow: { latency: '50ms' } }, quietEnd));
    expect(api).toMatchObject({ succeeded: 0, failed: api.requests, inFlight: 0, failedAttempts: { timeout: api.requests, error: 0 }, failureRate: 1 });
    expect(api.latencyMs).toMatchObject({ mean: 2 + 20, max: 2 + 20 });
    // The service finished every call 50 ms after it began: each took effect though its request failed.
    expect(api.effects.slow).toBe(api.requests);
  });

  it('retries a failed request from the top: exactly the calls that had succeeded take effect again', () => {
    // counter always succeeds, then notifications always fails: three attempts per request.
    const api = apiOf(syncApi({ ownWrite: '1ms', retries: 2, retryBackoff: '100ms' }, { counter: { latency: '2ms' }, notifications: { latency: '4ms', failureRate: 1 } }, quietEnd));
    const n = api.requests;
    expect(n).toBeGreaterThanOrEqual(159);
    expect(api).toMatchObject({ failed: n, inFlight: 0, attempts: 3 * n, retries: 2 * n, failedAttempts: { timeout: 0, error: 3 * n } });
    // Each request: 3 × (own write + counter + notifications) + 2 backoffs.
    expect(api.latencyMs).toMatchObject({ mean: 3 * (1 + 2 + 4) + 2 * 100, max: 3 * (1 + 2 + 4) + 2 * 100 });
    expect(api.effects).toEqual({ counter: 3 * n, notifications: 0 });
    expect(api.duplicatedEffects).toEqual({ counter: 2 * n, notifications: 0 });
    expect(api.duplicates).toBe(2 * n);
  });

  it('duplicates an effect when the client retries a call that only timed out', () => {
    // The call takes 30 ms; the api waits 20 ms, then retries once: both calls complete at the service.
    const api = apiOf(syncApi({ ownWrite: '0ms', timeout: '20ms', retries: 1, retryBackoff: '10ms' }, { counter: { latency: '30ms' } }, quietEnd));
    const n = api.requests;
    expect(api).toMatchObject({ failed: n, failedAttempts: { timeout: 2 * n, error: 0 } });
    expect(api.latencyMs).toMatchObject({ mean: 20 + 10 + 20, max: 20 + 10 + 20 });
    expect(api.effects.counter).toBe(2 * n);
    expect(api.duplicatedEffects.counter).toBe(n);
  });

  it('a service slowed down on the timeline slows the requests that call it from then on', () => {
    const sketch = syncApi({ ownWrite: '0ms', timeout: '5s' }, { counter: { latency: '10ms' } }, { timeline: [{ at: '5s', action: 'set-latency', target: 'counter', latency: '200ms' }] });
    const { run, result } = runSketch(sketch);
    expect(result.apis.web.latencyMs.max).toBe(200);
    // Quantiles come from a histogram: within 1% below the exact value.
    const series = run.sampler.series.apis.web;
    for (const p99 of series.p99Ms.slice(0, 4)) expect(p99).toBeGreaterThan(9.9);
    for (const p99 of series.p99Ms.slice(0, 4)) expect(p99).toBeLessThanOrEqual(10);
    for (const p99 of series.p99Ms.slice(6)) expect(p99).toBeGreaterThan(198);
    expect(run.marks.some((m) => m.kind === 'set-latency' && m.target === 'counter' && m.detail === 'calls take 200ms')).toBe(true);
  });
});

describe('an async api', () => {
  it('answers after its own write and the publish acknowledgement: own write + linger + the round trip', () => {
    const { result } = runSketch(asyncApi({ ownWrite: '3ms', linger: '5ms', networkLatency: '1ms' }, quietEnd));
    const api = result.apis.web;
    expect(api).toMatchObject({ succeeded: api.requests, failed: 0, inFlight: 0 });
    expect(api.latencyMs).toMatchObject({ mean: 3 + 5 + 2 * 1, max: 3 + 5 + 2 * 1 });
    // One event per request reached the topic, and the group read them.
    expect(api.effects.likes).toBe(api.requests);
    expect(api.duplicates).toBe(0);
    expect(result.groups.counter.processed).toBe(api.requests);
    expect(result.produced).toBe(api.effects.likes);
    expect(result.groups.counter.conservation.holds).toBe(true);
  });

  it('is not slowed by the consumers downstream: the slow service only grows the group lag', () => {
    const sketch = asyncApi(
      { ownWrite: '3ms', linger: '0ms' },
      {
        components: [
          { id: 'web', kind: 'api', arrival: 'constant', rate: 50, mode: 'async', ownWrite: '3ms', linger: '0ms' },
          { id: 'likes', kind: 'topic', partitions: 1 },
          { id: 'notify', kind: 'consumer-group', consumers: 1, processing: '0ms' },
          { id: 'notifications', kind: 'service', latency: '100ms' },
        ],
        connections: [
          { from: 'web', to: 'likes' },
          { from: 'likes', to: 'notify' },
          { from: 'notify', to: 'notifications' },
        ],
      },
    );
    const { result } = runSketch(sketch);
    // Own write + the round trip to the broker, whatever the consumers do.
    expect(result.apis.web.latencyMs.max).toBe(3 + 2 * 1);
    expect(result.groups.notify.lag.final).toBeGreaterThan(300);
  });
});

describe('api accounting', () => {
  const busy = syncApi(
    { rate: 200, arrival: 'poisson', ownWrite: { dist: 'exponential', mean: '2ms' }, timeout: '50ms', retries: 2 },
    { a: { latency: { dist: 'exponential', mean: '10ms' } }, b: { latency: { dist: 'exponential', mean: '20ms' }, failureRate: 0.05 } },
    { timeline: [{ at: '4s', action: 'outage-start', target: 'b' }, { at: '6s', action: 'outage-end', target: 'b' }] },
  );

  it('conserves requests at every moment: arrived = succeeded + failed + in flight', () => {
    const run = new ScenarioRun(makeScenario(busy));
    for (let t = 250_000; t <= 10_000_000; t += 250_000) {
      run.runUntil(t);
      const api = run.result().apis.web;
      expect(api.conservation.holds).toBe(true);
      expect(api.requests).toBe(api.succeeded + api.failed + api.inFlight);
    }
    const final = run.result().apis.web;
    expect(final.failed).toBeGreaterThan(0);
    expect(final.duplicates).toBeGreaterThan(0);
  });

  it('gives the same result run in slices as in one go', () => {
    const whole = runSketch(busy).result;
    const sliced = new ScenarioRun(makeScenario(busy));
    for (let t = 333_333; t < 10_000_000; t += 333_333) sliced.runUntil(t);
    const result = sliced.runToEnd();
    expect(result.apis).toEqual(whole.apis);
    expect(result.services).toEqual(whole.services);
  });

  it('changes its request rate on the timeline', () => {
    const { run } = runSketch(syncApi({ rate: 10 }, { a: { latency: '1ms' } }, { timeline: [{ at: '5s', action: 'set-rate', target: 'web', rate: 100 }] }));
    const rates = run.sampler.series.apis.web.requestsPerSec;
    expect(rates[2]).toBe(10);
    expect(rates[8]).toBe(100);
  });
});

describe('loading an api', () => {
  it('turns away an async api wired to no topic, naming the fix', () => {
    const loaded = loadScenario({ version: 1, components: [{ id: 'web', kind: 'api', mode: 'async' }] });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.problems).toContain('components[0].mode: an async api publishes each request\'s event to a topic, but "web" is wired to none; wire it to a topic or use mode "sync"');
    }
  });

  it('holds its request rate to the producers\' limit, on the timeline too', () => {
    const loaded = loadScenario({ version: 1, components: [{ id: 'web', kind: 'api', rate: 2_000_000 }], timeline: [{ at: '1s', action: 'set-rate', target: 'web', rate: 3_000_000 }] });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.problems).toContain('components[0].rate: 2,000,000 requests/s is above the limit of 1,000,000 per api');
      expect(loaded.problems).toContain('timeline[0].rate: 3,000,000 requests/s is above the limit of 1,000,000 per api');
    }
  });

  it('lets set-rate target an api, and set-latency only a service', () => {
    const loaded = loadScenario({
      version: 1,
      components: [{ id: 'web', kind: 'api' }],
      timeline: [
        { at: '1s', action: 'set-rate', target: 'web', rate: 5 },
        { at: '1s', action: 'set-latency', target: 'web', latency: '5ms' },
      ],
    });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems).toEqual(['timeline[1].target: set-latency needs a service, but "web" is an api']);
  });
});
