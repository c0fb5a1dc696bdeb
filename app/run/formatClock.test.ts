import { describe, expect, it } from 'vitest';
import { formatClock } from './formatClock.ts';

describe('formatClock', () => {
  it('shows tenths of a second under a minute, rounded down so it never runs ahead', () => {
    expect(formatClock(0)).toBe('0.0 s');
    expect(formatClock(12_345)).toBe('12.3 s');
    expect(formatClock(59_999)).toBe('59.9 s');
  });

  it('shows minutes and seconds from a minute on, and hours from an hour on', () => {
    expect(formatClock(60_000)).toBe('1m 0s');
    expect(formatClock(125_900)).toBe('2m 5s');
    expect(formatClock(3_723_000)).toBe('1h 2m 3s');
  });
});
