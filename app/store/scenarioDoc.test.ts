import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../engine/scenario/load.ts';
import firstStream from '../../scenarios/first-stream.json';
import { addComponent, asDoc, connect, connectionProblem, duplicate, freshId, remove, updateComponent } from './scenarioDoc.ts';

const base = () => asDoc(structuredClone(firstStream));

describe('editing a scenario document', () => {
  it('adds a component with a fresh id, starter settings and its position, and it still validates', () => {
    const { doc, id } = addComponent(base(), 'topic', { x: 10.4, y: 20.6 });
    expect(id).toBe('topic-1');
    expect(doc.layout[id]).toEqual({ x: 10, y: 21 });
    expect(doc.components.at(-1)).toMatchObject({ id, kind: 'topic', partitions: 3 });
    expect(loadScenario(doc).ok).toBe(true);
    expect(freshId(doc, 'topic')).toBe('topic-2');
  });

  it('refuses wires the rule table refuses, with its reason, and duplicates', () => {
    const doc = addComponent(base(), 'topic', { x: 0, y: 0 }).doc;
    expect(connectionProblem(doc, 'orders', 'topic-1')).toBe('a topic can be wired only to a consumer-group or a processor, not to a topic ("orders" to "topic-1")');
    expect(connectionProblem(doc, 'orders', 'billing')).toBe('"orders" is already wired to "billing"');
    expect(connectionProblem(doc, 'orders', 'orders')).toBe('a component cannot be wired to itself');
    expect(connectionProblem(doc, 'orders-api', 'topic-1')).toBeNull();
    expect(connect(doc, 'orders-api', 'topic-1').connections).toHaveLength(3);
  });

  it('removes a component with its wires, its layout, and the timeline actions and expectations about it', () => {
    const doc = { ...base(), timeline: [{ at: '10s', action: 'crash-consumer', target: 'billing', member: 0 }] };
    const after = remove(doc, ['billing']);
    expect(after.components.map((c) => c.id)).toEqual(['orders-api', 'orders']);
    expect(after.connections).toEqual([{ from: 'orders-api', to: 'orders' }]);
    expect(after.layout.billing).toBeUndefined();
    expect(after.timeline).toEqual([]);
    expect(after.expect).toEqual([]);
    expect(loadScenario(after).ok).toBe(true);
  });

  it('pastes copies under new ids, shifted, keeping the wires between them', () => {
    const { doc, ids } = duplicate(base(), ['orders', 'billing']);
    expect(ids).toEqual(['topic-1', 'group-1']);
    expect(doc.connections).toContainEqual({ from: 'topic-1', to: 'group-1' });
    expect(doc.layout['topic-1']).toEqual({ x: base().layout.orders.x + 40, y: base().layout.orders.y + 40 });
    expect(loadScenario(doc).ok).toBe(true);
  });

  it('updates fields and deletes the ones set to undefined (back to the default)', () => {
    const doc = updateComponent(base(), 'orders', { partitions: 6, retention: '1h' });
    expect(doc.components[1]).toMatchObject({ partitions: 6, retention: '1h' });
    expect(updateComponent(doc, 'orders', { retention: undefined }).components[1]).not.toHaveProperty('retention');
  });
});
