/**
 * A scenario's narrative as teaching steps: each step's time, text and what it highlights. A step
 * names what it talks about in `highlight`; without one, the components its text names (by id),
 * "partition N" of the only topic, and the chart its words point at (lag, latency, throughput, skew)
 * are highlighted. Pure, so the rules are tested without a page.
 */
import { CHART_NAMES, type Highlight, type Scenario } from '../../engine/scenario/schema.ts';

export type ChartName = (typeof CHART_NAMES)[number];

export interface TeachStep {
  atMs: number;
  text: string;
  highlights: Highlight[];
  /** True when the highlights came from the text rather than the step's own `highlight`. */
  inferred: boolean;
}

/** What is highlighted, indexed for the canvas and charts to look up cheaply. */
export interface HighlightSet {
  components: ReadonlySet<string>;
  /** Topic id → highlighted partitions. */
  partitions: ReadonlyMap<string, ReadonlySet<number>>;
  /** Group id → highlighted member slots. */
  members: ReadonlyMap<string, ReadonlySet<number>>;
  charts: ReadonlySet<ChartName>;
}

export const NO_HIGHLIGHTS: HighlightSet = { components: new Set(), partitions: new Map(), members: new Map(), charts: new Set() };

/** Words that point at a chart; the first chart a step's text points at is the one shown. */
const CHART_WORDS: [ChartName, RegExp][] = [
  ['lag', /\blag\b/i],
  ['latency', /\b(latency|latencies|p50|p95|p99)\b/i],
  ['throughput', /\bthroughput\b/i],
  ['skew', /\bskew(ed)?\b/i],
];

export function teachingSteps(scenario: Scenario): TeachStep[] {
  return scenario.narrative
    .map((step, index) => ({ step, index }))
    .sort((a, b) => a.step.at - b.step.at || a.index - b.index)
    .map(({ step }) => {
      const explicit = step.highlight !== undefined && step.highlight.length > 0;
      return { atMs: step.at / 1000, text: step.text, highlights: explicit ? step.highlight! : inferHighlights(scenario, step.text), inferred: !explicit };
    });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function inferHighlights(scenario: Scenario, text: string): Highlight[] {
  // Longest ids first, so "orders-dlq" is found before "orders" claims its first half; a found id
  // is blanked out (same length, so positions stay), and the ids are listed in the text's order.
  const ids = scenario.components.map((c) => c.id).sort((a, b) => b.length - a.length);
  const found: { id: string; at: number }[] = [];
  let rest = text;
  for (const id of ids) {
    const pattern = new RegExp(`(^|[^A-Za-z0-9_.-])(${escape(id)})(?![A-Za-z0-9_-])`, 'g');
    let first = -1;
    rest = rest.replace(pattern, (_, before: string, match: string, offset: number) => {
      if (first < 0) first = offset + before.length;
      return before + ' '.repeat(match.length);
    });
    if (first >= 0) found.push({ id, at: first });
  }
  const highlights: Highlight[] = found.sort((a, b) => a.at - b.at).map(({ id }) => ({ component: id }));
  // "partition 0", "partitions 2 and 3", "members 0, 1 and 2": of the only topic, or the only group.
  const topics = scenario.components.filter((c) => c.kind === 'topic');
  if (topics.length === 1) {
    for (const partition of numbersAfter(text, 'partition')) {
      if (partition < topics[0].partitions) highlights.push({ component: topics[0].id, partition });
    }
  }
  const groups = scenario.components.filter((c) => c.kind === 'consumer-group');
  if (groups.length === 1) {
    for (const member of numbersAfter(text, 'member')) {
      if (member < groups[0].consumers) highlights.push({ component: groups[0].id, member });
    }
  }
  const chart = CHART_WORDS.find(([, words]) => words.test(text));
  if (chart) highlights.push({ chart: chart[0] });
  return highlights;
}

/** The numbers after `word` or its plural, lists included ("partitions 2, 3 and 5"), each once, in order. */
function numbersAfter(text: string, word: string): number[] {
  const found = new Set<number>();
  const pattern = new RegExp(`\\b${word}s? (\\d{1,4}(?:(?:, | and |, and )\\d{1,4})*)\\b`, 'gi');
  for (const match of text.matchAll(pattern)) for (const n of match[1].match(/\d+/g) ?? []) found.add(Number(n));
  return [...found];
}

export function highlightSet(highlights: readonly Highlight[]): HighlightSet {
  const components = new Set<string>();
  const partitions = new Map<string, Set<number>>();
  const members = new Map<string, Set<number>>();
  const charts = new Set<ChartName>();
  for (const h of highlights) {
    if (h.chart !== undefined) charts.add(h.chart);
    if (h.component === undefined) continue;
    components.add(h.component);
    if (h.partition !== undefined) partitions.set(h.component, (partitions.get(h.component) ?? new Set()).add(h.partition));
    if (h.member !== undefined) members.set(h.component, (members.get(h.component) ?? new Set()).add(h.member));
  }
  return { components, partitions, members, charts };
}

/** The chart a step shows: the first it highlights, else the one it showed before, else lag. */
export function chartFor(highlights: HighlightSet, previous: ChartName | null): ChartName {
  for (const name of CHART_NAMES) if (highlights.charts.has(name)) return name;
  return previous ?? 'lag';
}
