/**
 * Schema versions and what can read what, in Schema Registry's terms: a version is `backward`
 * compatible with its predecessor when a reader built for it can read data written with the
 * predecessor, `forward` when a reader built for the predecessor can read data written with it,
 * `full` when both, `none` when neither is promised.
 *
 * One history per run (the scenario's events are one subject): each `set-schema` records the change
 * from the producer's previous version to its new one. A reader and a record apart by several changes
 * are compatible only when every change in between is (what the registry's `_TRANSITIVE` modes
 * guarantee; its plain modes only check against the last version).
 */

export type Compatibility = 'backward' | 'forward' | 'full' | 'none';

/** How a group copes with a record written with another version than its own: its rule. */
export type ReaderRule = Compatibility;

export class SchemaHistory {
  /** By new version: the version it replaced and its compatibility with it. */
  private readonly changes = new Map<number, { from: number; compatibility: Compatibility }>();

  /**
   * A producer moved from `from` to `to`. Only moves up are changes: going back to an older version
   * (a rollback) writes records the history already describes.
   */
  change(from: number, to: number, compatibility: Compatibility): void {
    if (to > from) this.changes.set(to, { from, compatibility });
  }

  /**
   * Whether a reader built for `reader`, relying on `rule`, can read a record written with `writer`:
   * the same version always; an older record when the rule allows backward and every change since
   * is backward compatible; a newer record when the rule allows forward and every change up to it is
   * forward compatible.
   */
  readable(writer: number, reader: number, rule: ReaderRule): boolean {
    if (writer === reader) return true;
    const needed = writer < reader ? 'backward' : 'forward';
    if (rule !== 'full' && rule !== needed) return false;
    return this.chainAllows(Math.min(writer, reader), Math.max(writer, reader), needed);
  }

  /** Walks back from `high` to `low` through recorded changes, each of which must allow `needed`. */
  private chainAllows(low: number, high: number, needed: 'backward' | 'forward'): boolean {
    let version = high;
    while (version > low) {
      const change = this.changes.get(version);
      if (change === undefined) return false;
      if (change.compatibility !== 'full' && change.compatibility !== needed) return false;
      version = change.from;
    }
    return version === low;
  }
}
