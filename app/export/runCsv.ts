/**
 * The playground run's time series as the CSV tables `streamlab run --csv` writes (one shared
 * implementation: engine/model/timeSeriesCsv.ts), available as soon as there are samples.
 */
import type { Mark } from '../../engine/model/context.ts';
import type { RunResult } from '../../engine/model/result.ts';
import type { TimeSeries } from '../../engine/model/timeSeries.ts';
import { partitionNamesFromResult, timeSeriesCsv, type CsvFile, type GroupPartitionName } from '../../engine/model/timeSeriesCsv.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';

/**
 * The partitions each group of `series` reads, in the order of its `partitionLag` columns, before
 * the run has a result to say so: the topics wired into the group in the order of the wires, each
 * with its partitions, then partitions added by the timeline in time order (as the engine appends
 * them), as far as the columns go.
 */
export function partitionNamesFromScenario(scenario: Scenario, series: TimeSeries): Record<string, GroupPartitionName[]> {
  const partitionCount = new Map<string, number>();
  for (const c of scenario.components) if (c.kind === 'topic') partitionCount.set(c.id, c.partitions);
  const names: Record<string, GroupPartitionName[]> = {};
  for (const groupId of Object.keys(series.groups)) {
    const inputs = new Set(scenario.connections.filter((c) => c.to === groupId && partitionCount.has(c.from)).map((c) => c.from));
    names[groupId] = [...inputs].flatMap((topic) => range(0, partitionCount.get(topic)!).map((partition) => ({ topic, partition })));
  }
  // Actions at one time run in timeline order; sort is stable.
  const added = scenario.timeline.filter((a) => a.action === 'add-partitions').sort((a, b) => a.at - b.at);
  for (const action of added) {
    if (action.action !== 'add-partitions') continue;
    const before = partitionCount.get(action.target) ?? 0;
    partitionCount.set(action.target, before + action.partitions);
    for (const [groupId, list] of Object.entries(names)) {
      if (scenario.connections.some((c) => c.from === action.target && c.to === groupId)) {
        list.push(...range(before, before + action.partitions).map((partition) => ({ topic: action.target, partition })));
      }
    }
  }
  for (const [groupId, list] of Object.entries(names)) list.length = Math.min(list.length, series.groups[groupId].partitionLag.length);
  return names;
}

export interface RunTables {
  series: TimeSeries;
  marks: readonly Mark[];
  result: RunResult | null;
}

/** The run's CSV tables: named from the result once the run has finished, from its scenario before. */
export function runCsvFiles(run: RunTables, scenario: Scenario): CsvFile[] {
  const partitions = run.result ? partitionNamesFromResult(run.result) : partitionNamesFromScenario(scenario, run.series);
  return timeSeriesCsv(run.series, run.marks, partitions);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
