import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseRate, ParseError } from './time.ts';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250_000],
    ['1.5s', 1_500_000],
    ['5m', 300_000_000],
    ['2h', 7_200_000_000],
    ['7d', 604_800_000_000],
    ['40us', 40],
    ['40µs', 40],
    ['0s', 0],
    [' 3 s ', 3_000_000],
    ['.5ms', 500],
    [2000, 2_000_000],
    [0.25, 250],
    ['15', 15_000],
  ])('reads %j as %d microseconds', (input, micros) => {
    expect(parseDuration(input)).toBe(micros);
  });

  it('always returns whole microseconds', () => {
    expect(Number.isInteger(parseDuration('1.0000004ms'))).toBe(true);
    expect(parseDuration(0.0015)).toBe(2);
  });

  it.each([
    ['5 minutes', '"5 minutes" is not a duration'],
    ['-3s', '"-3s" is not a duration'],
    [-3, '-3 is not a duration: it must be zero or more'],
    ['5M', '"5M" is not a duration'],
    ['1e3ms', '"1e3ms" is not a duration'],
    ['', '"" is not a duration'],
    [null, 'null is not a duration'],
    [true, 'a boolean is not a duration'],
    [[1], 'a list is not a duration'],
    [Number.NaN, 'NaN is not a duration'],
    [Infinity, 'Infinity is not a duration'],
    ['0.1us', 'shorter than the clock'],
    ['1000000000d', 'too long'],
  ])('refuses %j with a message naming it', (input, message) => {
    expect(() => parseDuration(input)).toThrow(ParseError);
    expect(() => parseDuration(input)).toThrow(message);
  });

  it('tells the user what a duration looks like', () => {
    expect(() => parseDuration('soon')).toThrow('250ms, 1.5s, 5m, 2h, 7d (a bare number means milliseconds)');
  });
});

describe('parseRate', () => {
  it.each([
    [2000, 2000],
    ['2000/s', 2000],
    ['2000', 2000],
    ['120/m', 2],
    ['7200/h', 2],
    ['5/ms', 5000],
    [0, 0],
    ['0.5/s', 0.5],
  ])('reads %j as %d per second', (input, perSecond) => {
    expect(parseRate(input)).toBeCloseTo(perSecond, 12);
  });

  it.each([
    ['fast', '"fast" is not a rate'],
    ['2000/day', '"2000/day" is not a rate'],
    [-1, '-1 is not a rate: it must be zero or more'],
    [{}, 'an object is not a rate'],
  ])('refuses %j with a message naming it', (input, message) => {
    expect(() => parseRate(input)).toThrow(message);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [40, '40us'],
    [250_000, '250ms'],
    [1_500_000, '1.5s'],
    [300_000_000, '5m'],
    [7_500_000_000, '2h 5m'],
    [604_800_000_000, '7d'],
    [61_500_000, '1m 1.5s'],
  ])('writes %d microseconds as %s', (micros, text) => {
    expect(formatDuration(micros)).toBe(text);
  });

  it('round-trips whole units through parseDuration', () => {
    for (const text of ['250ms', '1.5s', '5m', '7d', '40us']) expect(formatDuration(parseDuration(text))).toBe(text);
  });
});
