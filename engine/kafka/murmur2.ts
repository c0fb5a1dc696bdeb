/**
 * Kafka's keyed partitioning: the producer's default partitioner sends a record with key `k` to
 * partition `toPositive(murmur2(utf8(k))) % partitions`. Everything here reproduces Kafka's Java
 * client bit for bit (`org.apache.kafka.common.utils.Utils.murmur2`, `Utils.toPositive`, and
 * `StringSerializer`'s UTF-8 encoding), so a key lands on the same partition in Streamlab as in Kafka.
 */

const SEED = 0x9747b28c;
// Mixing constants of MurmurHash2, as in Kafka.
const M = 0x5bd1e995;
const R = 24;

/**
 * Kafka's `Utils.murmur2(byte[])`: 32-bit MurmurHash2 with seed `0x9747b28c`.
 *
 * @param data - the bytes to hash; only the first `length` are read, so a reused scratch buffer works.
 * @param length - how many bytes of `data` to hash.
 * @returns the hash as a signed 32-bit integer, exactly as Java returns it.
 */
export function murmur2(data: Uint8Array, length: number = data.length): number {
  // Java's int arithmetic wraps at 32 bits: Math.imul and `| 0` do the same here.
  let h = (SEED ^ length) | 0;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)) | 0;
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  // Kafka's switch falls through from the third trailing byte down to the first.
  const rest = length & 3;
  if (rest === 3) h ^= data[whole + 2] << 16;
  if (rest >= 2) h ^= data[whole + 1] << 8;
  if (rest >= 1) {
    h ^= data[whole];
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/**
 * Kafka's `Utils.toPositive`: clears the sign bit. Not `Math.abs`, which would map
 * `-2147483648` to itself; Kafka chose the mask for exactly that reason.
 */
export function toPositive(hash: number): number {
  return hash & 0x7fffffff;
}

/** The number of UTF-8 bytes `key` encodes to, with Java's treatment of unpaired surrogates. */
export function utf8Length(key: string): number {
  let bytes = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (isHighSurrogate(c) && i + 1 < key.length && isLowSurrogate(key.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else if (isSurrogate(c)) bytes += 1;
    else bytes += 3;
  }
  return bytes;
}

/**
 * Writes `key` as UTF-8 into `out` (which must have room for {@link utf8Length} bytes) and returns
 * the number of bytes written.
 *
 * An unpaired surrogate becomes `?` (0x3F), not U+FFFD: that is what Java's
 * `String.getBytes(UTF_8)` does, so Kafka hashes such keys that way too.
 */
export function encodeUtf8Into(key: string, out: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else if (isHighSurrogate(c) && i + 1 < key.length && isLowSurrogate(key.charCodeAt(i + 1))) {
      const codePoint = 0x10000 + ((c - 0xd800) << 10) + (key.charCodeAt(i + 1) - 0xdc00);
      i++;
      out[n++] = 0xf0 | (codePoint >> 18);
      out[n++] = 0x80 | ((codePoint >> 12) & 0x3f);
      out[n++] = 0x80 | ((codePoint >> 6) & 0x3f);
      out[n++] = 0x80 | (codePoint & 0x3f);
    } else if (isSurrogate(c)) {
      out[n++] = 0x3f;
    } else {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return n;
}

/** `key` as UTF-8 bytes, the way Kafka's `StringSerializer` encodes it. */
export function utf8(key: string): Uint8Array {
  const out = new Uint8Array(utf8Length(key));
  encodeUtf8Into(key, out);
  return out;
}

// Producers hash every keyed record, so the encoding reuses one buffer instead of allocating per
// key. The engine is single-threaded and the buffer never escapes, so sharing it is safe.
let scratch = new Uint8Array(256);

/** Kafka's murmur2 of a string key: `murmur2(utf8(key))`, as a signed 32-bit integer. */
export function hashKey(key: string): number {
  // A UTF-16 code unit never takes more than 3 UTF-8 bytes, so this bound avoids a measuring pass.
  if (key.length * 3 > scratch.length) scratch = new Uint8Array(Math.max(key.length * 3, scratch.length * 2));
  return murmur2(scratch, encodeUtf8Into(key, scratch));
}

/**
 * The partition Kafka's default partitioner picks for a record with this key:
 * `toPositive(murmur2(utf8(key))) % partitions`. An empty key is a key like any other (it is hashed);
 * a record with no key at all is keyless and does not come through here.
 *
 * @throws RangeError if `partitions` is not a whole number of at least 1.
 */
export function partitionForKey(key: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new RangeError(`partitions must be a whole number of at least 1, got ${partitions}`);
  }
  return toPositive(hashKey(key)) % partitions;
}

function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
