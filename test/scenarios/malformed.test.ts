/**
 * The malformed corpus: every file in test/scenarios/malformed/ goes through the loader the CLI
 * uses and must be refused with the message written beside it here, one line a problem, in words
 * a person can act on (never zod's bare "Invalid input"), and without a stack trace from the CLI.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../bin/commands/scenarioFile.ts';

const DIR = 'test/scenarios/malformed';

/** Each file, and the lines (or parts of lines) its problems must include. */
const CORPUS: Record<string, string[]> = {
  'api-async-without-topic.json': [
    'components[0].mode: an async api publishes each request\'s event to a topic, but "like-api" is wired to none; wire it to a topic or use mode "sync"',
    'timeline[0].target: set-latency needs a service, but "likes" is a topic',
  ],
  'bad-duration.json': ['duration: "5 minutes" is not a duration: write a number with a unit'],
  'bad-rate.json': ['components[0].rate: "fast" is not a rate'],
  'components-missing.json': ['components: missing; must be a list'],
  'components-null.json': ['components: must be a list, got null'],
  'dead-letter-topic-missing.json': ['components[2].deadLetterTopic: no topic has the id "orders-dlq"'],
  'distribution-extra-field.json': ['components[2].processing: unknown field "stddev"; the fields here are dist, mean'],
  'distribution-wrong-type.json': ['components[2].processing: must be a duration such as "250ms" or "30s" (a bare number means milliseconds) or a distribution such as { "dist": "exponential", "mean": "2ms" }, got true'],
  'dual-write.json': [
    'components[0].acks: writes "outbox" needs to hear whether each publish worked (acks 1 or "all"), got 0',
    'components[1].writes: a producer that writes "dual-write" publishes each event to exactly one topic, but "payments-svc" is wired to "orders", "audit"',
    'timeline[0].target: crash-producer needs a producer that writes a database ("writes": "dual-write" or "outbox"), but "plain" only publishes',
    'timeline[1].target: restart-producer needs a producer, but "orders" is a topic',
  ],
  'duplicate-id.json': ['components[3].id: "orders" is used by another component'],
  'duration-over-limit.json': ['duration: 60d is longer than the limit of 30d'],
  'empirical-weights-mismatch.json': ['components[2].processing.weights: must be one weight of 0 or more per value'],
  'empty.json': ['the file is empty'],
  'expect-bad-operator.json': ['expect[0].op: must be one of "<", "<=", ">", ">=", "==", "!=", got "=>"'],
  'expect-unknown-group.json': ['expect[0].metric: no consumer-group has the id "biling" (did you mean "billing"?)'],
  'fractional-consumers.json': ['components[2].consumers: must be a whole number from 0 to 10000, got 2.5'],
  'future-version.json': ['version: 2 is newer than this Streamlab reads (it reads up to version 1)'],
  'hot-fraction-out-of-range.json': ['components[0].keys.hotFraction: must be a number from 0 to 1, got 2'],
  'hot-keys-missing.json': ['components[0].keys.hotKeys: missing; must be a list', 'components[0].keys.hotFraction: missing; must be a number'],
  'instance-ids-count.json': ['components[2].instanceIds: must list one id per consumer (3), got 2'],
  'invalid-id.json': ['components[1].id: must be 1 to 64 letters, digits, "_", "." or "-", got "my orders"'],
  'layout-unknown-id.json': ['layout.biling: no component has the id "biling" (did you mean "billing"?)'],
  'lognormal-p99-below-median.json': ['components[2].processing.p99: must be a number no smaller than median, got "1ms"'],
  'many-problems.json': [
    'seed: must be a whole number or text, got true',
    'components[1].partitions: must be a whole number from 1 to 10000, got 0',
    'components[1].retention: "a week" is not a duration',
    'components[2].kind: must be one of "producer", "topic", "consumer-group", "service"',
    'got "consumer_group" (did you mean "consumer-group"?)',
    'connections[2].to: no component has the id "nowhere"',
  ],
  'missing-kind.json': ['components[1].kind: missing; must be one of "producer", "topic", "consumer-group", "service"'],
  'missing-version.json': ['version: missing; a scenario file says which format it is written in: "version": 1 is the current one'],
  'narrative-highlight.json': [
    'narrative[0].highlight[0].partition: "orders" has partitions 0 to 2, got 3',
    'narrative[0].highlight[1].component: no component has the id "biling" (did you mean "billing"?)',
    'narrative[1].highlight[1].chart: must be one of "latency", "lag", "throughput", "skew", got "lags" (did you mean "lag"?)',
  ],
  'narrative-highlight-member.json': [
    'narrative[0].highlight[1]: a partition or a member belongs to a component, not to a chart',
    'narrative[0].highlight[2]: must name either a component (optionally with a partition or a member) or a chart',
  ],
  'narrative-after-end.json': ['narrative[1].at: 2m comes after the end of the run (1m)'],
  'negative-mean.json': ['components[2].processing.mean: -2 is not a duration: it must be zero or more'],
  'negative-partitions.json': ['components[1].partitions: must be a whole number from 1 to 10000, got -3'],
  'nested-too-deep.json': ['is nested more than 20 levels deep'],
  'not-an-object.json': ['a scenario must be a JSON object such as { "version": 1, "components": [ ... ] }, got a list'],
  'number-too-large.json': ['components[0].rate: must be a rate such as 2000 or "2000/s" (messages per second), got Infinity'],
  'outage-ends-before-start.json': ['components[3].outages[0].end: must be after start'],
  'partitions-as-text.json': ['components[1].partitions: must be a whole number, got "3"'],
  'partitions-over-limit.json': ['components[1].partitions: must be a whole number from 1 to 10000, got 20000'],
  'probability-out-of-range.json': ['components[0].failureRate: must be a number from 0 to 1, got 1.5'],
  'prototype-keys.json': [
    '__proto__: "__proto__" is not allowed as a field name',
    'components[0].constructor: "constructor" is not allowed as a field name',
    'layout.__proto__: "__proto__" is not allowed as a field name',
  ],
  'rate-over-limit.json': ['components[0].rate: 5,000,000 messages/s is above the limit of 1,000,000 per producer'],
  'rate-wrong-type.json': ['components[0].rate: must be a rate such as 2000 or "2000/s" (messages per second), got true'],
  'reserved-id.json': ['components[1].id: "constructor" cannot be an id'],
  'processor-window.json': [
    'connections[2]: a processor can be wired only to a topic, not to a service',
    'components[2].advance: must be at most windowSize (1m), got 2m; windows further apart than their length would miss records',
  ],
  'queue-replay.json': [
    'components[1].deadLetterQueue: no queue has the id "order-dlq"',
    'components[1].deadLetterQueue: messages go there after maxReceives receives; set maxReceives too',
    'components[2].deadLetterTopic: "billing" reads the queue "order-jobs", which dead-letters for it; set maxReceives and deadLetterQueue on the queue instead',
    'timeline[0].target: a queue cannot be replayed: "billing" reads the queue "order-jobs", which deletes each message once it is acknowledged; reset-offsets works only for a group reading topics',
  ],
  'schema-versions.json': [
    'components[0].schemaVersion: must be a whole number from 1 to 65535, got 0',
    'components[2].schema.rule: must be one of "backward", "forward", "full", "none", got "backwards" (did you mean "backward"?)',
    'components[3].schema.onFailure: "dead-letter" sends unreadable records to the group\'s deadLetterTopic, but "fraud" has none; set deadLetterTopic or use "skip"',
    'timeline[1].compatibility: version 2 is declared "backward" by timeline[0]; one version has one compatibility with its predecessor',
    'timeline[2].target: "audit" declares no schema, so it reads every version; give it "schema": { "reads": 1 } to make it check versions',
    'timeline[4].compatibility: must be one of "backward", "forward", "full", "none", got "sideways"',
  ],
  'timeline-after-end.json': ['timeline[0].at: comes after the end of the run'],
  'timeline-missing-target.json': ['timeline[0].target: no component has the id "billing-v2"'],
  'timeline-reset-typo.json': ['timeline[0].to: must be one of "earliest", "latest", got "earliset" (did you mean "earliest"?)'],
  'timeline-unknown-action.json': ['timeline[0].action: must be one of "crash-consumer", "restart-consumer"', 'got "crash"'],
  'timeline-wrong-kind.json': ['timeline[0].target: crash-consumer needs a consumer-group or a processor, but "orders" is a topic'],
  'too-many-records.json': ['duration: 200,000 messages/s for 1h is up to 720,000,000 records; the limit is 100,000,000 records a run'],
  'too-many-samples.json': ['sampleInterval: 10d sampled every 1s gives 864,000 samples; the limit is 100,000: sample every 8.64s or more'],
  'too-many-timeline-actions.json': ['timeline: has 1,001 actions; the limit is 1,000'],
  'trailing-comma.json': ['not valid JSON: unexpected "]" at line 5, column 3'],
  'truncated.json': ['not valid JSON: Unterminated string in JSON at line 5, column 35'],
  'typo-field.json': ['components[1]: unknown field "partitons" (did you mean "partitions"?)'],
  'typo-top-level.json': ['unknown field "durration" (did you mean "duration"?)'],
  'unknown-distribution.json': ['components[2].processing.dist: must be one of "constant", "uniform", "exponential", "normal", "lognormal", "empirical", got "expo" (did you mean "exponential"?)'],
  'unknown-enum-value.json': ['components[2].assignor: must be one of "range", "roundrobin", "sticky", "cooperative-sticky", got "cooperative_sticky" (did you mean "cooperative-sticky"?)'],
  'unknown-field-no-suggestion.json': ['components[0]: unknown field "colour"; the fields here are id, name, description, kind, rate'],
  'unknown-key-distribution.json': ['components[0].keys.dist: must be one of "none", "uniform", "zipf", "hot", "sequential", got "zipff" (did you mean "zipf"?)'],
  'unknown-kind.json': ['components[1].kind: must be one of "producer", "topic", "consumer-group", "service"', 'got "topc" (did you mean "topic"?)'],
  'version-as-text.json': ['version: must be a whole number such as 1, got "1"'],
  'wire-not-allowed.json': ['connections[2]: a producer can be wired only to a topic or a queue, not to a consumer-group'],
  'wire-to-unknown-id.json': ['connections[1].to: no component has the id "biling"'],
  'yaml-not-json.json': ['not valid JSON: unexpected "v" at line 1, column 1'],
  'zero-metadata-max-age.json': ['components[2].metadataMaxAge: must be above 0'],
  'zero-sample-interval.json': ['sampleInterval: must be above 0'],
};

function problemsOf(file: string): string[] {
  const loaded = loadScenarioFile(join(DIR, file));
  if (loaded.ok) throw new Error(`${file} loaded, but it should be refused`);
  return loaded.problems;
}

describe('the malformed scenario corpus', () => {
  it('has at least 30 files, each with the messages it must produce', () => {
    const files = readdirSync(DIR).sort();
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files).toEqual(Object.keys(CORPUS).sort());
  });

  it.each(Object.entries(CORPUS))('refuses %s with its messages', (file, messages) => {
    const problems = problemsOf(file);
    for (const message of messages) expect(problems.some((p) => p.includes(message)), `${message}\n  not in\n${problems.join('\n')}`).toBe(true);
  });

  it('words every problem as one line a person can act on, never zod’s defaults', () => {
    for (const file of Object.keys(CORPUS)) {
      for (const problem of problemsOf(file)) {
        expect(problem, file).not.toMatch(/\n/);
        expect(problem, file).not.toMatch(/Invalid input|Invalid option|expected \w+, received|Unrecognized key|Too (small|big)/);
      }
    }
  });

  it('refuses a file over 1 MiB before reading it, naming the limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamlab-big-'));
    const file = join(dir, 'big.json');
    writeFileSync(file, `{ "version": 1, "components": [], "description": "${'x'.repeat(1_048_576)}" }`);
    const loaded = loadScenarioFile(file);
    expect(loaded).toMatchObject({ ok: false, unreadable: true });
    expect(!loaded.ok && loaded.problems[0]).toMatch(/^the file is 1,048,6\d\d bytes; scenario files are limited to 1,048,576 bytes \(1 MiB\)$/);
  });

  it('does not let __proto__ or constructor keys reach Object.prototype', () => {
    problemsOf('prototype-keys.json');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('x');
  });
});

describe('streamlab validate on the corpus', () => {
  it('exits 1 listing each file’s problems as `path: problem` lines, with no stack trace', () => {
    const files = Object.keys(CORPUS).map((file) => join(DIR, file));
    const out = spawnSync(process.execPath, ['bin/streamlab.js', 'validate', ...files], { encoding: 'utf8' });
    expect(out.status).toBe(1);
    const text = out.stdout + out.stderr;
    for (const [file, messages] of Object.entries(CORPUS)) {
      expect(text).toContain(join(DIR, file));
      for (const message of messages) expect(text).toContain(message);
    }
    expect(text).not.toMatch(/\n\s+at /);
    expect(text).not.toMatch(/internal error|Error:/);
  });
});
