/**
 * `streamlab partition`: which partition Kafka's default partitioner sends each key to, with the
 * murmur2 hash behind it. The same function the simulated producers use, so what this prints is
 * where a key goes in Streamlab and in Kafka.
 */
import { hashKey, toPositive } from '../../engine/kafka/murmur2.ts';
import { CliError, parseOptions, type Command } from './command.ts';
import { formatTable } from './table.ts';

/** One key's placement, in the `--json` shape: `{ "key": "...", "partition": 3, "hash": -1704674696 }`. */
export interface KeyPlacement {
  key: string;
  partition: number;
  /** Kafka's murmur2 of the key's UTF-8 bytes, as a signed 32-bit integer. */
  hash: number;
}

/** Kafka stores partition counts in a Java int. */
const MAX_PARTITIONS = 2_147_483_647;

/** Reads `--partitions`: a whole number of at least 1. */
export function parsePartitionCount(text: string | undefined): number {
  if (text === undefined) throw new CliError("partition: --partitions N is required (the topic's partition count)");
  if (!/^[0-9]+$/.test(text) || Number(text) < 1 || Number(text) > MAX_PARTITIONS) {
    throw new CliError(`partition: --partitions must be a whole number from 1 to ${MAX_PARTITIONS}, got "${text}"`);
  }
  return Number(text);
}

/** Keys from text, one a line. A final newline does not add an empty key; a blank line in between is the empty key. */
export function keysFromLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Where each key goes in a topic with `partitions` partitions. */
export function placeKeys(keys: readonly string[], partitions: number): KeyPlacement[] {
  return keys.map((key) => {
    const hash = hashKey(key);
    return { key, partition: toPositive(hash) % partitions, hash };
  });
}

/** The readable table: key, partition, hash, then how many keys each partition got. */
export function formatPlacements(placements: readonly KeyPlacement[], partitions: number): string {
  const table = formatTable([['key', 'partition', 'hash'], ...placements.map((p) => [displayKey(p.key), String(p.partition), String(p.hash)])]);
  let summary: string;
  if (partitions <= 64) {
    const perPartition = new Array<number>(partitions).fill(0);
    for (const p of placements) perPartition[p.partition]++;
    summary = `keys per partition (0 to ${partitions - 1}): ${perPartition.join(' ')}`;
  } else {
    summary = `${new Set(placements.map((p) => p.partition)).size} of ${partitions} partitions get at least one key`;
  }
  return `${table}\n\n${placements.length} ${placements.length === 1 ? 'key' : 'keys'} over ${partitions} partitions; ${summary}`;
}

/** Shows a key as typed unless it would be invisible or ambiguous in a table: then as a JSON string. */
function displayKey(key: string): string {
  // eslint-disable-next-line no-control-regex
  return key === '' || /^\s|\s$|^"|[\u0000-\u001f\u007f-\u009f]/.test(key) ? JSON.stringify(key) : key;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const partition: Command = {
  name: 'partition',
  usage: 'partition --partitions N [--json] [KEY...]',
  summary: 'show which partition Kafka sends each key to',
  help: [
    'Usage: npx streamlab partition --partitions N [--json] [KEY...]',
    '',
    "Prints the partition Kafka's default partitioner picks for each key in a topic with N partitions:",
    'toPositive(murmur2(utf8(key))) % N, with the signed 32-bit murmur2 hash. Keys come from the',
    'arguments or, if none are given, from stdin, one a line (a blank line is the empty key, which',
    'Kafka hashes like any other). Put -- before keys that start with a dash.',
    '',
    'Options:',
    "  --partitions N  the topic's partition count (1 or more)",
    '  --json          print [{ "key": "...", "partition": 3, "hash": -1704674696 }, ...]',
    '',
    'Examples:',
    '  npx streamlab partition --partitions 12 post_42 post_7',
    '  seq 1 1000 | npx streamlab partition --partitions 6 --json',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parseOptions(
      'partition',
      args,
      { partitions: { type: 'string', short: 'p' }, json: { type: 'boolean' } },
      true,
    );
    const partitions = parsePartitionCount(values.partitions);
    let keys = positionals;
    if (keys.length === 0) {
      if (process.stdin.isTTY) throw new CliError('partition: give keys as arguments, or pipe them in one a line');
      keys = keysFromLines(await readStdin());
    }
    const placements = placeKeys(keys, partitions);
    console.log(values.json ? JSON.stringify(placements, null, 2) : formatPlacements(placements, partitions));
    return 0;
  },
};
