/** The engine core's public API: clock and parsing, event queue, random streams, distributions, kernel. */
export { parseDuration, parseRate, formatDuration, ParseError, MICROS_PER_MS, MICROS_PER_SECOND, type Micros } from './time.ts';
export { EventQueue, MAX_EVENT_KINDS, MAX_PENDING_EVENTS } from './eventQueue.ts';
export { createStream, RandomStreams, streamKey, type Rng, type Seed } from './random.ts';
export {
  createSampler,
  distributionMean,
  distributionVariance,
  distributionProblems,
  type DistributionSpec,
  type DistributionName,
  type Sampler,
} from './distributions.ts';
export { createKeySampler, keyProblems, NO_KEY, type KeySpec, type KeySampler, type KeyDistributionName } from './keys.ts';
export {
  createSimulation,
  Simulation,
  type EventHandler,
  type SimulationOptions,
  type StopReason,
  type StopCode,
  type KernelSnapshot,
} from './simulation.ts';
export { BatchMeans, studentT975, type MeanEstimate } from './stats.ts';
