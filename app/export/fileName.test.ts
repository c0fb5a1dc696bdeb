import { describe, expect, it } from 'vitest';
import { exportFileName, fileSlug, seedPart } from './fileName.ts';

describe('export file names', () => {
  it('are the scenario, what, and the seed: hot-key-latency-seed42.svg', () => {
    expect(exportFileName('Hot key', 'latency', 42, 'svg')).toBe('hot-key-latency-seed42.svg');
    expect(exportFileName('First stream', 'group-billing', 7, 'csv')).toBe('first-stream-group-billing-seed7.csv');
  });

  it('keep only lower-case letters, digits and single dashes, whatever the name holds', () => {
    expect(fileSlug('Hot key on the likes topic')).toBe('hot-key-on-the-likes-topic');
    expect(fileSlug('Café über: ½ price!')).toBe('cafe-uber-1-2-price');
    expect(fileSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(fileSlug('a\\b:c*d?e"f<g>h|i')).toBe('a-b-c-d-e-f-g-h-i');
    expect(fileSlug('  --x--  ')).toBe('x');
  });

  it('fall back to a word when nothing usable is left', () => {
    expect(fileSlug('')).toBe('scenario');
    expect(fileSlug('!!!')).toBe('scenario');
    expect(fileSlug('日本語')).toBe('scenario');
    expect(exportFileName('', '', 1, 'png')).toBe('scenario-export-seed1.png');
  });

  it('cut a long name at 60 characters, never ending on a dash', () => {
    const slug = fileSlug(`${'word '.repeat(11)}end`);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(fileSlug('a'.repeat(59) + ' b')).toBe('a'.repeat(59));
  });

  it('write a number seed as seed42 and any other seed as a slug', () => {
    expect(seedPart(42)).toBe('seed42');
    expect(seedPart('lesson one')).toBe('seed-lesson-one');
    expect(seedPart(-5)).toBe('seed-5');
    expect(seedPart('../x')).toBe('seed-x');
  });
});
