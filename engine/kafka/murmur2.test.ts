import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashKey, murmur2, partitionForKey, toPositive, utf8 } from './murmur2.ts';

const bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('murmur2', () => {
  // Kafka's own vectors: clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java, testMurmur2.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes the bytes of %j to %i, as Kafka UtilsTest expects', (text, expected) => {
    expect(murmur2(bytes(text))).toBe(expected);
  });

  // Generated with Kafka's Utils.murmur2 in Java by KafkaJS (src/producer/partitioners/defaultJava).
  it.each([
    ['0', 971027396],
    ['1', -1993445489],
    ['128', -326012175],
    ['2187', -1508407203],
    ['16384', -325739742],
    ['78125', -1654490814],
    ['279936', 1462227128],
    ['823543', -2014198330],
    ['2097152', 607668903],
    ['4782969', -1182699775],
    ['10000000', -1830336757],
    ['19487171', -1603849305],
    ['35831808', -857013643],
    ['62748517', -1167431028],
    ['105413504', -381294639],
    ['170859375', -1658323481],
    ['100:48069', 1009543857],
  ])('hashes the key %j to %i, as the Java client does', (key, expected) => {
    expect(hashKey(key)).toBe(expected);
  });

  it('only reads the first `length` bytes, so a scratch buffer can be reused', () => {
    const buffer = new Uint8Array(64).fill(0xaa);
    buffer.set(bytes('foobar'));
    expect(murmur2(buffer, 6)).toBe(-790332482);
  });
});

describe('string keys are hashed as Kafka StringSerializer UTF-8 bytes', () => {
  // Generated with Java 17: Kafka's Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)).
  it.each([
    ['', 275646681, 9],
    ['café', -1358007374, 6],
    ['日本語のキー', -734675706, 2],
    ['ключ', 2122343024, 8],
    ['😀', 131881617, 9],
    ['user-🎉-42', 1779865388, 8],
    ['Ωmega', 1300230970, 10],
    ['ß', -241589582, 6],
  ])('hashes %j to %i and sends it to partition %i of 12', (key, hash, partition) => {
    expect(hashKey(key)).toBe(hash);
    expect(partitionForKey(key, 12)).toBe(partition);
  });

  it('encodes an unpaired surrogate as "?", the way Java does', () => {
    expect([...utf8('\uD800')]).toEqual([0x3f]);
    expect([...utf8('a\uDC00b')]).toEqual([0x61, 0x3f, 0x62]);
    expect([...utf8('\uD800\uD800\uDC00')]).toEqual([0x3f, 0xf0, 0x90, 0x80, 0x80]);
    // Java 17 vectors, as above.
    expect(hashKey('\uD800')).toBe(-323429624);
    expect(hashKey('a\uDC00b')).toBe(-348781372);
  });

  it('encodes well-formed text exactly like a standard UTF-8 encoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (key) => {
        expect(Buffer.from(utf8(key)).equals(Buffer.from(key, 'utf8'))).toBe(true);
        expect(hashKey(key)).toBe(murmur2(utf8(key)));
      }),
    );
  });

  it('hashes long keys the same through the reusable buffer as through a fresh one', () => {
    const key = 'é'.repeat(5000) + '😀'.repeat(300);
    expect(hashKey(key)).toBe(murmur2(utf8(key)));
  });
});

describe('partitionForKey', () => {
  it('masks the sign bit instead of taking the absolute value', () => {
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(-1)).toBe(2147483647);
    expect(toPositive(479470107)).toBe(479470107);
  });

  it('is toPositive(murmur2(key)) modulo the partition count', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 10_000 }), (key, partitions) => {
        const partition = partitionForKey(key, partitions);
        expect(partition).toBe(toPositive(hashKey(key)) % partitions);
        expect(partition).toBeGreaterThanOrEqual(0);
        expect(partition).toBeLessThan(partitions);
      }),
    );
  });

  it('remaps keys when partitions are added, which is why adding partitions breaks per-key order', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `user-${i}`);
    const moved = keys.filter((key) => partitionForKey(key, 6) !== partitionForKey(key, 8));
    expect(moved.length).toBeGreaterThan(500);
  });

  it('rejects a partition count that is not a whole number of at least 1', () => {
    expect(() => partitionForKey('k', 0)).toThrow(RangeError);
    expect(() => partitionForKey('k', 2.5)).toThrow(RangeError);
  });
});
