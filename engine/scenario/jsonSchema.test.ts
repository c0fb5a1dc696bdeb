import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from './jsonSchema.ts';

type Node = { properties?: Record<string, Node>; items?: Node; oneOf?: Node[]; anyOf?: Node[]; [key: string]: unknown };

describe('the JSON Schema of scenario files', () => {
  it('is current in public/scenario.schema.json (refresh it with `npm run schema`)', () => {
    const committed = readFileSync('public/scenario.schema.json', 'utf8');
    expect(committed === scenarioJsonSchemaText(), 'public/scenario.schema.json is stale: run `npm run schema` and commit the result').toBe(true);
  });

  it('describes files as written: durations as text or numbers, the current version, no unknown fields', () => {
    const schema = scenarioJsonSchema() as Node;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['version', 'components']);
    expect(schema.properties!.version).toMatchObject({ const: 1 });
    expect(schema.properties!.duration).toMatchObject({ type: ['number', 'string'] });
    const kinds = schema.properties!.components.items!.oneOf!.map((c) => (c.properties!.kind as Node).const);
    expect(kinds).toEqual(expect.arrayContaining(['producer', 'topic', 'consumer-group', 'service']));
    for (const component of schema.properties!.components.items!.oneOf!) expect(component.additionalProperties).toBe(false);
  });

  it('leaves out defaults that exist only after parsing (microseconds), which would mislead an editor', () => {
    const producer = (scenarioJsonSchema() as Node).properties!.components.items!.oneOf!.find((c) => (c.properties!.kind as Node).const === 'producer')!;
    expect(producer.properties!.linger).not.toHaveProperty('default');
    expect(producer.properties!.batchSize).toMatchObject({ default: 16384 });
  });
});
