/**
 * The M/M/1 queue on the kernel: Poisson arrivals at rate lambda, one server with exponential
 * service at rate mu, first come first served. Its mean time in system is 1/(mu - lambda), which
 * makes it the first check of the kernel, the random streams and the distributions together.
 */
import { createSampler } from '../core/distributions.ts';
import { createStream, type Seed } from '../core/random.ts';
import { createSimulation, type SimulationOptions } from '../core/simulation.ts';
import { BatchMeans, type MeanEstimate } from '../core/stats.ts';
import { MICROS_PER_SECOND } from '../core/time.ts';

export interface MM1Options {
  /** Arrival rate, customers per second. */
  arrivalsPerSec: number;
  /** Service rate, customers per second. */
  servicesPerSec: number;
  /** Customers to serve before stopping. */
  customers: number;
  seed?: Seed;
  /** Batches for the confidence interval (default 20). */
  batches?: number;
  kernel?: SimulationOptions;
}

export interface MM1Result {
  /** Time in system (waiting plus service), in microseconds. */
  timeInSystemUs: MeanEstimate;
  /** 1/(mu - lambda) in microseconds; Infinity when the queue is unstable. */
  theoryUs: number;
  /** Kernel events run. */
  events: number;
  simulatedUs: number;
  stopped: string | null;
}

/** Runs an M/M/1 queue until `customers` have been served. */
export function runMM1(options: MM1Options): MM1Result {
  const { arrivalsPerSec, servicesPerSec, customers, seed = 1, batches = 20 } = options;
  const sim = createSimulation(options.kernel);
  const interarrival = createSampler({ dist: 'exponential', mean: MICROS_PER_SECOND / arrivalsPerSec }, createStream(seed, 'source', 'interarrival'));
  const service = createSampler({ dist: 'exponential', mean: MICROS_PER_SECOND / servicesPerSec }, createStream(seed, 'server', 'service'));
  const stats = new BatchMeans(Math.max(1, Math.floor(customers / batches)));

  // Arrival times of customers in the system, oldest first, in a growable ring buffer.
  let ring = new Float64Array(1024);
  let head = 0;
  let inSystem = 0;
  let served = 0;

  const departure = sim.defineEvent('departure', () => {
    stats.add(sim.now - ring[head]);
    head = (head + 1) & (ring.length - 1);
    inSystem--;
    if (++served < customers && inSystem > 0) sim.after(service(), departure);
  });
  const arrival = sim.defineEvent('arrival', () => {
    if (inSystem === ring.length) {
      const bigger = new Float64Array(ring.length * 2);
      for (let i = 0; i < inSystem; i++) bigger[i] = ring[(head + i) & (ring.length - 1)];
      ring = bigger;
      head = 0;
    }
    ring[(head + inSystem) & (ring.length - 1)] = sim.now;
    if (++inSystem === 1) sim.after(service(), departure);
    sim.after(interarrival(), arrival);
  });

  sim.at(0, arrival);
  while (served < customers && sim.step()) {
    // step until the last customer leaves
  }
  return {
    timeInSystemUs: stats.estimate(),
    theoryUs: servicesPerSec > arrivalsPerSec ? MICROS_PER_SECOND / (servicesPerSec - arrivalsPerSec) : Infinity,
    events: sim.events,
    simulatedUs: sim.now,
    stopped: sim.snapshot().stopped,
  };
}
