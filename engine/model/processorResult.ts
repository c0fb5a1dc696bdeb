/**
 * A processor's part of the run's result (`processors.<id>` in `run --json`); its group's figures
 * (lag, latency, members, rebalances) are under `groups.<id>` with every other group's.
 */
import type { Processor } from './processor.ts';
import { latencyOf, ms, type LatencyMs } from './result.ts';

export interface ProcessorResult {
  window: 'tumbling' | 'hopping';
  windowSizeMs: number;
  advanceMs: number;
  graceMs: number;
  /** Records applied to the windows (re-deliveries after a crash included). */
  recordsIn: number;
  /** Records counted in at least one window. */
  recordsAggregated: number;
  /** Records that arrived after every window they belong to had closed: dropped. */
  lateRecords: number;
  /** Window updates skipped because that window had closed (more than lateRecords for hopping windows). */
  lateWindowUpdates: number;
  /** Records without a key: dropped, as Kafka Streams' aggregations drop them. */
  keylessDropped: number;
  /** (window, key) counts made final, one aggregate each. */
  windowsClosed: number;
  /** Aggregate records written to the output topics. */
  emitted: number;
  /** Open (window, key) counts: the processor's state. */
  stateEntries: { final: number; max: number };
  /** Windows open now, over every partition. */
  openWindows: number;
  /** A window's end to the moment its aggregate is emitted: grace, plus waiting for stream time to pass it. */
  outputLatencyMs: LatencyMs;
  /** recordsIn = recordsAggregated + lateRecords + keylessDropped; window updates = closed counts + open counts. */
  conservation: { recordsIn: number; aggregated: number; late: number; keyless: number; windowUpdates: number; closedCounts: number; openCounts: number; holds: boolean };
}

export function processorResult(p: Processor): ProcessorResult {
  const s = p.stats;
  let openCounts = 0;
  for (const store of p.stores) if (store) openCounts += store.openCountTotal();
  const holds = s.recordsIn === s.aggregated + s.lateRecords + s.keyless && s.windowUpdates === s.closedCounts + openCounts;
  return {
    window: p.spec.window,
    windowSizeMs: ms(p.window.sizeUs),
    advanceMs: ms(p.window.advanceUs),
    graceMs: ms(p.window.graceUs),
    recordsIn: s.recordsIn,
    recordsAggregated: s.aggregated,
    lateRecords: s.lateRecords,
    lateWindowUpdates: s.lateWindowUpdates,
    keylessDropped: s.keyless,
    windowsClosed: s.windowsClosed,
    emitted: s.emitted,
    stateEntries: { final: p.stateEntries, max: p.stateEntriesMax },
    openWindows: p.openWindows,
    outputLatencyMs: latencyOf(p.outputLatency),
    conservation: { recordsIn: s.recordsIn, aggregated: s.aggregated, late: s.lateRecords, keyless: s.keyless, windowUpdates: s.windowUpdates, closedCounts: s.closedCounts, openCounts, holds },
  };
}
