import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CliError } from './command.ts';
import { formatPlacements, keysFromLines, parsePartitionCount, placeKeys } from './partition.ts';

const streamlab = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['bin/streamlab.js', ...args], { encoding: 'utf8', input });

describe('streamlab partition', () => {
  it('places keys the way Kafka’s default partitioner does, with the signed murmur2 hash', () => {
    // -1704674696 is the hash in the design's example; 479470107 is Kafka UtilsTest's for "abc".
    expect(placeKeys(['post_42', 'abc'], 12)).toEqual([
      { key: 'post_42', partition: 0, hash: -1704674696 },
      { key: 'abc', partition: 479470107 % 12, hash: 479470107 },
    ]);
  });

  it('reads one key a line, keeping blank lines as the empty key and ignoring the final newline', () => {
    expect(keysFromLines('a\r\nb\n\nc\n')).toEqual(['a', 'b', '', 'c']);
    expect(keysFromLines('')).toEqual([]);
    expect(keysFromLines('\n')).toEqual(['']);
  });

  it.each([undefined, '0', '-1', '2.5', 'six', '', '2147483648'])('refuses --partitions %j', (text) => {
    expect(() => parsePartitionCount(text)).toThrow(CliError);
  });

  it('shows invisible keys quoted and counts keys per partition', () => {
    const text = formatPlacements(placeKeys(['', ' padded', 'plain'], 3), 3);
    expect(text).toContain('""');
    expect(text).toContain('" padded"');
    expect(text).toMatch(/^plain /m);
    expect(text).toMatch(/3 keys over 3 partitions; keys per partition \(0 to 2\): \d \d \d$/);
  });

  it('prints the JSON contract for keys given as arguments', () => {
    const out = streamlab(['partition', '--partitions', '12', '--json', 'post_42', 'café']);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual([
      { key: 'post_42', partition: 0, hash: -1704674696 },
      { key: 'café', partition: 6, hash: -1358007374 },
    ]);
  });

  it('reads keys from stdin when none are given', () => {
    const out = streamlab(['partition', '--partitions', '6', '--json'], '21\nfoobar\n');
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual([
      { key: '21', partition: (-973932308 & 0x7fffffff) % 6, hash: -973932308 },
      { key: 'foobar', partition: (-790332482 & 0x7fffffff) % 6, hash: -790332482 },
    ]);
  });

  it('refuses a bad partition count with a message, exit code 2 and no stack trace', () => {
    const out = streamlab(['partition', '--partitions', 'many', 'k']);
    expect(out.status).toBe(2);
    expect(out.stderr).toBe('streamlab: partition: --partitions must be a whole number from 1 to 2147483647, got "many"\n');
  });
});
