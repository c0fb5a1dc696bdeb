/**
 * `streamlab assign`: runs one of Kafka's consumer-group assignors on a group described in JSON
 * and prints who gets which partitions. For cooperative-sticky it prints the first rebalance of
 * the two: partitions that change owner are revoked and given to nobody yet.
 */
import { readFileSync, statSync } from 'node:fs';
import { assignorNames, assignors, isAssignorName, rebalanceProtocols } from '../../engine/kafka/assignors/index.ts';
import type { Assignment, AssignmentInput, AssignorName, GroupMember } from '../../engine/kafka/assignors/types.ts';
import { compareTopicPartitions, formatTopicPartition, parseTopicPartition, type TopicPartition } from '../../engine/kafka/topicPartition.ts';
import { CliError, parseOptions, type Command } from './command.ts';
import { formatTable } from './table.ts';

/** Inputs are small; anything bigger is refused before it is parsed. */
const MAX_INPUT_BYTES = 8 * 1024 * 1024;
/** A guard against typos like 1e9, not a Kafka limit. */
const MAX_PARTITIONS_PER_TOPIC = 100_000;
const MEMBER_FIELDS = ['id', 'topics', 'instanceId', 'owned', 'generation'];

/** Reads `--strategy`. */
export function parseStrategy(text: string | undefined): AssignorName {
  const valid = assignorNames.join(', ');
  if (text === undefined) throw new CliError(`assign: --strategy is required (one of: ${valid})`);
  if (!isAssignorName(text)) throw new CliError(`assign: unknown strategy "${text}" (valid: ${valid})`);
  return text;
}

/**
 * Checks parsed JSON against the input format, collecting every problem as `path: what is wrong`.
 *
 * @returns the input when there are no problems.
 */
export function validateAssignInput(value: unknown): { input?: AssignmentInput; problems: string[] } {
  const problems: string[] = [];
  if (!isObject(value)) {
    return { problems: [`(root): expected an object with "topics" and "members", got ${describe(value)}`] };
  }
  for (const key of Object.keys(value)) if (key !== 'topics' && key !== 'members') problems.push(`${child('', key)}: unknown field (expected "topics" and "members")`);

  const topics: Record<string, number> = {};
  if (!('topics' in value)) problems.push('topics: missing (partition counts by topic, e.g. { "orders": 6 })');
  else if (!isObject(value.topics)) problems.push(`topics: expected an object of partition counts, got ${describe(value.topics)}`);
  else {
    for (const [name, count] of Object.entries(value.topics)) {
      const path = child('topics', name);
      const nameProblem = topicNameProblem(name);
      if (nameProblem) problems.push(`${path}: ${nameProblem}`);
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_PARTITIONS_PER_TOPIC) {
        problems.push(`${path}: the partition count must be a whole number from 1 to ${MAX_PARTITIONS_PER_TOPIC}, got ${describe(count)}`);
      } else if (!nameProblem) {
        topics[name] = count;
      }
    }
  }
  const knownTopics = new Map(Object.entries(topics));
  const topicList = [...knownTopics.keys()].join(', ') || 'none';

  const members: GroupMember[] = [];
  if (!('members' in value)) problems.push('members: missing (a list of { "id": ..., "topics": [...] })');
  else if (!Array.isArray(value.members)) problems.push(`members: expected a list of members, got ${describe(value.members)}`);
  else {
    const idsSeen = new Map<string, number>();
    const instancesSeen = new Map<string, number>();
    value.members.forEach((raw: unknown, i: number) => {
      const path = `members[${i}]`;
      if (!isObject(raw)) {
        problems.push(`${path}: expected an object like { "id": "c1", "topics": ["orders"] }, got ${describe(raw)}`);
        return;
      }
      const before = problems.length;
      for (const key of Object.keys(raw)) {
        if (MEMBER_FIELDS.includes(key)) continue;
        const similar = MEMBER_FIELDS.find((f) => f.toLowerCase() === key.toLowerCase());
        problems.push(`${child(path, key)}: unknown field${similar ? ` (did you mean "${similar}"?)` : ` (expected ${MEMBER_FIELDS.map((f) => `"${f}"`).join(', ')})`}`);
      }

      const id = raw.id;
      if (!('id' in raw)) problems.push(`${path}.id: missing`);
      else if (typeof id !== 'string' || id === '') problems.push(`${path}.id: expected a non-empty string, got ${describe(id)}`);
      else if (idsSeen.has(id)) problems.push(`${path}.id: "${id}" is also the id of members[${idsSeen.get(id)}]; member ids must be unique`);
      else idsSeen.set(id, i);

      const subscribed: string[] = [];
      if (!('topics' in raw)) problems.push(`${path}.topics: missing (the topics this member subscribes to)`);
      else if (!Array.isArray(raw.topics) || raw.topics.length === 0) {
        problems.push(`${path}.topics: expected a non-empty list of topic names, got ${describe(raw.topics)}`);
      } else {
        raw.topics.forEach((topic: unknown, j: number) => {
          const at = `${path}.topics[${j}]`;
          if (typeof topic !== 'string') problems.push(`${at}: expected a topic name, got ${describe(topic)}`);
          else if (subscribed.includes(topic)) problems.push(`${at}: "${topic}" is listed twice`);
          else if (!knownTopics.has(topic)) problems.push(`${at}: unknown topic "${topic}" (topics: ${topicList})`);
          else subscribed.push(topic);
        });
      }

      let instanceId: string | undefined;
      if ('instanceId' in raw) {
        if (typeof raw.instanceId !== 'string' || raw.instanceId === '') {
          problems.push(`${path}.instanceId: expected a non-empty string (group.instance.id), got ${describe(raw.instanceId)}`);
        } else if (instancesSeen.has(raw.instanceId)) {
          problems.push(`${path}.instanceId: "${raw.instanceId}" is also the instanceId of members[${instancesSeen.get(raw.instanceId)}]; Kafka fences duplicates`);
        } else {
          instanceId = raw.instanceId;
          instancesSeen.set(instanceId, i);
        }
      }

      let owned: TopicPartition[] | undefined;
      if ('owned' in raw) {
        if (!Array.isArray(raw.owned)) problems.push(`${path}.owned: expected a list of topic-partitions like "orders-0", got ${describe(raw.owned)}`);
        else {
          owned = [];
          const seen = new Set<string>();
          raw.owned.forEach((text: unknown, j: number) => {
            const at = `${path}.owned[${j}]`;
            const tp = typeof text === 'string' ? parseTopicPartition(text) : undefined;
            if (typeof text !== 'string' || !tp) problems.push(`${at}: ${describe(text)} is not a topic-partition like "orders-0"`);
            else if (!knownTopics.has(tp.topic)) problems.push(`${at}: unknown topic "${tp.topic}" in "${text}" (topics: ${topicList})`);
            else if (tp.partition >= knownTopics.get(tp.topic)!) {
              const count = knownTopics.get(tp.topic)!;
              problems.push(`${at}: "${text}" does not exist; ${tp.topic} has ${count} partition${count === 1 ? '' : 's'} (0 to ${count - 1})`);
            } else if (seen.has(text)) problems.push(`${at}: "${text}" is listed twice`);
            else {
              seen.add(text);
              owned!.push(tp);
            }
          });
        }
      }

      let generation: number | undefined;
      if ('generation' in raw) {
        if (typeof raw.generation !== 'number' || !Number.isInteger(raw.generation) || raw.generation < 0) {
          problems.push(`${path}.generation: expected a whole number of 0 or more, got ${describe(raw.generation)}`);
        } else generation = raw.generation;
      }

      if (problems.length === before) members.push({ id: id as string, topics: subscribed, instanceId, owned, generation });
    });
  }
  return problems.length > 0 ? { problems } : { input: { topics, members }, problems };
}

/** The `--json` shape: `{ "assignment": { "c1": ["t1-0"] } }`, members in input order. */
export function assignmentJson(assignment: Assignment): { assignment: Record<string, string[]> } {
  // Object.fromEntries defines own properties, so even a member called "__proto__" is kept.
  return { assignment: Object.fromEntries([...assignment].map(([id, partitions]) => [id, partitions.map(formatTopicPartition)])) };
}

/** The readable report: a line about the assignor, a table of members, and what is left unassigned. */
export function formatAssignment(strategy: AssignorName, input: AssignmentInput, assignment: Assignment): string {
  const protocol = rebalanceProtocols[strategy];
  const subscribedTopics = Object.keys(input.topics).filter((t) => input.members.some((m) => m.topics.includes(t)));
  const total = subscribedTopics.reduce((sum, t) => sum + input.topics[t], 0);
  const hasOwned = input.members.some((m) => m.owned !== undefined);
  const isSticky = strategy === 'sticky' || strategy === 'cooperative-sticky';
  const lines = [
    `${strategy} (${protocol} rebalance): ${input.members.length} member${input.members.length === 1 ? '' : 's'}, ` +
      `${total} partition${total === 1 ? '' : 's'} of ${subscribedTopics.length} subscribed topic${subscribedTopics.length === 1 ? '' : 's'}` +
      (hasOwned && !isSticky ? `; ${strategy} ignores owned partitions` : ''),
    '',
  ];
  const showInstances = input.members.some((m) => m.instanceId !== undefined);
  const header = ['member', ...(showInstances ? ['instance'] : []), 'count', 'partitions', ...(hasOwned ? ['gives up'] : [])];
  const rows = input.members.map((m) => {
    const partitions = assignment.get(m.id) ?? [];
    const givesUp = (m.owned ?? []).filter((tp) => !partitions.some((a) => a.topic === tp.topic && a.partition === tp.partition));
    return [
      m.id,
      ...(showInstances ? [m.instanceId ?? '-'] : []),
      String(partitions.length),
      compactPartitions(partitions) || '-',
      ...(hasOwned ? [compactPartitions(givesUp) || '-'] : []),
    ];
  });
  lines.push(formatTable([header, ...rows]));

  const assigned = new Set([...assignment.values()].flat().map(formatTopicPartition));
  const waiting: TopicPartition[] = [];
  for (const topic of subscribedTopics) {
    for (let p = 0; p < input.topics[topic]; p++) if (!assigned.has(`${topic}-${p}`)) waiting.push({ topic, partition: p });
  }
  if (waiting.length > 0) {
    lines.push('', `not assigned this round: ${compactPartitions(waiting)}`);
    if (protocol === 'cooperative') {
      lines.push('Their owners revoke them now; the next rebalance (members owning what they got here) hands them to their new members.');
    }
  }
  const unsubscribed = Object.keys(input.topics).filter((t) => !subscribedTopics.includes(t));
  if (unsubscribed.length > 0) lines.push('', `no member subscribes to: ${unsubscribed.join(', ')}`);
  return lines.join('\n');
}

/** `orders 0-2,5; likes 1`: partitions grouped by topic, consecutive numbers as ranges. */
export function compactPartitions(partitions: readonly TopicPartition[]): string {
  const byTopic = new Map<string, number[]>();
  for (const tp of [...partitions].sort(compareTopicPartitions)) {
    if (!byTopic.has(tp.topic)) byTopic.set(tp.topic, []);
    byTopic.get(tp.topic)!.push(tp.partition);
  }
  return [...byTopic]
    .map(([topic, numbers]) => {
      const ranges: string[] = [];
      for (let i = 0; i < numbers.length; i++) {
        let j = i;
        while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
        ranges.push(j > i ? `${numbers[i]}-${numbers[j]}` : String(numbers[i]));
        i = j;
      }
      return `${topic} ${ranges.join(',')}`;
    })
    .join('; ');
}

/** Kafka's rule for topic names (`Topic.validate`). */
function topicNameProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..' || name.length > 249 || !/^[a-zA-Z0-9._-]+$/.test(name)) {
    return "not a legal Kafka topic name (1 to 249 letters, digits, '.', '_' or '-'; not '.' or '..')";
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** `members[0].owned` or `topics["my topic"]`: a path readers can follow into the JSON. */
function child(parent: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

async function readInput(source: string): Promise<string> {
  if (source === '-') {
    if (process.stdin.isTTY) throw new CliError('assign: --input - reads the JSON from stdin, but nothing is piped in');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      size += (chunk as Buffer).length;
      if (size > MAX_INPUT_BYTES) throw new CliError(`assign: stdin: more than ${MAX_INPUT_BYTES} bytes; inputs are limited to that`);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    const size = statSync(source).size;
    if (size > MAX_INPUT_BYTES) throw new CliError(`assign: ${source}: the file is ${size} bytes; inputs are limited to ${MAX_INPUT_BYTES}`);
    return readFileSync(source, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`assign: ${source}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`);
  }
}

export const assign: Command = {
  name: 'assign',
  usage: 'assign --strategy S --input FILE|- [--json]',
  summary: "show how one of Kafka's assignors splits partitions among a group",
  help: [
    'Usage: npx streamlab assign --strategy S --input FILE|- [--json]',
    '',
    "Runs Kafka's consumer-group assignor S on the group in FILE (or stdin with -) and prints each",
    "member's partitions, exactly as Kafka's Java client would assign them.",
    '',
    'Strategies: range, roundrobin, sticky, cooperative-sticky. The sticky ones keep partitions with',
    'the members that own them; cooperative-sticky prints the first of its two rebalances, in which',
    'partitions that change owner are revoked and not yet given to anyone.',
    '',
    'Input:',
    '  { "topics": { "orders": 6 },',
    '    "members": [ { "id": "c1", "topics": ["orders"], "instanceId"?: "i1",',
    '                   "owned"?: ["orders-0"], "generation"?: 3 } ] }',
    '  Members are listed in the order the group coordinator reports them; Kafka breaks some sticky',
    '  ties by that order. instanceId is group.instance.id (static membership); owned and generation',
    '  are what a member held before this rebalance, and only the sticky assignors read them.',
    '',
    'Options:',
    '  --strategy S   range | roundrobin | sticky | cooperative-sticky',
    '  --input FILE   the group, as JSON; - reads stdin',
    '  --json         print { "assignment": { "c1": ["orders-0", ...] } }',
  ].join('\n'),
  async run(args) {
    const { values } = parseOptions('assign', args, {
      strategy: { type: 'string', short: 's' },
      input: { type: 'string', short: 'i' },
      json: { type: 'boolean' },
    });
    const strategy = parseStrategy(values.strategy);
    if (values.input === undefined) throw new CliError('assign: --input FILE is required (use - to read the JSON from stdin)');
    const source = values.input === '-' ? 'stdin' : values.input;
    const text = await readInput(values.input);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new CliError(`assign: ${source} is not valid JSON: ${(error as Error).message}`);
    }
    const { input, problems } = validateAssignInput(parsed);
    if (!input) throw new CliError(`assign: ${source} is not a valid assignment input:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    const assignment = assignors[strategy](input);
    console.log(values.json ? JSON.stringify(assignmentJson(assignment), null, 2) : formatAssignment(strategy, input, assignment));
    return 0;
  },
};
