/**
 * The scenario as the playground edits it: the file format itself (plain JSON), so what is on the
 * canvas is exactly what Save writes and what the loader validates. Pure functions, no React.
 */
import { wireProblem } from '../../engine/scenario/rules.ts';
import type { ComponentKind } from '../../engine/scenario/schema.ts';

export interface ComponentDoc {
  id: string;
  kind: ComponentKind;
  [field: string]: unknown;
}

export interface ScenarioDoc {
  version: 1;
  name?: string;
  components: ComponentDoc[];
  connections: { from: string; to: string }[];
  layout: Record<string, { x: number; y: number }>;
  [field: string]: unknown;
}

/** What a component dropped from the palette starts with: enough to run, Kafka's defaults for the rest. */
const STARTERS: Record<ComponentKind, Record<string, unknown>> = {
  producer: { rate: 100 },
  topic: { partitions: 3 },
  'consumer-group': { consumers: 2, processing: { dist: 'exponential', mean: '2ms' } },
  service: { latency: '5ms' },
  cluster: { brokers: 3 },
  queue: { visibilityTimeout: '30s' },
  api: { rate: 100, mode: 'sync' },
  processor: { consumers: 2, window: 'tumbling', windowSize: '1m', grace: '10s' },
};

const PREFIX: Record<ComponentKind, string> = {
  producer: 'producer',
  topic: 'topic',
  'consumer-group': 'group',
  service: 'service',
  cluster: 'cluster',
  queue: 'queue',
  api: 'api',
  processor: 'processor',
};

/** Reads any object as a scenario document, with the lists the canvas needs present. */
export function asDoc(data: unknown): ScenarioDoc {
  const raw = (data ?? {}) as Record<string, unknown>;
  return {
    ...raw,
    version: 1,
    components: Array.isArray(raw.components) ? (raw.components as ComponentDoc[]) : [],
    connections: Array.isArray(raw.connections) ? (raw.connections as ScenarioDoc['connections']) : [],
    layout: raw.layout && typeof raw.layout === 'object' ? (raw.layout as ScenarioDoc['layout']) : {},
  };
}

/** A new id for a component of `kind`, not used yet: producer-1, topic-2, ... */
export function freshId(doc: ScenarioDoc, kind: ComponentKind): string {
  const taken = new Set(doc.components.map((c) => c.id));
  for (let n = 1; ; n++) {
    const id = `${PREFIX[kind]}-${n}`;
    if (!taken.has(id)) return id;
  }
}

export function addComponent(doc: ScenarioDoc, kind: ComponentKind, position: { x: number; y: number }): { doc: ScenarioDoc; id: string } {
  const id = freshId(doc, kind);
  return {
    id,
    doc: {
      ...doc,
      components: [...doc.components, { id, kind, ...STARTERS[kind] }],
      layout: { ...doc.layout, [id]: { x: Math.round(position.x), y: Math.round(position.y) } },
    },
  };
}

export function moveComponent(doc: ScenarioDoc, id: string, position: { x: number; y: number }): ScenarioDoc {
  return { ...doc, layout: { ...doc.layout, [id]: { x: Math.round(position.x), y: Math.round(position.y) } } };
}

/** Why a wire may not be drawn (the loader's rule table), or null. */
export function connectionProblem(doc: ScenarioDoc, from: string, to: string): string | null {
  const a = doc.components.find((c) => c.id === from);
  const b = doc.components.find((c) => c.id === to);
  if (!a || !b) return 'both ends of a wire must be components';
  if (from === to) return 'a component cannot be wired to itself';
  if (doc.connections.some((c) => c.from === from && c.to === to)) return `"${from}" is already wired to "${to}"`;
  const problem = wireProblem(a.kind, b.kind);
  return problem === null ? null : `${problem} ("${from}" to "${to}")`;
}

export function connect(doc: ScenarioDoc, from: string, to: string): ScenarioDoc {
  return { ...doc, connections: [...doc.connections, { from, to }] };
}

/** Removes components (with their wires, layout, and the timeline actions and expectations about them) and wires. */
export function remove(doc: ScenarioDoc, componentIds: string[], wires: { from: string; to: string }[] = []): ScenarioDoc {
  const gone = new Set(componentIds);
  const layout = { ...doc.layout };
  for (const id of gone) delete layout[id];
  const timeline = Array.isArray(doc.timeline) ? (doc.timeline as { target?: string }[]).filter((a) => !gone.has(a.target ?? '')) : doc.timeline;
  // Expectations about a removed component (`groups.<id>.lag.max`) could never be met again.
  const expect = Array.isArray(doc.expect) ? (doc.expect as { metric?: string }[]).filter((e) => !gone.has(String(e.metric ?? '').split('.')[1])) : doc.expect;
  return {
    ...doc,
    components: doc.components.filter((c) => !gone.has(c.id)),
    connections: doc.connections.filter((c) => !gone.has(c.from) && !gone.has(c.to) && !wires.some((w) => w.from === c.from && w.to === c.to)),
    layout,
    ...(timeline === undefined ? {} : { timeline }),
    ...(expect === undefined ? {} : { expect }),
  };
}

/** Copies of components (new ids, shifted), wires among them kept: for copy and paste. */
export function duplicate(doc: ScenarioDoc, ids: string[], offset = 40): { doc: ScenarioDoc; ids: string[] } {
  let next = doc;
  const renamed = new Map<string, string>();
  for (const id of ids) {
    const original = doc.components.find((c) => c.id === id);
    if (!original) continue;
    const copyId = freshId(next, original.kind);
    renamed.set(id, copyId);
    const at = doc.layout[id] ?? { x: 0, y: 0 };
    next = {
      ...next,
      components: [...next.components, { ...structuredClone(original), id: copyId }],
      layout: { ...next.layout, [copyId]: { x: at.x + offset, y: at.y + offset } },
    };
  }
  const wires = doc.connections.filter((c) => renamed.has(c.from) && renamed.has(c.to)).map((c) => ({ from: renamed.get(c.from)!, to: renamed.get(c.to)! }));
  return { doc: { ...next, connections: [...next.connections, ...wires] }, ids: [...renamed.values()] };
}

export function updateComponent(doc: ScenarioDoc, id: string, patch: Record<string, unknown>): ScenarioDoc {
  return {
    ...doc,
    components: doc.components.map((c) => {
      if (c.id !== id) return c;
      const next: ComponentDoc = { ...c, ...patch };
      for (const [key, value] of Object.entries(patch)) if (value === undefined) delete next[key];
      return next;
    }),
  };
}
