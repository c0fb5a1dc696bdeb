/**
 * `streamlab bench`: how fast the engine runs on this machine. Every figure is measured in the same
 * process, beside a bare loop doing the same per-event work with no event queue, so ratios stay
 * comparable across machines even where the absolute numbers do not.
 */
import { performance } from 'node:perf_hooks';
import { createHoldModel, runBareLoop } from '../../engine/models/hold.ts';
import { runMM1 } from '../../engine/models/mm1.ts';
import { lightScenarioDoc, hotKeyScenario, measureModel, measureScale, scaleScenario, scaleScenarioDoc, singleGroupScenario, type ModelMeasurement, type ScaleMeasurement } from './benchModel.ts';
import { measureParallel, type ParallelMeasurement } from './benchParallel.ts';
import { type Command, parseOptions } from './command.ts';
import type { MachineLoad } from './machineLoad.ts';
import { formatTable } from './table.ts';

interface Measurement {
  name: string;
  pending: number | null;
  events: number;
  wallMs: number;
  eventsPerSec: number;
  /** eventsPerSec divided by the bare loop's. */
  vsBareLoop: number;
}

interface BenchReport {
  node: string;
  bareLoop: { events: number; wallMs: number; eventsPerSec: number };
  kernel: Measurement[];
  mm1: {
    rho: number;
    customers: number;
    meanTimeInSystemMs: number;
    theoryMs: number;
    errorPercent: number;
    halfWidth95Ms: number;
    customersPerSec: number;
  };
  /** Whole scenarios: simulated messages per second, and each as a fraction of M/M/1 customers/s. */
  model: (ModelMeasurement & { vsMM1: number })[];
  /** One simulated hour of the scale scenario: speed and peak memory; null when skipped. */
  scale: ScaleMeasurement | null;
  /** Its first minutes alone and two at once on worker threads; null when skipped. */
  parallel: ParallelMeasurement | null;
  /** The same for a lighter run (one group over 12 partitions); null when skipped. */
  parallelLight: ParallelMeasurement | null;
}

export interface BenchOptions {
  /** A 20x shorter kernel and model run, without the scale and parallel runs. */
  quick?: boolean;
  /** Run the hour at scale (default: unless quick). */
  scale?: boolean;
  /** Run the parallel speed-up (default: unless quick). */
  parallel?: boolean;
}

/** The scale run: an hour (36M messages), about 4 minutes on one core of a 2-core machine. */
const SCALE_SECONDS = 3600;
/**
 * The parallel runs: 2 minutes of the same scenario (1.2M messages), 5 rounds of alone then a pair.
 * Short runs and more rounds give the best-of-N more chances of a moment when nobody else is busy.
 */
const PARALLEL_SECONDS = 120;
const PARALLEL_ROUNDS = 5;
/** The lighter runs take under a second each: more rounds cost little. */
const LIGHT_ROUNDS = 7;
export const SCALE_NAME = '1 hour at 10,000 messages/s, 64 partitions, 3 groups';

// A mean hold of 1 s keeps simultaneous events as rare as in the classic continuous-time hold
// benchmark; ties are still broken by `seq`, and the unit tests cover them.
const MEAN_HOLD_US = 1_000_000;

function timed<T>(work: () => T): { value: T; wallMs: number } {
  const start = performance.now();
  const value = work();
  return { value, wallMs: performance.now() - start };
}

/** Runs the hold model with `pending` events for about `events` events (after a warm-up). */
/**
 * Runs the hold model with `pending` events: a warm-up, then three slices of about `events` events
 * each; the fastest slice counts (the usual best-of-N on a machine shared with other work).
 */
function measureHold(pending: number, events: number, bareRate: number): Measurement {
  const sim = createHoldModel({ pending, meanHoldUs: MEAN_HOLD_US });
  // Each pending event fires once per mean hold on average, so this span holds about `events`.
  const spanUs = (events * MEAN_HOLD_US) / pending;
  sim.runUntil(spanUs / 10); // warm-up: lets the JIT settle and the heap reach its steady shape
  let best: Measurement | null = null;
  for (let slice = 0; slice < 3; slice++) {
    const before = sim.events;
    const { wallMs } = timed(() => sim.runUntil(sim.now + spanUs));
    const ran = sim.events - before;
    const eventsPerSec = (ran / wallMs) * 1000;
    if (best === null || eventsPerSec > best.eventsPerSec) best = { name: 'hold', pending, events: ran, wallMs, eventsPerSec, vsBareLoop: eventsPerSec / bareRate };
  }
  return best!;
}

export async function runBench({ quick = false, scale: withScale = !quick, parallel: withParallel = !quick }: BenchOptions = {}): Promise<BenchReport> {
  const scale = quick ? 0.05 : 1;
  const bareEvents = Math.round(20_000_000 * scale);
  runBareLoop(bareEvents / 10); // warm-up
  let bare = timed(() => runBareLoop(bareEvents));
  for (let i = 0; i < 2; i++) {
    const again = timed(() => runBareLoop(bareEvents));
    if (again.wallMs < bare.wallMs) bare = again;
  }
  const bareRate = (bareEvents / bare.wallMs) * 1000;

  const kernel = [
    measureHold(10, Math.round(20_000_000 * scale), bareRate),
    measureHold(1_000, Math.round(10_000_000 * scale), bareRate),
    measureHold(100_000, Math.round(5_000_000 * scale), bareRate),
  ];

  const customers = Math.round(1_000_000 * scale);
  const lambda = 800;
  const mu = 1000;
  runMM1({ arrivalsPerSec: lambda, servicesPerSec: mu, customers: customers / 10 }); // warm-up
  const mm1 = timed(() => runMM1({ arrivalsPerSec: lambda, servicesPerSec: mu, customers, seed: 42 }));
  const result = mm1.value;
  const mm1Rate = (result.events / mm1.wallMs) * 1000;
  kernel.push({ name: 'M/M/1', pending: null, events: result.events, wallMs: mm1.wallMs, eventsPerSec: mm1Rate, vsBareLoop: mm1Rate / bareRate });

  const mm1CustomersPerSec = (customers / mm1.wallMs) * 1000;
  const model = [
    measureModel('(a) 1 producer, 12 partitions, 1 group of 4', singleGroupScenario(quick ? 1 : 10)),
    measureModel('(b) 64 partitions, 3 groups, hot key', hotKeyScenario(quick ? 1 : 10)),
  ].map((m) => ({ ...m, vsMM1: m.messagesPerSec / mm1CustomersPerSec }));
  const atScale = withScale ? measureScale(SCALE_NAME, scaleScenario(SCALE_SECONDS)) : null;
  const inParallel = withParallel ? await measureParallel(`${PARALLEL_SECONDS / 60} minutes of the same`, scaleScenarioDoc(PARALLEL_SECONDS), PARALLEL_ROUNDS) : null;
  const light = withParallel ? await measureParallel(`1 minute at ${lightScenarioDoc(60).name}`, lightScenarioDoc(60), LIGHT_ROUNDS) : null;

  return {
    node: process.version,
    bareLoop: { events: bareEvents, wallMs: bare.wallMs, eventsPerSec: bareRate },
    kernel,
    mm1: {
      rho: lambda / mu,
      customers,
      meanTimeInSystemMs: result.timeInSystemUs.mean / 1000,
      theoryMs: result.theoryUs / 1000,
      errorPercent: ((result.timeInSystemUs.mean - result.theoryUs) / result.theoryUs) * 100,
      halfWidth95Ms: result.timeInSystemUs.halfWidth95 / 1000,
      customersPerSec: mm1CustomersPerSec,
    },
    model,
    scale: atScale,
    parallel: inParallel,
    parallelLight: light,
  };
}

const millions = (x: number) => `${(x / 1e6).toFixed(2)}M`;

export function formatBench(report: BenchReport): string {
  const rows = [
    ['model', 'pending', 'events', 'wall ms', 'events/s', 'vs bare loop'],
    ['bare loop (no queue)', '-', millions(report.bareLoop.events), report.bareLoop.wallMs.toFixed(0), millions(report.bareLoop.eventsPerSec), '1.00'],
    ...report.kernel.map((m) => [
      m.name,
      m.pending === null ? '-' : m.pending.toLocaleString('en-US'),
      millions(m.events),
      m.wallMs.toFixed(0),
      millions(m.eventsPerSec),
      m.vsBareLoop.toFixed(2),
    ]),
  ];
  const table = formatTable(rows).split('\n');
  const m = report.mm1;
  return [
    `Engine kernel on Node ${report.node} (best of 3 runs each)`,
    '',
    ...table,
    '',
    `M/M/1 at rho ${m.rho} with ${m.customers.toLocaleString('en-US')} customers (${millions(m.customersPerSec)} customers/s):`,
    `  mean time in system ${m.meanTimeInSystemMs.toFixed(4)} ms ± ${m.halfWidth95Ms.toFixed(4)} (95%, batch means), ` +
      `theory 1/(mu - lambda) = ${m.theoryMs.toFixed(4)} ms, error ${m.errorPercent >= 0 ? '+' : ''}${m.errorPercent.toFixed(2)}%`,
    '',
    'Whole scenarios (simulated messages per second of wall time; best of 3 after a warm-up run):',
    '',
    formatTable([
      ['scenario', 'messages', 'simulated s', 'wall ms', 'messages/s', 'vs M/M/1 customers/s'],
      ...report.model.map((x) => [x.name, millions(x.messages), x.simulatedS.toFixed(0), x.wallMs.toFixed(0), millions(x.messagesPerSec), x.vsMM1.toFixed(2)]),
    ]),
    ...formatScale(report.scale),
    ...formatParallel(report.parallel),
    ...(report.parallelLight ? formatParallel(report.parallelLight) : []),
  ].join('\n');
}

const mib = (x: number) => x.toFixed(0);
const loadNote = (load: MachineLoad) =>
  `other processes used ${load.otherCores.toFixed(2)} of ${load.cores} cores meanwhile (1-minute load average ${load.loadAverage1m.toFixed(2)} at the start)`;

function formatScale(scale: ScaleMeasurement | null): string[] {
  if (!scale) return ['', `At scale: skipped (${SCALE_NAME}; about 4 minutes on one core).`];
  return [
    '',
    `At scale (one run, memory sampled 60 times; ${(scale.wallMs / 1000).toFixed(0)} s of wall time):`,
    '',
    formatTable([
      ['scenario', 'messages', 'processed', 'simulated s', 'wall s', 'messages/s', 'peak RSS MiB', 'peak heap MiB', 'typed arrays MiB'],
      [
        scale.name,
        millions(scale.messages),
        millions(scale.processed),
        scale.simulatedS.toFixed(0),
        (scale.wallMs / 1000).toFixed(1),
        millions(scale.messagesPerSec),
        mib(scale.peakRssMiB),
        mib(scale.peakHeapUsedMiB),
        mib(scale.peakArrayBuffersMiB),
      ],
    ]),
    `  groups of 16, 8 and 32 members, each member busy 50-75%; the log keeps the hour (${scale.bytesPerRetainedMessage.toFixed(1)} bytes of typed arrays per message);`,
    `  ${loadNote(scale.load)}`,
  ];
}

function formatParallel(parallel: ParallelMeasurement | null): string[] {
  if (!parallel) return ['', 'In parallel: skipped (about a minute).'];
  const perMinute = (runs: number, ms: number) => ((runs * 60_000) / ms).toFixed(2);
  return [
    '',
    `In parallel (${parallel.name}, ${millions(parallel.messages)} messages; best of ${parallel.rounds} rounds of one run alone, then two at once, on worker threads):`,
    '',
    formatTable([
      ['runs at once', 'wall s', 'runs/minute', 'speed-up'],
      ['1', (parallel.aloneMs / 1000).toFixed(1), perMinute(1, parallel.aloneMs), '1.00x'],
      ['2', (parallel.pairMs / 1000).toFixed(1), perMinute(2, parallel.pairMs), `${parallel.speedUp.toFixed(2)}x`],
    ]),
    `  results ${parallel.identical ? 'identical in every run' : 'DIFFER between runs'}; ${loadNote(parallel.load)}`,
  ];
}

export const bench: Command = {
  name: 'bench',
  usage: 'bench [--json] [--quick] [--no-scale] [--no-parallel]',
  summary: 'measure engine speed on this machine',
  help: [
    'Usage: npx streamlab bench [--json] [--quick] [--no-scale] [--no-parallel]',
    '',
    'Measures the simulation kernel (best of 3 slices each): events per second for a hold model with 10, 1,000 and 100,000',
    'pending events and for an M/M/1 queue, each beside a bare loop with no event queue measured in',
    'the same run; and the M/M/1 mean time in system against 1/(mu - lambda) at rho = 0.8 with 1M customers.',
    'Then whole scenarios: simulated messages per second for (a) one producer, 12 partitions, one group',
    'of 4 and (b) 64 partitions, 3 groups and a hot key (about a minute in all).',
    '',
    'At scale: one simulated hour at 10,000 messages/s over 64 partitions read by 3 groups (36M messages,',
    '108M records processed): wall time and peak memory (about 4 minutes on one core). In parallel: 2',
    'simulated minutes of it alone on a worker thread, then two at once on two, best of 5 rounds: the',
    'speed-up, and whether every run gave the same result (about a minute). Then the same for a lighter',
    'run: 1 minute at 20,000 messages/s over 12 partitions read by one group.',
    '',
    'Options:',
    '  --json         print one JSON object instead of a table (progress goes to stderr)',
    '  --quick        a 20x shorter run without the scale and parallel runs, for smoke tests (figures are noisier)',
    '  --no-scale     skip the one-hour run (--no-memory, its old name, still works)',
    '  --no-parallel  skip the parallel runs',
  ].join('\n'),
  async run(args) {
    const { values } = parseOptions('bench', args, {
      json: { type: 'boolean' },
      quick: { type: 'boolean' },
      'no-scale': { type: 'boolean' },
      'no-memory': { type: 'boolean' },
      'no-parallel': { type: 'boolean' },
    });
    const quick = values.quick === true;
    const scale = !quick && values['no-scale'] !== true && values['no-memory'] !== true;
    const parallel = !quick && values['no-parallel'] !== true;
    // The long parts say so up front, on stderr so --json output stays one object.
    if (scale || parallel) {
      const parts = [scale ? 'an hour at scale (about 4 minutes; --no-scale skips it)' : '', parallel ? 'parallel runs (about a minute; --no-parallel skips them)' : ''];
      console.error(`bench: this run includes ${parts.filter(Boolean).join(' and ')}.`);
    }
    const report = await runBench({ quick, scale, parallel });
    console.log(values.json ? JSON.stringify(report, null, 2) : formatBench(report));
    return 0;
  },
};
