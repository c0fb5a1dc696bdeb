/**
 * What the Compare view computes before it runs anything, free of React so it can be tested: the
 * one-click presets that make sense for the scenario on the canvas, reading the changes the user
 * typed, and turning them into the two jobs (A as on the canvas, B changed) on one seed.
 */
import { describeChanges, variantOf, type ParamChange } from '../../engine/analysis/compare.ts';
import type { Seed } from '../../engine/core/random.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import { componentSchema, type ComponentKind } from '../../engine/scenario/schema.ts';
import { fieldsOf, parseField, showValue } from '../inspector/fields.ts';
import type { ComponentDoc, ScenarioDoc } from '../store/scenarioDoc.ts';

/** One change as the form holds it: the value as typed (blank means the field's default). */
export interface ChangeDraft {
  /** Stable across edits, for React's keys. */
  key: number;
  componentId: string;
  field: string;
  text: string;
}

export interface Preset {
  id: string;
  label: string;
  changes: ParamChange[];
}

const EAGER_ASSIGNORS = new Set(['range', 'roundrobin', 'sticky']);

/** A field's value as the loader sees it: the component's own, else the kind's default. */
function current(component: ComponentDoc, field: string): unknown {
  if (component[field] !== undefined) return component[field];
  const parsed = componentSchema.safeParse({ id: component.id, kind: component.kind });
  return parsed.success ? (parsed.data as Record<string, unknown>)[field] : undefined;
}

/**
 * The comparisons worth one click for this scenario: twice the partitions of each topic, twice the
 * members of each group, eager against cooperative-sticky, at-least-once against idempotent
 * delivery, and (on a declared cluster, where replication makes it matter) acks 1 against all.
 */
export function presetsFor(doc: ScenarioDoc): Preset[] {
  const presets: Preset[] = [];
  const hasCluster = doc.components.some((c) => c.kind === 'cluster');
  for (const c of doc.components) {
    if (c.kind === 'topic') {
      const partitions = current(c, 'partitions');
      if (typeof partitions === 'number') {
        presets.push({ id: `${c.id}:partitions`, label: `${c.id}: partitions ${partitions} → ${partitions * 2}`, changes: [{ componentId: c.id, field: 'partitions', value: partitions * 2 }] });
      }
    }
    if (c.kind === 'consumer-group') {
      const consumers = current(c, 'consumers');
      if (typeof consumers === 'number' && consumers > 0) {
        presets.push({ id: `${c.id}:consumers`, label: `${c.id}: consumers ${consumers} → ${consumers * 2}`, changes: [{ componentId: c.id, field: 'consumers', value: consumers * 2 }] });
      }
      const assignor = String(current(c, 'assignor'));
      const otherAssignor = EAGER_ASSIGNORS.has(assignor) ? 'cooperative-sticky' : 'range';
      presets.push({ id: `${c.id}:assignor`, label: `${c.id}: ${assignor} → ${otherAssignor}`, changes: [{ componentId: c.id, field: 'assignor', value: otherAssignor }] });
      const delivery = String(current(c, 'delivery'));
      const otherDelivery = delivery === 'idempotent' ? 'at-least-once' : 'idempotent';
      presets.push({ id: `${c.id}:delivery`, label: `${c.id}: ${delivery} → ${otherDelivery}`, changes: [{ componentId: c.id, field: 'delivery', value: otherDelivery }] });
    }
    if (c.kind === 'producer' && hasCluster) {
      const acks = current(c, 'acks');
      // Kafka refuses an idempotent producer without acks=all, so acks=1 turns idempotence off too.
      const changes: ParamChange[] =
        acks === 'all'
          ? [
              { componentId: c.id, field: 'acks', value: 1 },
              ...(current(c, 'idempotent') === false ? [] : [{ componentId: c.id, field: 'idempotent', value: false }]),
            ]
          : [{ componentId: c.id, field: 'acks', value: 'all' }];
      presets.push({ id: `${c.id}:acks`, label: `${c.id}: acks ${String(acks)} → ${acks === 'all' ? '1' : 'all'}`, changes });
    }
  }
  return presets;
}

/** The drafts a preset fills the form with, numbered from `firstKey`. */
export function draftsOf(changes: readonly ParamChange[], firstKey: number): ChangeDraft[] {
  return changes.map((change, i) => ({ key: firstKey + i, componentId: change.componentId, field: change.field, text: showValue(change.value) }));
}

/**
 * Reads one change of the form (the `index`th, for messages). Each problem names its change
 * (`likes.partitions: "x" is not a number`), so the user knows what to fix; a change naming a
 * component no longer on the canvas (another scenario was opened) is one of them.
 */
export function parseDraft(doc: ScenarioDoc, draft: ChangeDraft, index: number): { change: ParamChange } | { problem: string } {
  if (!draft.componentId) return { problem: `change ${index + 1}: pick a component` };
  const component = doc.components.find((c) => c.id === draft.componentId);
  if (!component) return { problem: `change ${index + 1}: there is no component "${draft.componentId}" on the canvas` };
  if (!draft.field) return { problem: `change ${index + 1}: pick a setting of ${draft.componentId}` };
  const field = fieldsOf(component.kind).find((f) => f.name === draft.field);
  if (!field) return { problem: `${draft.componentId}.${draft.field}: a ${component.kind} has no such setting` };
  const parsed = parseField(field, draft.text);
  if (parsed.error) return { problem: `${draft.componentId}.${draft.field}: ${parsed.error}` };
  return { change: { componentId: draft.componentId, field: draft.field, value: parsed.value } };
}

/** Reads the whole form: the changes, and a problem for each change that cannot be read. */
export function parseDrafts(doc: ScenarioDoc, drafts: readonly ChangeDraft[]): { changes: ParamChange[]; problems: string[] } {
  const changes: ParamChange[] = [];
  const problems: string[] = [];
  drafts.forEach((draft, i) => {
    const parsed = parseDraft(doc, draft, i);
    if ('change' in parsed) changes.push(parsed.change);
    else problems.push(parsed.problem);
  });
  return { changes, problems };
}

/**
 * The seed both variants run on: the playground's if the user set one there (so A is the run they
 * watched), else the scenario's own (the loader's default when it has none).
 */
export function seedFor(doc: ScenarioDoc, playgroundSeed: Seed | undefined): Seed | null {
  if (playgroundSeed !== undefined) return playgroundSeed;
  const loaded = loadScenario(doc);
  if (loaded.ok) return loaded.scenario.seed;
  return typeof doc.seed === 'number' || typeof doc.seed === 'string' ? doc.seed : null;
}

/** The default of a field as the inspector shows it (`range`, `45s`), for describing a change. */
export function defaultTextOf(doc: ScenarioDoc): (componentId: string, field: string) => string {
  return (componentId, field) => {
    const kind = doc.components.find((c) => c.id === componentId)?.kind as ComponentKind | undefined;
    return kind ? (fieldsOf(kind).find((f) => f.name === field)?.defaultText ?? '') : '';
  };
}

export type Prepared =
  | { ok: true; a: ScenarioDoc; b: Record<string, unknown>; seed: Seed; changes: string[] }
  | { ok: false; title: string; problems: string[] };

/**
 * The two jobs: A as on the canvas and B with the changes, on the playground's seed if it has one
 * (so Compare's A is the run the user watched), else the scenario's. Nothing runs when the form
 * has a problem, B is the same as A, or the validator refuses either variant.
 */
export function prepareComparison(doc: ScenarioDoc, drafts: readonly ChangeDraft[], playgroundSeed: Seed | undefined): Prepared {
  const a = loadScenario(doc);
  if (!a.ok) return { ok: false, title: 'The scenario on the canvas is not valid, so nothing was run:', problems: a.problems };
  const { changes, problems } = parseDrafts(doc, drafts);
  if (problems.length > 0) return { ok: false, title: 'Finish the changes for B:', problems };
  if (changes.length === 0) return { ok: false, title: 'B is the same as A:', problems: ['pick a change for B, or a preset'] };
  const b = variantOf(doc, changes);
  if (!b.ok) return { ok: false, title: 'The validator refuses variant B, so nothing was run:', problems: b.problems };
  if (JSON.stringify(b.doc) === JSON.stringify(doc)) return { ok: false, title: 'B is the same as A:', problems: ['every change sets the value A already has'] };
  return { ok: true, a: doc, b: b.doc, seed: seedFor(doc, playgroundSeed) ?? a.scenario.seed, changes: describeChanges(doc, changes, defaultTextOf(doc)) };
}
