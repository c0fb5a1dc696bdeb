import { describe, expect, it } from 'vitest';
import { createHoldModel, runBareLoop } from './hold.ts';
import { runMM1 } from './mm1.ts';

describe('M/M/1 on the kernel', () => {
  it.each([0.5, 0.8])('mean time in system matches 1/(mu - lambda) at rho %d', (rho) => {
    const result = runMM1({ arrivalsPerSec: rho * 1000, servicesPerSec: 1000, customers: 200_000, seed: 7 });
    expect(result.timeInSystemUs.count).toBe(200_000);
    const error = Math.abs(result.timeInSystemUs.mean - result.theoryUs) / result.theoryUs;
    expect(error).toBeLessThan(0.04);
    // The batch-means interval is honest: theory lies within three half-widths.
    expect(Math.abs(result.timeInSystemUs.mean - result.theoryUs)).toBeLessThan(3 * result.timeInSystemUs.halfWidth95);
  });

  it('is reproducible to the bit for a seed, and differs for another seed', () => {
    const a = runMM1({ arrivalsPerSec: 800, servicesPerSec: 1000, customers: 20_000, seed: 1 });
    const b = runMM1({ arrivalsPerSec: 800, servicesPerSec: 1000, customers: 20_000, seed: 1 });
    const c = runMM1({ arrivalsPerSec: 800, servicesPerSec: 1000, customers: 20_000, seed: 2 });
    expect(b).toEqual(a);
    expect(c.timeInSystemUs.mean).not.toBe(a.timeInSystemUs.mean);
  });

  it('stops at the kernel event budget with a partial result', () => {
    const result = runMM1({ arrivalsPerSec: 800, servicesPerSec: 1000, customers: 1_000_000, kernel: { eventBudget: 5000 } });
    expect(result.events).toBe(5000);
    expect(result.stopped).toMatch(/^event budget of 5000 events used up/);
    expect(result.timeInSystemUs.count).toBeLessThan(5000);
  });
});

describe('hold model', () => {
  it('keeps the number of pending events constant', () => {
    const sim = createHoldModel({ pending: 1000, meanHoldUs: 100 });
    expect(sim.pending).toBe(1000);
    sim.runUntil(100_000);
    expect(sim.pending).toBe(1000);
    // About pending / mean events per microsecond.
    expect(sim.events / 100_000).toBeCloseTo(10, 0);
  });

  it('bare loop advances its clock by the same hold times', () => {
    expect(runBareLoop(1000, 100, 3)).toBe(runBareLoop(1000, 100, 3));
    expect(runBareLoop(100_000, 100, 3) / 100_000).toBeCloseTo(100, -1);
  });
});
