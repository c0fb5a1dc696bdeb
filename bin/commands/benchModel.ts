/**
 * Model benchmarks for `streamlab bench`: simulated messages per second through whole scenarios,
 * and memory over a long run. Timing lives here, outside the engine, which never reads a clock.
 */
import { performance } from 'node:perf_hooks';
import { ScenarioRun } from '../../engine/model/run.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';
import { watchMachineLoad, type MachineLoad } from './machineLoad.ts';

export interface ModelMeasurement {
  name: string;
  messages: number;
  simulatedS: number;
  wallMs: number;
  messagesPerSec: number;
  events: number;
}

/** A long run measured for speed and memory. */
export interface ScaleMeasurement {
  name: string;
  messages: number;
  /** Records processed over every group (each message once per group, duplicates included). */
  processed: number;
  simulatedS: number;
  wallMs: number;
  messagesPerSec: number;
  events: number;
  /** Largest values seen, sampled between slices of the run, in MiB. */
  peakHeapUsedMiB: number;
  peakArrayBuffersMiB: number;
  peakRssMiB: number;
  /** Typed-array bytes per message retained in the logs at the end. */
  bytesPerRetainedMessage: number;
  /** The machine while it ran (other processes' CPU), see machineLoad.ts. */
  load: MachineLoad;
}

function scenario(data: unknown): Scenario {
  const loaded = loadScenario(data);
  if (!loaded.ok) throw new Error(`benchmark scenario is invalid: ${loaded.problems.join('; ')}`);
  return loaded.scenario;
}

/** (a) one producer, 12 partitions, one group of 4 members at half load. */
export function singleGroupScenario(seconds: number, rate = 200_000): Scenario {
  return scenario({
    version: 1,
    name: 'one producer, 12 partitions, one group of 4',
    duration: seconds * 1000,
    components: [
      { id: 'api', kind: 'producer', rate, keys: { dist: 'uniform', count: 100_000 } },
      { id: 'events', kind: 'topic', partitions: 12 },
      // Each member serves 100k records/s: 4 of them at half load.
      { id: 'workers', kind: 'consumer-group', consumers: 4, processing: { dist: 'exponential', mean: '10us' } },
    ],
    connections: [
      { from: 'api', to: 'events' },
      { from: 'events', to: 'workers' },
    ],
  });
}

/** (b) 64 partitions read by 3 groups, with one hot key taking 10% of the traffic. */
export function hotKeyScenario(seconds: number, rate = 100_000): Scenario {
  return scenario(hotKeyScenarioDoc(seconds, rate));
}

/** The same, as a scenario file's content (for the playground benchmark). */
export function hotKeyScenarioDoc(seconds: number, rate = 100_000) {
  const group = (id: string, consumers: number, mean: string) => ({ id, kind: 'consumer-group', consumers, processing: { dist: 'exponential', mean } });
  return {
    version: 1,
    name: '64 partitions, 3 groups, hot keys',
    duration: seconds * 1000,
    components: [
      { id: 'api', kind: 'producer', rate, keys: { dist: 'hot', count: 1_000_000, hotKeys: ['celebrity'], hotFraction: 0.1 } },
      { id: 'likes', kind: 'topic', partitions: 64 },
      group('counter', 16, '20us'),
      group('ranking', 8, '40us'),
      group('analytics', 32, '100us'),
    ],
    connections: [
      { from: 'api', to: 'likes' },
      { from: 'likes', to: 'counter' },
      { from: 'likes', to: 'ranking' },
      { from: 'likes', to: 'analytics' },
    ],
  };
}

/**
 * The scale scenario: 10,000 messages/s over 64 partitions, read by 3 groups of different sizes and
 * speeds, each member busy 50 to 75% of the time so every group keeps up (uniform keys spread the
 * load evenly: each group's partitions divide among its members). `seconds` of 3600 is the hour of
 * `streamlab bench`: 36M messages, 108M records processed. Retention stays at Kafka's 7 days, so
 * the log holds the whole hour: memory grows with every message, the worst case.
 */
export function scaleScenarioDoc(seconds: number, rate = 10_000) {
  return {
    version: 1,
    name: '64 partitions, 3 groups at 10,000 messages/s',
    seed: 1,
    duration: seconds * 1000,
    components: [
      { id: 'api', kind: 'producer', rate, keys: { dist: 'uniform', count: 1_000_000 } },
      { id: 'events', kind: 'topic', partitions: 64 },
      // Per member at 10,000/s: 625 records/s at 0.8 ms (rho 0.5), 1,250/s at 0.56 ms (rho 0.7),
      // 312.5/s at a lognormal mean of 2.39 ms (rho 0.75).
      { id: 'counter', kind: 'consumer-group', consumers: 16, processing: { dist: 'exponential', mean: '800us' } },
      { id: 'ranking', kind: 'consumer-group', consumers: 8, processing: { dist: 'exponential', mean: '560us' } },
      { id: 'analytics', kind: 'consumer-group', consumers: 32, processing: { dist: 'lognormal', median: '2ms', p99: '8ms' } },
    ],
    connections: [
      { from: 'api', to: 'events' },
      { from: 'events', to: 'counter' },
      { from: 'events', to: 'ranking' },
      { from: 'events', to: 'analytics' },
    ],
  };
}

/**
 * A lighter run for the second parallel measurement: 20,000 messages/s over 12 partitions read by
 * one group of 12. Each run's group state is a fraction of the scale scenario's three groups over
 * 64 partitions; on this 2-core VM two of these share the cores better than two scale runs do.
 */
export function lightScenarioDoc(seconds: number) {
  return {
    version: 1,
    name: '20,000 messages/s, 12 partitions, 1 group',
    seed: 1,
    duration: seconds * 1000,
    components: [
      { id: 'api', kind: 'producer', rate: 20_000, keys: { dist: 'uniform', count: 1000 } },
      { id: 'events', kind: 'topic', partitions: 12 },
      { id: 'worker', kind: 'consumer-group', consumers: 12, processing: { dist: 'exponential', mean: '300us' } },
    ],
    connections: [
      { from: 'api', to: 'events' },
      { from: 'events', to: 'worker' },
    ],
  };
}

export function scaleScenario(seconds: number, rate = 10_000): Scenario {
  return scenario(scaleScenarioDoc(seconds, rate));
}

/**
 * Simulated messages per second for scenario `s`: one warm-up run (so the JIT and the heap have
 * settled), then the best of `repeats` runs, as usual for benchmarks on a shared machine.
 */
export function measureModel(name: string, s: Scenario, repeats = 3): ModelMeasurement {
  new ScenarioRun(s).runToEnd();
  let wallMs = Infinity;
  let result = new ScenarioRun(s, { durationUs: 1 }).runToEnd();
  for (let i = 0; i < repeats; i++) {
    const run = new ScenarioRun(s);
    const start = performance.now();
    const r = run.runToEnd();
    const elapsed = performance.now() - start;
    if (elapsed < wallMs) {
      wallMs = elapsed;
      result = r;
    }
  }
  return {
    name,
    messages: result.produced,
    simulatedS: result.simulatedMs / 1000,
    wallMs,
    messagesPerSec: (result.produced / wallMs) * 1000,
    events: result.engine.events,
  };
}

/** Runs `s` once, in slices, sampling memory between them. */
export function measureScale(name: string, s: Scenario): ScaleMeasurement {
  const mib = (bytes: number) => bytes / 1_048_576;
  const run = new ScenarioRun(s);
  let heap = 0;
  let buffers = 0;
  let rss = 0;
  const load = watchMachineLoad();
  const start = performance.now();
  const slices = 60;
  for (let i = 1; i <= slices; i++) {
    run.runUntil((s.duration * i) / slices);
    const usage = process.memoryUsage();
    heap = Math.max(heap, usage.heapUsed);
    buffers = Math.max(buffers, usage.arrayBuffers);
    rss = Math.max(rss, usage.rss);
  }
  const wallMs = performance.now() - start;
  const result = run.result();
  const retained = [...run.topics.values()].reduce((sum, t) => sum + t.logs.reduce((a, log) => a + log.logEndOffset - log.logStartOffset, 0), 0);
  return {
    name,
    messages: result.produced,
    processed: Object.values(result.groups).reduce((sum, g) => sum + g.processed, 0),
    simulatedS: result.simulatedMs / 1000,
    wallMs,
    messagesPerSec: (result.produced / wallMs) * 1000,
    events: result.engine.events,
    peakHeapUsedMiB: mib(heap),
    peakArrayBuffersMiB: mib(buffers),
    peakRssMiB: mib(rss),
    bytesPerRetainedMessage: retained > 0 ? buffers / retained : 0,
    load: load.stop(),
  };
}
