/**
 * The JSON Schema of scenario files, generated from the zod schema so the two never disagree.
 * It describes what files contain (zod's input side: durations as strings or milliseconds,
 * defaults optional), not the parsed scenario. Published as public/scenario.schema.json.
 */
import { z } from 'zod';
import { scenarioSchema } from './schema.ts';

/** The JSON Schema (draft 2020-12) of a scenario file. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' });
  return {
    $schema,
    title: 'Streamlab scenario',
    description:
      'A scenario for Streamlab, the simulator of Kafka-like event streams. Durations are "250ms", "30s", "5m", "2h", "7d" or milliseconds; rates are messages per second (2000 or "2000/s"). Check a file with `npx streamlab validate FILE`.',
    ...rest,
  };
}

/** The schema as the file public/scenario.schema.json holds it. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
