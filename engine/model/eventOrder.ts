/**
 * What consumers of one stream of events remember to count duplicates and per-key order: the event
 * ids processed at least once, and per key the newest event id processed. Shared by consumer
 * groups and queues so "duplicate" and "ordering violation" mean the same thing for both.
 */

/** A set of event ids, one bit each. */
export class EventIdSet {
  private bits = new Uint8Array(1 << 16);

  has(eventId: number): boolean {
    const byte = eventId >>> 3;
    return byte < this.bits.length && (this.bits[byte] & (1 << (eventId & 7))) !== 0;
  }

  add(eventId: number): void {
    const byte = eventId >>> 3;
    if (byte >= this.bits.length) {
      const bigger = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      bigger.set(this.bits);
      this.bits = bigger;
    }
    this.bits[byte] |= 1 << (eventId & 7);
  }
}

/**
 * Per-key order: event ids grow in the order events were produced, so an event processed after a
 * later one of the same key is a violation.
 */
export class KeyOrder {
  /** Per key slot: 1 + the largest event id processed. */
  private newest: Uint32Array | null = null;

  constructor(private readonly keySlots: number) {}

  /** Notes `eventId` of `keySlot` as processed now; true when a later event of that key was processed before it. */
  violates(keySlot: number, eventId: number): boolean {
    if (this.newest === null) this.newest = new Uint32Array(this.keySlots);
    if (eventId + 1 < this.newest[keySlot]) return true;
    this.newest[keySlot] = eventId + 1;
    return false;
  }
}
