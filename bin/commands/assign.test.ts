import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignors } from '../../engine/kafka/assignors/index.ts';
import { assignmentJson, compactPartitions, formatAssignment, parseStrategy, validateAssignInput } from './assign.ts';
import { CliError } from './command.ts';

const streamlab = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['bin/streamlab.js', ...args], { encoding: 'utf8', input });

// A member joins a group of two that own everything: the cooperative first round revokes and withholds.
const group = {
  topics: { orders: 6, 'page-views': 3 },
  members: [
    { id: 'c1', topics: ['orders', 'page-views'], owned: ['orders-0', 'orders-1', 'orders-2', 'page-views-0', 'page-views-1', 'page-views-2'], generation: 4 },
    { id: 'c2', topics: ['orders', 'page-views'], owned: ['orders-3', 'orders-4', 'orders-5'], generation: 4 },
    { id: 'c3', topics: ['orders', 'page-views'], instanceId: 'host-3' },
  ],
};

describe('streamlab assign: input validation', () => {
  it('accepts the documented input', () => {
    const { input, problems } = validateAssignInput(group);
    expect(problems).toEqual([]);
    expect(input?.members[0].owned?.[0]).toEqual({ topic: 'orders', partition: 0 });
  });

  it('reports every problem as path: problem', () => {
    const { input, problems } = validateAssignInput({
      topics: { orders: 2, 'bad topic': 1, zero: 0 },
      members: [
        { id: 'c1', topics: ['orders', 'nope', 'orders'], instanceID: 'x' },
        { id: 'c1', topics: [], owned: ['orders_0', 'orders-2', 'nope-1'] },
        { id: 'c3', topics: ['orders'], instanceId: 'i', generation: 1.5 },
        { id: 'c4', topics: ['orders'], instanceId: 'i' },
      ],
      extra: true,
    });
    expect(input).toBeUndefined();
    expect(problems).toEqual([
      'extra: unknown field (expected "topics" and "members")',
      `topics["bad topic"]: not a legal Kafka topic name (1 to 249 letters, digits, '.', '_' or '-'; not '.' or '..')`,
      'topics.zero: the partition count must be a whole number from 1 to 100000, got 0',
      'members[0].instanceID: unknown field (did you mean "instanceId"?)',
      'members[0].topics[1]: unknown topic "nope" (topics: orders)',
      'members[0].topics[2]: "orders" is listed twice',
      'members[1].id: "c1" is also the id of members[0]; member ids must be unique',
      'members[1].topics: expected a non-empty list of topic names, got an empty list',
      'members[1].owned[0]: "orders_0" is not a topic-partition like "orders-0"',
      'members[1].owned[1]: "orders-2" does not exist; orders has 2 partitions (0 to 1)',
      'members[1].owned[2]: unknown topic "nope" in "nope-1" (topics: orders)',
      'members[2].generation: expected a whole number of 0 or more, got 1.5',
      'members[3].instanceId: "i" is also the instanceId of members[2]; Kafka fences duplicates',
    ]);
  });

  it('explains what the root should be', () => {
    expect(validateAssignInput([]).problems).toEqual(['(root): expected an object with "topics" and "members", got an empty list']);
    expect(validateAssignInput({}).problems).toEqual([
      'topics: missing (partition counts by topic, e.g. { "orders": 6 })',
      'members: missing (a list of { "id": ..., "topics": [...] })',
    ]);
  });

  it('parses topic-partition names from the last dash, so topics may contain dashes', () => {
    const { input } = validateAssignInput({ topics: { 'page-views': 3 }, members: [{ id: 'c', topics: ['page-views'], owned: ['page-views-2'] }] });
    expect(input?.members[0].owned).toEqual([{ topic: 'page-views', partition: 2 }]);
  });

  it('lists the valid strategies when given an unknown one', () => {
    expect(() => parseStrategy('fair')).toThrow(new CliError('assign: unknown strategy "fair" (valid: range, roundrobin, sticky, cooperative-sticky)'));
    expect(parseStrategy('cooperative-sticky')).toBe('cooperative-sticky');
  });
});

describe('streamlab assign: output', () => {
  const { input } = validateAssignInput(group);

  it('prints the assignment JSON contract, members in input order', () => {
    expect(assignmentJson(assignors.range(input!))).toEqual({
      assignment: {
        c1: ['orders-2', 'orders-3', 'page-views-1'],
        c2: ['orders-4', 'orders-5', 'page-views-2'],
        c3: ['orders-0', 'orders-1', 'page-views-0'],
      },
    });
  });

  it('keeps a member called __proto__ in the JSON', () => {
    const { input: odd } = validateAssignInput({ topics: { t: 1 }, members: [{ id: '__proto__', topics: ['t'] }] });
    expect(JSON.stringify(assignmentJson(assignors.range(odd!)))).toBe('{"assignment":{"__proto__":["t-0"]}}');
  });

  it('shows what cooperative-sticky withholds in its first round, and why', () => {
    const text = formatAssignment('cooperative-sticky', input!, assignors['cooperative-sticky'](input!));
    expect(text).toContain('cooperative-sticky (cooperative rebalance): 3 members, 9 partitions of 2 subscribed topics');
    expect(text).toMatch(/^c3 +host-3 +0 +- +-$/m);
    expect(text).toContain('not assigned this round: orders 2; page-views 1-2');
  });

  it('says when an assignor ignores owned partitions', () => {
    expect(formatAssignment('roundrobin', input!, assignors.roundrobin(input!))).toContain('roundrobin ignores owned partitions');
  });

  it('writes partition lists compactly, as ranges per topic', () => {
    const tp = (topic: string, partition: number) => ({ topic, partition });
    expect(compactPartitions([tp('b', 1), tp('a', 5), tp('a', 0), tp('a', 1), tp('a', 2)])).toBe('a 0-2,5; b 1');
  });
});

describe('streamlab assign: command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'streamlab-assign-'));
  const file = join(dir, 'group.json');
  writeFileSync(file, JSON.stringify(group));

  it('prints the first cooperative round as JSON', () => {
    const out = streamlab(['assign', '--strategy', 'cooperative-sticky', '--input', file, '--json']);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      assignment: { c1: ['orders-0', 'orders-1', 'page-views-0'], c2: ['orders-3', 'orders-4', 'orders-5'], c3: [] },
    });
  });

  it('reads the group from stdin with --input -', () => {
    const out = streamlab(['assign', '--strategy', 'sticky', '--input', '-', '--json'], JSON.stringify(group));
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).assignment.c3).toEqual(['orders-2', 'page-views-1', 'page-views-2']);
  });

  it('refuses invalid input with every problem, exit code 2 and no stack trace', () => {
    const out = streamlab(['assign', '--strategy', 'range', '--input', '-'], '{ "topics": { "t": 1 }, "members": [ { "id": "c1", "topics": ["x"] } ] }');
    expect(out.status).toBe(2);
    expect(out.stderr).toBe('streamlab: assign: stdin is not a valid assignment input:\n  members[0].topics[0]: unknown topic "x" (topics: t)\n');
  });

  it('refuses an unknown strategy and a file that is not JSON', () => {
    const unknown = streamlab(['assign', '--strategy', 'fair', '--input', file]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('valid: range, roundrobin, sticky, cooperative-sticky');
    const broken = streamlab(['assign', '--strategy', 'range', '--input', '-'], '{ "topics": ');
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^streamlab: assign: stdin is not valid JSON: /);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  });
});
