import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioText, type LoadResult } from './load.ts';

/** A small valid scenario as written in a file; each test breaks one part of it. */
function sketch(): Record<string, unknown> & { components: Record<string, unknown>[]; connections: Record<string, unknown>[] } {
  return {
    version: 1,
    duration: '60s',
    components: [
      { id: 'orders-api', kind: 'producer', rate: 100 },
      { id: 'orders', kind: 'topic', partitions: 3 },
      { id: 'billing', kind: 'consumer-group', consumers: 3, processing: '1ms' },
    ],
    connections: [
      { from: 'orders-api', to: 'orders' },
      { from: 'orders', to: 'billing' },
    ],
  };
}

function problems(result: LoadResult): string[] {
  if (result.ok) throw new Error('expected the scenario to be refused');
  return result.problems;
}

describe('loading a valid scenario', () => {
  it('fills in defaults and converts durations to microseconds and rates to messages per second', () => {
    const loaded = loadScenario({ ...sketch(), components: [...sketch().components.slice(0, 2), { id: 'billing', kind: 'consumer-group', processing: '1.5ms' }] });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.scenario.duration).toBe(60_000_000);
    expect(loaded.scenario.name).toBe('Untitled scenario');
    const group = loaded.scenario.components[2];
    expect(group.kind === 'consumer-group' && group.processing).toEqual({ dist: 'constant', value: 1_500 });
    expect(group.kind === 'consumer-group' && group.sessionTimeout).toBe(45_000_000);
  });

  it('loads the first library scenario from its text', () => {
    expect(loadScenarioText(readFileSync('scenarios/first-stream.json', 'utf8')).ok).toBe(true);
  });

  it('accepts a file that starts with a byte order mark, as some editors write', () => {
    expect(loadScenarioText(`\uFEFF${JSON.stringify(sketch())}`).ok).toBe(true);
  });

  it('accepts a $schema reference for editors', () => {
    expect(loadScenario({ $schema: '../public/scenario.schema.json', ...sketch() }).ok).toBe(true);
  });

  it('does not change the object it is given', () => {
    const data = sketch();
    const before = JSON.stringify(data);
    loadScenario(data);
    expect(JSON.stringify(data)).toBe(before);
  });
});

describe('reporting every problem at once', () => {
  it('reports schema problems and the wiring problems of the parts that parse, together', () => {
    const data = sketch();
    data.components[1].partitions = -3;
    data.connections.push({ from: 'orders', to: 'nowhere' });
    data.timeline = [{ at: '10s', action: 'crash-consumer', target: 'biling', member: 0 }];
    expect(problems(loadScenario(data))).toEqual([
      'components[1].partitions: must be a whole number from 1 to 10000, got -3',
      'connections[2].to: no component has the id "nowhere"',
      'timeline[0].target: no component has the id "biling"',
    ]);
  });

  it('still counts a component with problems of its own as existing, so wires to it are not reported missing', () => {
    const data = sketch();
    data.components[2].consumers = -1;
    data.components[2].instanceIds = ['a'];
    expect(problems(loadScenario(data))).toEqual(['components[2].consumers: must be a whole number from 0 to 10000, got -1']);
  });

  it('points cross-check problems at the file’s own indexes when earlier items failed', () => {
    const data = sketch();
    data.components.unshift({ id: 'broken', kind: 'nonsense' });
    data.connections.unshift({ from: 1, to: 2 });
    data.components.push({ id: 'orders', kind: 'topic' });
    const found = problems(loadScenario(data));
    expect(found).toContain('components[4].id: "orders" is used by another component');
    expect(found.filter((p) => p.includes('no component has the id "broken"'))).toEqual([]);
  });

  it('reports a missing version together with the file’s other problems', () => {
    const data = sketch();
    delete data.version;
    data.components[1].partitons = 3;
    expect(problems(loadScenario(data))).toEqual([
      'version: missing; a scenario file says which format it is written in: "version": 1 is the current one',
      'components[1]: unknown field "partitons" (did you mean "partitions"?)',
    ]);
  });
});

describe('messages', () => {
  const one = (change: (data: ReturnType<typeof sketch>) => void): string[] => {
    const data = sketch();
    change(data);
    return problems(loadScenario(data));
  };

  it('name the value they refuse', () => {
    expect(one((d) => (d.components[0].failureRate = 1.5))).toEqual(['components[0].failureRate: must be a number from 0 to 1, got 1.5']);
    expect(one((d) => (d.components[1].partitions = 'many'))).toEqual(['components[1].partitions: must be a whole number, got "many"']);
    expect(one((d) => (d.name = 'x'.repeat(201)))).toEqual([`name: must be at most 200 characters long, got "${'x'.repeat(40)}..."`]);
  });

  it('suggest the field meant by a typo, and list the fields when nothing is close', () => {
    expect(one((d) => (d.components[2].sesionTimeout = '10s'))).toEqual(['components[2]: unknown field "sesionTimeout" (did you mean "sessionTimeout"?)']);
    expect(one((d) => (d.components[1].colour = 'red'))[0]).toMatch(/^components\[1\]: unknown field "colour"; the fields here are id, name, description, kind, partitions, /);
  });

  it('list the valid kinds for an unknown kind', () => {
    expect(one((d) => (d.components[1].kind = 'database'))[0]).toMatch(/^components\[1\]\.kind: must be one of "producer", "topic", "consumer-group", "service".*, got "database"$/);
  });

  it('explain a union by the branch the value was meant for', () => {
    expect(one((d) => (d.components[2].processing = { dist: 'normal', mean: '2ms', stddev: -1 }))).toEqual([
      'components[2].processing.stddev: -1 is not a duration: it must be zero or more; write a number with a unit: 250ms, 1.5s, 5m, 2h, 7d (a bare number means milliseconds)',
    ]);
    expect(one((d) => (d.components[2].processing = { mean: '2ms' }))).toEqual([
      'components[2].processing.dist: missing; must be one of "constant", "uniform", "exponential", "normal", "lognormal", "empirical"',
    ]);
    expect(one((d) => (d.components[0].eventSize = 'large'))).toEqual([
      'components[0].eventSize: must be a number or a distribution such as { "dist": "exponential", "mean": "2ms" }, got "large"',
    ]);
    expect(one((d) => (d.timeline = [{ at: '1s', action: 'reset-offsets', target: 'billing', to: false }]))).toEqual([
      'timeline[0].to: must be one of "earliest", "latest" or a duration such as "250ms" or "30s" (a bare number means milliseconds), got false',
    ]);
  });

  it('name the value as written when a check runs after converting it', () => {
    expect(one((d) => (d.components[2].processing = { dist: 'uniform', min: '5ms', max: '2ms' }))).toEqual([
      'components[2].processing.max: must be a number no smaller than min, got "2ms"',
    ]);
  });

  it('refuse impossible distributions and key specs', () => {
    expect(one((d) => (d.components[0].keys = { dist: 'hot', count: 1, hotKeys: ['a'], hotFraction: 0.5 }))).toEqual([
      'components[0].keys.count: must be more than the 1 hot keys so the other keys can take the remaining traffic, got 1',
    ]);
    expect(one((d) => (d.components[2].processing = { dist: 'empirical', values: [] }))).toEqual(['components[2].processing.values: must list at least 1 item, got an empty list']);
  });

  it('refuse references the teaching parts make to things that do not exist', () => {
    expect(one((d) => (d.layout = { orders: { x: 0, y: 0 }, order: { x: 1, y: 1 } }))).toEqual(['layout.order: no component has the id "order" (did you mean "orders"?)']);
    expect(one((d) => (d.expect = [{ metric: 'topics.billing.partitions.0.produced', op: '>', value: 0 }]))).toEqual(['expect[0].metric: no topic has the id "billing"']);
    expect(one((d) => (d.narrative = [{ at: '61s', text: 'late' }]))).toEqual(['narrative[0].at: 1m 1s comes after the end of the run (1m)']);
  });

  it('refuse settings that would keep the clock from moving', () => {
    expect(one((d) => (d.components[1].retentionCheckInterval = 0))).toEqual([
      'components[1].retentionCheckInterval: must be above 0 (retention checked every 0s would keep the clock from moving)',
    ]);
  });
});

describe('reading files as data only', () => {
  it('refuses __proto__, constructor and prototype keys anywhere, without touching any prototype', () => {
    const text = JSON.stringify(sketch()).replace('"components"', '"__proto__": { "polluted": 1 }, "layout": { "prototype": { "x": 1, "y": 1 } }, "components"');
    expect(problems(loadScenarioText(text))).toEqual([
      '__proto__: "__proto__" is not allowed as a field name (it could reach an object\'s prototype)',
      'layout.prototype: "prototype" is not allowed as a field name (it could reach an object\'s prototype)',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses ids that name prototypes, since results are objects keyed by id', () => {
    const data = sketch();
    data.components[2].id = '__proto__';
    data.connections[1].to = '__proto__';
    expect(problems(loadScenario(data))).toEqual(['components[2].id: "__proto__" cannot be an id: it is a name JavaScript objects reserve']);
  });

  it('refuses values that are not data, from callers that pass objects', () => {
    const data = sketch();
    data.description = () => 'hello';
    expect(problems(loadScenario(data))).toContain('description: must be plain data, got a function');
  });

  it('survives a cycle in an object it is given', () => {
    const data = sketch();
    data.layout = { orders: { x: 1, y: 1 } };
    (data.layout as Record<string, Record<string, unknown>>).orders.self = data.layout;
    expect(problems(loadScenario(data)).some((p) => p.includes('is nested more than 20 levels deep'))).toBe(true);
  });

  it('refuses text over 1 MiB without parsing it', () => {
    const text = `{"version": 1, "components": [], "description": "${'é'.repeat(600_000)}"}`;
    expect(problems(loadScenarioText(text))).toEqual(['the file is 1,200,051 bytes; scenario files are limited to 1,048,576 bytes (1 MiB)']);
  });

  it('locates JSON syntax errors by line and column', () => {
    expect(problems(loadScenarioText('{\n  "version": 1,\n  "components": [],\n  "name": "x",\n}'))).toEqual(['not valid JSON: Expected double-quoted property name in JSON at line 5, column 1']);
  });
});

describe('a file with very many problems', () => {
  it('reports the first 200 and counts the rest, with long keys shortened', () => {
    const data = sketch();
    for (let i = 0; i < 500; i++) data.components[1][`${String(i).padStart(3, '0')}${'k'.repeat(100)}`] = i;
    const found = problems(loadScenario(data));
    expect(found).toHaveLength(201);
    expect(found[0]).toMatch(new RegExp(`^components\\[1\\]: unknown field "000${'k'.repeat(37)}\\.\\.\\."; the fields here are id, name, description, kind, partitions, `));
    expect(found[200]).toBe('and 300 more problems');
  });
});

describe('producer partition', () => {
  it('refuses an explicit partition the topic does not have', () => {
    const loaded = loadScenario({
      version: 1,
      components: [
        { id: 'p', kind: 'producer', partition: 7 },
        { id: 't', kind: 'topic', partitions: 3 },
      ],
      connections: [{ from: 'p', to: 't' }],
    });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems).toContain('components[0].partition: "t" has partitions 0 to 2, got 7');
  });
});
