import { describe, expect, it } from 'vitest';
import { fieldsOf, parseField } from './fields.ts';

describe('inspector fields', () => {
  it('lists every setting of a kind with its default written as a file would', () => {
    const topic = Object.fromEntries(fieldsOf('topic').map((f) => [f.name, f]));
    expect(topic.partitions).toMatchObject({ type: 'integer', defaultText: '1' });
    expect(topic.retention).toMatchObject({ type: 'duration', defaultText: '7d' });
    const group = Object.fromEntries(fieldsOf('consumer-group').map((f) => [f.name, f]));
    expect(group.sessionTimeout.defaultText).toBe('45s');
    expect(group.assignor).toMatchObject({ type: 'choice', choices: ['range', 'roundrobin', 'sticky', 'cooperative-sticky'], defaultText: 'range' });
    expect(group.processing.defaultText).toBe('{"dist":"exponential","mean":"1ms"}');
    const producer = Object.fromEntries(fieldsOf('producer').map((f) => [f.name, f]));
    expect(producer.rate).toMatchObject({ type: 'rate', defaultText: '100/s' });
    expect(producer.acks.choices).toEqual([0, 1, 'all']);
    expect(fieldsOf('producer').map((f) => f.name)).not.toContain('id');
  });

  it('shows a producer’s schema version and database writes, and a group’s schema, with their defaults', () => {
    const producer = Object.fromEntries(fieldsOf('producer').map((f) => [f.name, f]));
    expect(producer.schemaVersion).toMatchObject({ type: 'integer', defaultText: '1' });
    expect(producer.writes).toMatchObject({ type: 'choice', choices: ['publish-only', 'dual-write', 'outbox'], defaultText: 'publish-only' });
    expect(producer.order).toMatchObject({ type: 'choice', choices: ['db-first', 'publish-first'], defaultText: 'db-first' });
    expect(producer.dbWrite.defaultText).toBe('2ms');
    expect(producer.relayInterval).toMatchObject({ type: 'duration', defaultText: '100ms' });
    expect(producer.relayBatch).toMatchObject({ type: 'integer', defaultText: '100' });
    const schema = fieldsOf('consumer-group').find((f) => f.name === 'schema')!;
    expect(schema).toMatchObject({ type: 'json', defaultText: '' });
    expect(parseField(schema, '{"reads":2,"rule":"full"}')).toEqual({ value: { reads: 2, rule: 'full' } });
  });

  it('reads what is typed into file values, blank meaning the default', () => {
    const [partitions] = fieldsOf('topic');
    expect(parseField(partitions, ' 6 ')).toEqual({ value: 6 });
    expect(parseField(partitions, '')).toEqual({ value: undefined });
    expect(parseField(partitions, 'six').error).toBe('"six" is not a number');
    const processing = fieldsOf('consumer-group').find((f) => f.name === 'processing')!;
    expect(parseField(processing, '{"dist":"exponential","mean":"2ms"}')).toEqual({ value: { dist: 'exponential', mean: '2ms' } });
    expect(parseField(processing, '2ms')).toEqual({ value: '2ms' });
    expect(parseField(processing, '{"dist":').error).toMatch(/^not valid JSON/);
    const acks = fieldsOf('producer').find((f) => f.name === 'acks')!;
    expect(parseField(acks, '1')).toEqual({ value: 1 });
    expect(parseField(acks, 'all')).toEqual({ value: 'all' });
  });
});
