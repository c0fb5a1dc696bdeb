/**
 * Arrivals at a rate, the one rule producers and apis share: Poisson (exponential gaps) or evenly
 * spaced. Kept apart so both draw their traffic the same way from their own streams.
 */
import type { Rng } from '../core/random.ts';
import { log } from '../core/math.ts';
import { MICROS_PER_SECOND } from '../core/time.ts';

/**
 * The gap to the next arrival, microseconds (fractional: callers keep exact times so evenly spaced
 * arrivals never drift); Infinity at rate 0. The first evenly spaced arrival comes after a random
 * fraction of the gap, so several constant-rate sources do not all fire in the same microsecond.
 */
export function arrivalGapUs(ratePerSec: number, poisson: boolean, rng: Rng, first: boolean): number {
  if (ratePerSec <= 0) return Infinity;
  const meanUs = MICROS_PER_SECOND / ratePerSec;
  let gap = poisson ? -meanUs * log(1 - rng()) : meanUs;
  if (first && !poisson) gap *= rng();
  return gap;
}
