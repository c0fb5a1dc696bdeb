/**
 * Names for downloaded files: `<scenario>-<what>-seed<seed>.<ext>`, e.g. `hot-key-latency-seed42.svg`,
 * safe on every file system (lower-case letters, digits and dashes) whatever the scenario is called.
 */
import type { Seed } from '../../engine/core/random.ts';

/** Longest slug kept from a name, so a long scenario name still leaves room for the rest. */
const MAX_SLUG = 60;

/** A name as lower-case words joined by dashes: accents dropped, anything else a separator; `fallback` when nothing is left. */
export function fileSlug(text: string, fallback = 'scenario'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return slug === '' ? fallback : slug;
}

/** `seed42` for a number seed, `seed-lesson-one` for a text one. */
export function seedPart(seed: Seed): string {
  return typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 ? `seed${seed}` : `seed-${fileSlug(String(seed), 'x')}`;
}

/** The file name for `what` (`latency`, `group-billing`) of a run of `scenario` with `seed`. */
export function exportFileName(scenario: string, what: string, seed: Seed, extension: string): string {
  return `${fileSlug(scenario)}-${fileSlug(what, 'export')}-${seedPart(seed)}.${extension}`;
}
