/**
 * `streamlab bench`: how fast the engine runs on this machine. Every figure is measured in the same
 * process, beside a bare loop doing the same per-event work with no event queue, so ratios stay
 * comparable across machines even where the absolute numbers do not.
 */
import { performance } from 'node:perf_hooks';
import { createHoldModel, runBareLoop } from '../../engine/models/hold.ts';
import { runMM1 } from '../../engine/models/mm1.ts';
import { type Command, parseOptions } from './command.ts';

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
}

// A mean hold of 1 s keeps simultaneous events as rare as in the classic continuous-time hold
// benchmark; ties are still broken by `seq`, and the unit tests cover them.
const MEAN_HOLD_US = 1_000_000;

function timed<T>(work: () => T): { value: T; wallMs: number } {
  const start = performance.now();
  const value = work();
  return { value, wallMs: performance.now() - start };
}

/** Runs the hold model with `pending` events for about `events` events (after a warm-up). */
function measureHold(pending: number, events: number, bareRate: number): Measurement {
  const sim = createHoldModel({ pending, meanHoldUs: MEAN_HOLD_US });
  // Each pending event fires once per mean hold on average, so this span holds about `events`.
  const spanUs = (events * MEAN_HOLD_US) / pending;
  sim.runUntil(spanUs / 10); // warm-up: lets the JIT settle and the heap reach its steady shape
  const before = sim.events;
  const { wallMs } = timed(() => sim.runUntil(sim.now + spanUs));
  const ran = sim.events - before;
  const eventsPerSec = (ran / wallMs) * 1000;
  return { name: 'hold', pending, events: ran, wallMs, eventsPerSec, vsBareLoop: eventsPerSec / bareRate };
}

export function runBench(quick = false): BenchReport {
  const scale = quick ? 0.05 : 1;
  const bareEvents = Math.round(20_000_000 * scale);
  runBareLoop(bareEvents / 10); // warm-up
  const bare = timed(() => runBareLoop(bareEvents));
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
      customersPerSec: (customers / mm1.wallMs) * 1000,
    },
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
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  const table = rows.map((r) => r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  '));
  const m = report.mm1;
  return [
    `Engine kernel on Node ${report.node}`,
    '',
    ...table,
    '',
    `M/M/1 at rho ${m.rho} with ${m.customers.toLocaleString('en-US')} customers (${millions(m.customersPerSec)} customers/s):`,
    `  mean time in system ${m.meanTimeInSystemMs.toFixed(4)} ms ± ${m.halfWidth95Ms.toFixed(4)} (95%, batch means), ` +
      `theory 1/(mu - lambda) = ${m.theoryMs.toFixed(4)} ms, error ${m.errorPercent >= 0 ? '+' : ''}${m.errorPercent.toFixed(2)}%`,
  ].join('\n');
}

export const bench: Command = {
  name: 'bench',
  usage: 'bench [--json] [--quick]',
  summary: 'measure engine speed on this machine',
  help: [
    'Usage: npx streamlab bench [--json] [--quick]',
    '',
    'Measures the simulation kernel: events per second for a hold model with 10, 1,000 and 100,000',
    'pending events and for an M/M/1 queue, each beside a bare loop with no event queue measured in',
    'the same run; and the M/M/1 mean time in system against 1/(mu - lambda) at rho = 0.8 with 1M customers.',
    '',
    'Options:',
    '  --json   print one JSON object instead of a table',
    '  --quick  a 20x shorter run, for smoke tests (figures are noisier)',
  ].join('\n'),
  run(args) {
    const { values } = parseOptions('bench', args, { json: { type: 'boolean' }, quick: { type: 'boolean' } });
    const report = runBench(values.quick === true);
    console.log(values.json ? JSON.stringify(report, null, 2) : formatBench(report));
    return 0;
  },
};
