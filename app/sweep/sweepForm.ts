/**
 * What the Sweep view computes before and after it runs anything, free of React so it can be
 * tested: the settings worth sweeping, values to start from, the metrics worth plotting, reading
 * the form into the engine's plan, and the rows as a plot and a CSV table.
 */
import { describeMetric, parseSweepTarget, parseSweepValues, planSweep, type SweepJob, type SweepParam, type SweepRow, type SweepTarget } from '../../engine/analysis/sweep.ts';
import { formatDuration, parseDuration } from '../../engine/core/time.ts';
import type { Seed } from '../../engine/core/random.ts';
import { fieldsOf, parseField, showValue, type FieldInfo } from '../inspector/fields.ts';
import type { ComponentDoc, ScenarioDoc } from '../store/scenarioDoc.ts';

/** Kinds of field a sweep can vary: numbers and choices (a duration or a rate is a number too). */
const SWEEPABLE = new Set<FieldInfo['type']>(['integer', 'number', 'duration', 'rate', 'choice', 'boolean']);

/** The settings of a component a sweep can vary, in the inspector's order. */
export function sweepableFields(component: ComponentDoc): FieldInfo[] {
  return fieldsOf(component.kind).filter((f) => SWEEPABLE.has(f.type));
}

/** How a field's values are written, beside the values box. */
export function valueHint(field: FieldInfo): string {
  switch (field.type) {
    case 'integer':
      return 'whole numbers';
    case 'number':
      return 'numbers';
    case 'duration':
      return 'durations: 5ms, 1s, 2m';
    case 'rate':
      return 'per second: 500, 2000/s';
    case 'choice':
    case 'boolean':
      return field.choices ? `any of ${field.choices.join(', ')}` : 'true, false';
    default:
      return '';
  }
}

/** A field's value as the loader sees it: the component's own, else the default. */
function currentValue(component: ComponentDoc, field: FieldInfo): unknown {
  if (component[field.name] !== undefined) return component[field.name];
  return parseField(field, field.defaultText).value;
}

const unique = <T,>(values: T[]) => values.filter((v, i) => values.indexOf(v) === i);

/**
 * Values to start from, around the current one: a quarter, a half, the same and twice it for
 * whole numbers (partitions 12 → 3, 6, 12, 24), half to four times a duration, every choice.
 */
export function suggestValues(component: ComponentDoc, field: FieldInfo): string {
  const current = currentValue(component, field);
  if (field.type === 'boolean') return 'false, true';
  if (field.type === 'choice') return (field.choices ?? []).join(', ');
  if (field.type === 'duration') {
    let us: number;
    try {
      us = parseDuration(current);
    } catch {
      return '';
    }
    if (us === 0) return '0ms, 1ms, 5ms, 25ms';
    return unique([0.5, 1, 2, 4].map((m) => formatDuration(Math.round(us * m)).replace(/ /g, ''))).join(', ');
  }
  const n = typeof current === 'number' ? current : Number.parseFloat(String(current ?? ''));
  if (!Number.isFinite(n) || n <= 0) return field.type === 'integer' ? '1, 2, 4, 8' : '';
  if (field.type === 'integer') {
    // Four values: from a small current value (1, 2) the list goes further up instead.
    return unique([n / 4, n / 2, n, n * 2, n * 4, n * 8].map((v) => Math.max(1, Math.round(v))))
      .slice(0, 4)
      .join(', ');
  }
  return unique([n / 2, n, n * 2].map((v) => Number(v.toPrecision(3)))).join(', ');
}

export interface MetricOption {
  path: string;
  label: string;
}

const PROCESSOR_METRICS = ['lateRecords', 'stateEntries.max', 'outputLatencyMs.p99'];
const GROUP_METRICS = ['latencyMs.p99', 'latencyMs.p95', 'latencyMs.mean', 'lag.max', 'lagTimeMs.max', 'duplicates', 'lost', 'pausedMs'];

/** The metrics worth plotting for this scenario: the usual ones of each group (processors too), each processor's late records, state and time to a final count, then the records produced. */
export function metricOptions(doc: ScenarioDoc): MetricOption[] {
  // A processor runs as a consumer group: its group figures, then its windows' own.
  const groups = doc.components.filter((c) => c.kind === 'consumer-group' || c.kind === 'processor');
  const processors = doc.components.filter((c) => c.kind === 'processor');
  const paths = [
    ...groups.flatMap((g) => GROUP_METRICS.map((m) => `groups.${g.id}.${m}`)),
    ...processors.flatMap((p) => PROCESSOR_METRICS.map((m) => `processors.${p.id}.${m}`)),
    'produced',
  ];
  return paths.map((path) => {
    const { label, unit } = describeMetric(path);
    return { path, label: unit ? `${label} (${unit})` : label };
  });
}

/** The form as the view holds it: text as typed. */
export interface SweepDraft {
  componentId: string;
  field: string;
  valuesText: string;
  seedsText: string;
  /** A path from {@link metricOptions}, or the free path below when this is ''. */
  metric: string;
  customMetric: string;
  targetOp: SweepTarget['op'];
  /** Blank: no target. */
  targetText: string;
  /** Blank: the scenario's own duration. */
  durationText: string;
}

/** The setting a fresh form sweeps: the first topic's partitions, else the first sweepable setting. */
export function defaultChoice(doc: ScenarioDoc): { componentId: string; field: string } {
  const topic = doc.components.find((c) => c.kind === 'topic');
  if (topic) return { componentId: topic.id, field: 'partitions' };
  for (const c of doc.components) {
    const field = sweepableFields(c)[0];
    if (field) return { componentId: c.id, field: field.name };
  }
  return { componentId: '', field: '' };
}

/** A fresh form for the scenario: its default setting with suggested values, 3 seeds, the first group's p99. */
export function freshDraft(doc: ScenarioDoc): SweepDraft {
  const choice = defaultChoice(doc);
  return {
    ...choice,
    valuesText: suggestedFor(doc, choice.componentId, choice.field),
    seedsText: '3',
    metric: metricOptions(doc)[0]?.path ?? 'produced',
    customMetric: '',
    targetOp: '<',
    targetText: '',
    durationText: '',
  };
}

/** The suggested values of a component's setting, or '' when it is not on the canvas. */
export function suggestedFor(doc: ScenarioDoc, componentId: string, fieldName: string): string {
  const component = doc.components.find((c) => c.id === componentId);
  const field = component && sweepableFields(component).find((f) => f.name === fieldName);
  return component && field ? suggestValues(component, field) : '';
}

/**
 * The form made to fit the scenario on the canvas: a form naming a component or metric that is
 * not there (another scenario was opened) starts afresh; one that fits is kept as typed.
 */
export function fitDraft(doc: ScenarioDoc, draft: SweepDraft | null): SweepDraft {
  if (!draft) return freshDraft(doc);
  const component = doc.components.find((c) => c.id === draft.componentId);
  if (!component || !sweepableFields(component).some((f) => f.name === draft.field)) return freshDraft(doc);
  if (draft.metric !== '' && !metricOptions(doc).some((m) => m.path === draft.metric)) return { ...draft, metric: metricOptions(doc)[0]?.path ?? 'produced' };
  return draft;
}

export const MAX_SEEDS = 20;
export const MAX_RUNS = 200;

export interface PreparedSweep {
  param: SweepParam;
  jobs: SweepJob[];
  seeds: number[];
  metric: string;
  target: SweepTarget | null;
}

/** The metric the form names. */
export function metricOf(draft: SweepDraft): string {
  return (draft.metric === '' ? draft.customMetric : draft.metric).trim();
}

/** The target the form names: null when blank; a message when it cannot be read. */
export function targetOf(draft: SweepDraft): { target: SweepTarget | null } | { problem: string } {
  if (draft.targetText.trim() === '') return { target: null };
  try {
    return { target: parseSweepTarget(`${draft.targetOp}${draft.targetText.trim()}`) };
  } catch {
    return { problem: `target: ${JSON.stringify(draft.targetText.trim())} is not a number` };
  }
}

/**
 * Reads the form into the engine's plan: every problem named (`values: "x" is not a number`), and
 * each value the validator refuses with its lines. Nothing is run unless every check passes.
 */
export function prepareSweep(doc: ScenarioDoc, draft: SweepDraft, firstSeed: Seed | undefined): { ok: true; sweep: PreparedSweep } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const component = doc.components.find((c) => c.id === draft.componentId);
  const field = component && sweepableFields(component).find((f) => f.name === draft.field);
  if (!component) problems.push(draft.componentId ? `there is no component "${draft.componentId}" on the canvas` : 'pick a component');
  else if (!field) problems.push(`pick a setting of ${component.id} to vary`);

  let values: unknown[] = [];
  try {
    const raw = parseSweepValues(draft.valuesText);
    values = raw.map((v) => {
      if (!field) return v;
      const parsed = parseField(field, String(v));
      if (parsed.error) throw new Error(parsed.error.startsWith('"') ? parsed.error : `${JSON.stringify(String(v))} ${parsed.error}`);
      return parsed.value;
    });
  } catch (error) {
    problems.push(`values: ${(error as Error).message}`);
  }

  const seeds = Number(draft.seedsText.trim());
  if (!(Number.isInteger(seeds) && seeds >= 1 && seeds <= MAX_SEEDS)) problems.push(`seeds: a whole number from 1 to ${MAX_SEEDS}, got ${JSON.stringify(draft.seedsText.trim())}`);
  else if (values.length * seeds > MAX_RUNS) problems.push(`${values.length} values × ${seeds} seeds is ${values.length * seeds} runs; at most ${MAX_RUNS}`);

  const metric = metricOf(draft);
  if (metric === '') problems.push('metric: give a path into the run’s result, e.g. groups.<id>.latencyMs.p99');
  const target = targetOf(draft);
  if ('problem' in target) problems.push(target.problem);
  if (problems.length > 0 || !component || !field || 'problem' in target) return { ok: false, problems };

  const param: SweepParam = { componentId: component.id, field: field.name, values };
  const duration = draft.durationText.trim();
  const plan = planSweep(doc, param, { seeds, firstSeed, duration: duration === '' ? undefined : duration });
  if (!plan.ok) return { ok: false, problems: plan.problems };
  return { ok: true, sweep: { param, jobs: plan.jobs, seeds: plan.seeds, metric, target: target.target } };
}

// ---------------------------------------------------------------------------------------------
// The plot and the table

export interface PlotPoint {
  /** Index of the value (its place on a category axis). */
  index: number;
  value: unknown;
  seed: number;
  /** The seed's place in the sweep's seeds, to set a value's points side by side. */
  seedIndex: number;
  metric: number;
}

export interface PlotData {
  /** Numbers are placed by value; anything else (choices) on a category axis, in the order given. */
  axis: 'linear' | 'log' | 'category';
  /** One entry per value that has a mean so far, in value order along the axis. */
  means: { index: number; value: unknown; mean: number; min: number; max: number; ci95: number | null }[];
  points: PlotPoint[];
  /** A log value axis when every figure is above 0 and they span 20 times or more (seconds and milliseconds). */
  yScale: 'linear' | 'log';
  /** The lowest and highest metric to show, the target included (on a linear axis, the intervals too). */
  extent: [number, number];
}

/**
 * The rows as a plot: the mean line, each seed's point, min–max and the confidence interval. A
 * numeric axis turns logarithmic when the values span 8 times or more (partitions 3 to 24), so
 * doublings sit evenly.
 */
export function plotData(rows: readonly SweepRow[], seeds: readonly number[], target: SweepTarget | null): PlotData {
  const numeric = rows.length > 0 && rows.every((r) => typeof r.value === 'number');
  const numbers = numeric ? rows.map((r) => r.value as number) : [];
  const axis = !numeric ? 'category' : numbers.every((v) => v > 0) && Math.max(...numbers) / Math.min(...numbers) >= 8 ? 'log' : 'linear';
  const order = rows.map((_, i) => i);
  if (numeric) order.sort((a, b) => numbers[a] - numbers[b]);
  const means: PlotData['means'] = [];
  const points: PlotPoint[] = [];
  for (const index of order) {
    const r = rows[index];
    if (r.mean !== null && r.min !== null && r.max !== null) means.push({ index, value: r.value, mean: r.mean, min: r.min, max: r.max, ci95: r.ci95 });
    r.samples.forEach((metric, i) => {
      if (metric !== null) points.push({ index, value: r.value, seed: seeds[i], seedIndex: i, metric });
    });
  }
  const figures = [...points.map((p) => p.metric), ...(target ? [target.value] : [])];
  const lo = Math.min(...figures);
  const hi = Math.max(...figures);
  // On a log axis an interval reaching below 0 is cut at the bottom, not allowed to flatten the rest.
  const yScale = figures.length > 0 && lo > 0 && hi / lo >= 20 ? 'log' : 'linear';
  const all = yScale === 'log' ? figures : [...figures, ...means.flatMap((m) => (m.ci95 === null ? [] : [m.mean - m.ci95, m.mean + m.ci95]))];
  const extent: [number, number] = all.length > 0 ? [Math.min(...all), Math.max(...all)] : [0, 1];
  return { axis, means, points, yScale, extent };
}

const csvCell = (x: number | null) => (x === null ? '' : String(x));


/** The table as CSV: one line per value with its mean, ± CI, min, max and each seed's figure. */
export function sweepCsv(field: string, rows: readonly SweepRow[], seeds: readonly number[]): string {
  const header = [field, 'mean', 'ci95', 'sd', 'min', 'max', ...seeds.map((s) => `seed ${s}`)];
  const lines = rows.map((r) => [showValue(r.value), csvCell(r.mean), csvCell(r.ci95), csvCell(r.sd), csvCell(r.min), csvCell(r.max), ...r.samples.map(csvCell)]);
  return `${[header, ...lines].map((l) => l.join(',')).join('\n')}\n`;
}
