/** The scenario the playground's run was built from, parsed (null before a run, or if it no longer loads). */
import { useMemo } from 'react';
import type { Scenario } from '../../engine/scenario/schema.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import { useRunStore } from './runStore.ts';

export function useRunScenario(): Scenario | null {
  const runDoc = useRunStore((s) => s.runDoc);
  return useMemo(() => {
    if (runDoc === null) return null;
    const loaded = loadScenario(runDoc);
    return loaded.ok ? loaded.scenario : null;
  }, [runDoc]);
}
