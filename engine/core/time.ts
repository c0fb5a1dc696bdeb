/**
 * Simulated time. The clock is an integer number of microseconds, so every run adds up the same
 * way on every machine; scenarios write durations as `"250ms"`, `"1.5s"`, `"5m"`, `"2h"`, `"7d"`
 * (a bare number means milliseconds) and rates as `2000` or `"2000/s"`.
 */

/** An integer number of simulated microseconds. */
export type Micros = number;

export const MICROS_PER_MS = 1_000;
export const MICROS_PER_SECOND = 1_000_000;

const DURATION_UNITS: Record<string, number> = {
  us: 1,
  µs: 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  h: 3_600_000_000,
  d: 86_400_000_000,
};

const RATE_UNITS: Record<string, number> = {
  ms: 1_000,
  s: 1,
  m: 1 / 60,
  h: 1 / 3600,
};

const NUMBER = String.raw`(\d+(?:\.\d+)?|\.\d+)`;
const DURATION_PATTERN = new RegExp(`^${NUMBER}\\s*(us|µs|ms|s|m|h|d)?$`);
const RATE_PATTERN = new RegExp(`^${NUMBER}\\s*(?:/\\s*(ms|s|m|h))?$`);

/** A value that is not a duration or a rate; the message names the value and says what is accepted. */
export class ParseError extends Error {
  override name = 'ParseError';
}

const DURATION_HINT = 'write a number with a unit: 250ms, 1.5s, 5m, 2h, 7d (a bare number means milliseconds)';
const RATE_HINT = 'write messages per second as a number (2000) or with a unit: "2000/s", "120/m", "5/ms"';

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Parses a duration into whole microseconds, rounding to the nearest microsecond.
 * @throws ParseError for anything that is not a non-negative duration, naming the value.
 */
export function parseDuration(value: unknown): Micros {
  let micros: number;
  if (typeof value === 'number') {
    micros = value * MICROS_PER_MS;
  } else if (typeof value === 'string') {
    const match = DURATION_PATTERN.exec(value.trim());
    if (!match) throw new ParseError(`${describe(value)} is not a duration: ${DURATION_HINT}`);
    micros = Number(match[1]) * DURATION_UNITS[match[2] ?? 'ms'];
  } else {
    throw new ParseError(`${describe(value)} is not a duration: ${DURATION_HINT}`);
  }
  if (!Number.isFinite(micros) || micros < 0) {
    throw new ParseError(`${describe(value)} is not a duration: it must be zero or more; ${DURATION_HINT}`);
  }
  if (micros > Number.MAX_SAFE_INTEGER) {
    throw new ParseError(`${describe(value)} is too long: durations are limited to ${formatDuration(Number.MAX_SAFE_INTEGER)}`);
  }
  const rounded = Math.round(micros);
  if (rounded === 0 && micros > 0) {
    throw new ParseError(`${describe(value)} is shorter than the clock's resolution of 1us`);
  }
  return rounded;
}

/**
 * Parses a rate into events per second (a non-negative finite number, not necessarily whole).
 * @throws ParseError for anything else, naming the value.
 */
export function parseRate(value: unknown): number {
  let perSecond: number;
  if (typeof value === 'number') {
    perSecond = value;
  } else if (typeof value === 'string') {
    const match = RATE_PATTERN.exec(value.trim());
    if (!match) throw new ParseError(`${describe(value)} is not a rate: ${RATE_HINT}`);
    perSecond = Number(match[1]) * RATE_UNITS[match[2] ?? 's'];
  } else {
    throw new ParseError(`${describe(value)} is not a rate: ${RATE_HINT}`);
  }
  if (!Number.isFinite(perSecond) || perSecond < 0) {
    throw new ParseError(`${describe(value)} is not a rate: it must be zero or more; ${RATE_HINT}`);
  }
  return perSecond;
}

/** Formats microseconds for people: `1.5s`, `250ms`, `2h 5m`, `7d`. Exact for whole units. */
export function formatDuration(micros: Micros): string {
  if (micros === 0) return '0s';
  const sign = micros < 0 ? '-' : '';
  let rest = Math.abs(micros);
  if (rest < MICROS_PER_MS) return `${sign}${rest}us`;
  if (rest < MICROS_PER_SECOND) return `${sign}${trim(rest / MICROS_PER_MS)}ms`;
  if (rest < 60 * MICROS_PER_SECOND) return `${sign}${trim(rest / MICROS_PER_SECOND)}s`;
  const parts: string[] = [];
  for (const [unit, size] of [['d', DURATION_UNITS.d], ['h', DURATION_UNITS.h], ['m', DURATION_UNITS.m]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0) parts.push(`${trim(rest / MICROS_PER_SECOND)}s`);
  return sign + parts.join(' ');
}

function trim(value: number): string {
  return String(Number(value.toFixed(3)));
}
