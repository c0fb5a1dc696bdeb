/**
 * Checks of a processor's settings beyond its schema: the window's shape (hopping windows need an
 * advance no longer than the window; tumbling ones take none) and, as for any group, one instance
 * id per member. Its wires are checked by the rule table like everyone's.
 */
import { formatDuration } from '../core/time.ts';
import type { Scenario } from './schema.ts';

/** Windows a record may fall in, at most: each record updates this many counts, so it bounds the work per record. */
export const MAX_WINDOWS_PER_RECORD = 1000;

/** Every problem with processors in `scenario`, as `path: what is wrong`. */
export function processorProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  scenario.components.forEach((component, i) => {
    if (component.kind !== 'processor') return;
    const path = `components[${i}]`;
    const { window, windowSize, advance } = component;
    if (windowSize <= 0) problems.push(`${path}.windowSize: must be above 0`);
    if (window === 'hopping') {
      if (advance === undefined) problems.push(`${path}.advance: hopping windows need an advance (the time between window starts), such as "10s"`);
      else if (advance <= 0) problems.push(`${path}.advance: must be above 0`);
      else if (advance > windowSize) {
        problems.push(`${path}.advance: must be at most windowSize (${formatDuration(windowSize)}), got ${formatDuration(advance)}; windows further apart than their length would miss records`);
      } else if (windowSize / advance > MAX_WINDOWS_PER_RECORD) {
        problems.push(`${path}.advance: windowSize / advance is ${Math.ceil(windowSize / advance)} windows per record; the limit is ${MAX_WINDOWS_PER_RECORD}`);
      }
    } else if (advance !== undefined && advance !== windowSize) {
      problems.push(`${path}.advance: tumbling windows advance by their size; remove advance, or set "window": "hopping"`);
    }
    if (component.instanceIds && component.instanceIds.length !== component.consumers) {
      problems.push(`${path}.instanceIds: must list one id per consumer (${component.consumers}), got ${component.instanceIds.length}`);
    }
    if (component.metadataMaxAge === 0) problems.push(`${path}.metadataMaxAge: must be above 0 (metadata refreshed every 0s would keep the clock from moving)`);
  });
  return problems;
}
