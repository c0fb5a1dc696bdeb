import { describe, expect, it } from 'vitest';
import { BatchMeans, studentT975 } from './stats.ts';

describe('studentT975', () => {
  it.each([
    [1, 12.706205],
    [2, 4.302653],
    [3, 3.182446],
    [4, 2.776445],
    [5, 2.570582],
    [10, 2.228139],
    [19, 2.093024],
    [30, 2.042272],
    [120, 1.979930],
  ])('matches the t table at %d degrees of freedom', (df, table) => {
    expect(studentT975(df)).toBeCloseTo(table, 3);
  });
});

describe('BatchMeans', () => {
  it('gives the overall mean and an interval from the batch means', () => {
    const stats = new BatchMeans(2);
    for (const x of [1, 3, 5, 7, 9, 11]) stats.add(x);
    const e = stats.estimate();
    expect(e.mean).toBe(6);
    expect(e.batches).toBe(3);
    // Batch means 2, 6, 10: sd 4, half-width t(2) * 4 / sqrt(3).
    expect(e.halfWidth95).toBeCloseTo((studentT975(2) * 4) / Math.sqrt(3), 12);
  });

  it('has no interval with fewer than two batches', () => {
    const stats = new BatchMeans(10);
    stats.add(1);
    expect(stats.estimate().halfWidth95).toBeNaN();
    expect(() => new BatchMeans(0)).toThrow('batch size must be a whole number of 1 or more, got 0');
  });
});
