/**
 * The classic "hold" model for measuring a pending-event set: `pending` events wait; each one, when
 * it runs, schedules one successor an exponential time later, so the queue size stays constant.
 *
 * Hold times are drawn once into a table of 64K exponential values (from the seeded stream) and
 * reused in turn, so the benchmark measures the kernel rather than the random number generator.
 */
import { createSampler } from '../core/distributions.ts';
import { createStream, type Seed } from '../core/random.ts';
import { createSimulation, type Simulation } from '../core/simulation.ts';

export interface HoldModelOptions {
  /** Events kept pending at every moment. */
  pending: number;
  /** Mean hold time in microseconds. */
  meanHoldUs?: number;
  seed?: Seed;
}

const TABLE_SIZE = 1 << 16;

/** 64K whole-microsecond exponential hold times with the given mean. */
export function holdTimes(meanHoldUs: number, seed: Seed): Float64Array {
  const draw = createSampler({ dist: 'exponential', mean: meanHoldUs }, createStream(seed, 'hold', 'hold-time'));
  const table = new Float64Array(TABLE_SIZE);
  for (let i = 0; i < TABLE_SIZE; i++) table[i] = Math.round(draw());
  return table;
}

/** A kernel loaded with the hold model; drive it with `runUntil` or `step`. */
export function createHoldModel({ pending, meanHoldUs = 1000, seed = 1 }: HoldModelOptions): Simulation {
  const sim = createSimulation();
  const table = holdTimes(meanHoldUs, seed);
  let next = 0;
  const hold = sim.defineEvent('hold', (a) => {
    sim.at(sim.now + table[next++ & (TABLE_SIZE - 1)], hold, a);
  });
  for (let i = 0; i < pending; i++) sim.at(table[next++ & (TABLE_SIZE - 1)], hold, i);
  return sim;
}

/**
 * The same per-event work as the hold model (one hold-time lookup, one handler call through a
 * table, one clock update) with no event queue: the yardstick the kernel is measured against.
 * Returns the final clock so the work cannot be optimised away.
 */
export function runBareLoop(events: number, meanHoldUs = 1000, seed: Seed = 1): number {
  const table = holdTimes(meanHoldUs, seed);
  let clock = 0;
  let next = 0;
  const handlers = [
    (_a: number) => {
      clock += table[next++ & (TABLE_SIZE - 1)];
    },
  ];
  for (let i = 0; i < events; i++) handlers[i & 0](i);
  return clock;
}
