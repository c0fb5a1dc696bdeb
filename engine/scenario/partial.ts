/**
 * Cross-checks for a file the schema refused. Every problem should be reported at once, so a
 * typo in one component must not hide a wire to a missing id elsewhere. This builds the scenario
 * the checks would see from the parts that do parse, runs the checks on it, and keeps only what
 * they say about those parts:
 *
 * - a component that fails but has a valid `id` and `kind` stands in with its defaults, so wires and
 *   timeline actions aimed at it still resolve; problems at its own path are dropped (its schema
 *   problems were reported, and its defaults are not what the file says);
 * - a component without a usable `id` or `kind` is left out, and problems naming its id are dropped;
 * - connections, timeline actions, narrative entries and expectations that fail are left out;
 * - a top-level field that fails takes its default, and problems at its path are dropped (for
 *   `duration`, also every problem that depends on the run's end).
 */
import type { ScenarioData } from './migrations.ts';
import { componentSchema, scenarioSchema, type Scenario } from './schema.ts';

type ListName = 'components' | 'connections' | 'timeline' | 'narrative' | 'expect';

interface Partial {
  scenario: Scenario;
  /** `origin.components[k]` is the file's index of the partial scenario's component k. */
  origin: Record<ListName, number[]>;
  /** Paths whose problems are already reported by the schema. */
  standIns: Set<string>;
  /** Ids of components left out. */
  missingIds: Set<string>;
  durationFailed: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function buildPartial(data: ScenarioData): Partial {
  const shape = scenarioSchema.shape;
  const origin: Record<ListName, number[]> = { components: [], connections: [], timeline: [], narrative: [], expect: [] };
  const standIns = new Set<string>();
  const missingIds = new Set<string>();
  const scenario = scenarioSchema.parse({ version: data.version, components: [] });

  const components: Scenario['components'] = [];
  (Array.isArray(data.components) ? data.components : []).forEach((item: unknown, i) => {
    const whole = componentSchema.safeParse(item);
    const standIn = whole.success || !isObject(item) ? undefined : componentSchema.safeParse({ id: item.id, kind: item.kind });
    if (whole.success || standIn?.success) {
      if (!whole.success) standIns.add(`components[${i}]`);
      components.push(whole.success ? whole.data : standIn!.data!);
      origin.components.push(i);
    } else if (isObject(item) && typeof item.id === 'string') {
      missingIds.add(item.id);
    }
  });
  scenario.components = components;

  // Lists of items that stand alone: keep the items that parse on their own.
  const items = <K extends 'connections' | 'timeline' | 'narrative' | 'expect'>(name: K): Scenario[K] => {
    const kept: unknown[] = [];
    (Array.isArray(data[name]) ? (data[name] as unknown[]) : []).forEach((item, i) => {
      const one = shape[name].safeParse([item]);
      if (one.success) {
        kept.push(...one.data);
        origin[name].push(i);
      }
    });
    return kept as Scenario[K];
  };
  scenario.connections = items('connections');
  scenario.timeline = items('timeline');
  scenario.narrative = items('narrative');
  scenario.expect = items('expect');

  let durationFailed = false;
  for (const key of ['name', 'description', 'seed', 'duration', 'sampleInterval', 'layout'] as const) {
    const field = shape[key].safeParse(data[key]);
    if (field.success) (scenario as Record<string, unknown>)[key] = field.data;
    else {
      standIns.add(key);
      if (key === 'duration') durationFailed = true;
    }
  }
  return { scenario, origin, standIns, missingIds, durationFailed };
}

/** `components[3].id: ...` in the partial scenario becomes `components[5].id: ...` in the file. */
function toFileIndex(problem: string, origin: Record<ListName, number[]>): string {
  return problem.replace(/^(components|connections|timeline|narrative|expect)\[(\d+)\]/, (_, list: ListName, index: string) => `${list}[${origin[list][Number(index)]}]`);
}

function pathOf(problem: string): string {
  const colon = problem.indexOf(': ');
  return colon < 0 ? '' : problem.slice(0, colon);
}

/**
 * Runs `check` on what parses of `data` (a scenario the schema refused) and returns the problems
 * it finds in those parts, with paths into the file.
 */
export function partialProblems(data: ScenarioData, check: (scenario: Scenario) => string[]): string[] {
  // Without a list of components there is nothing to check references against.
  if (!Array.isArray(data.components)) return [];
  const partial = buildPartial(data);
  let found: string[];
  try {
    found = check(partial.scenario);
  } catch {
    // The checks are written for whole scenarios; if a partial one trips them, the schema's
    // problems (already reported) are what the file needs fixed first.
    return [];
  }
  const covered = (path: string) => [...partial.standIns].some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
  return found
    .map((problem) => toFileIndex(problem, partial.origin))
    .filter((problem) => {
      const path = pathOf(problem);
      if (covered(path)) return false;
      if ([...partial.missingIds].some((id) => problem.includes(JSON.stringify(id)))) return false;
      if (partial.durationFailed && (path === 'sampleInterval' || /end of the run/.test(problem))) return false;
      return true;
    });
}
