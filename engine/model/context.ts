/**
 * What every model component shares in one run: the kernel, the random streams, event ids, key
 * names and the marks that charts draw (rebalances, crashes, outages).
 */
import type { RandomStreams } from '../core/random.ts';
import type { Simulation } from '../core/simulation.ts';

export type MarkKind =
  | 'rebalance-start'
  | 'rebalance-end'
  | 'crash-consumer'
  | 'restart-consumer'
  | 'add-consumer'
  | 'remove-consumer'
  | 'member-expired'
  | 'set-rate'
  | 'add-partitions'
  | 'reset-offsets'
  | 'outage-start'
  | 'outage-end'
  | 'set-latency'
  | 'crash-broker'
  | 'restart-broker'
  | 'isolate-broker'
  | 'reconnect-broker'
  | 'set-schema'
  | 'set-reader-schema'
  | 'crash-producer'
  | 'restart-producer'
  | 'broker-fenced'
  | 'isr-shrink'
  | 'isr-expand'
  | 'leader-election'
  | 'preferred-leader-election';

/** Something that happened at one moment, for the timeline and the charts. */
export interface Mark {
  timeUs: number;
  kind: MarkKind;
  /** The component it happened to. */
  target: string;
  detail: string;
}

export interface ModelContext {
  readonly sim: Simulation;
  readonly streams: RandomStreams;
  /** A new event id: one per produced event, shared by the records it becomes. */
  nextEventId(): number;
  /** The text of a key from its run-wide slot (producers own consecutive ranges of slots). */
  keyName(slot: number): string;
  mark(kind: MarkKind, target: string, detail: string): void;
}

/** Records that carry no key have this key slot. */
export const KEYLESS = -1;
