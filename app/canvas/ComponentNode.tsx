import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { WIRE_RULES } from '../../engine/scenario/rules.ts';
import type { ComponentKind } from '../../engine/scenario/schema.ts';
import type { ComponentDoc } from '../store/scenarioDoc.ts';
import { LiveDetails } from './LiveDetails.tsx';
import { useTeachStore } from '../teach/teachStore.ts';
import { useScenarioStore } from '../store/scenarioStore.ts';

export type ComponentNodeData = { component: ComponentDoc };
export type ComponentFlowNode = Node<ComponentNodeData, 'component'>;

export const KIND_LABEL: Record<ComponentKind, string> = {
  producer: 'Producer',
  topic: 'Topic',
  'consumer-group': 'Consumer group',
  service: 'Service',
  cluster: 'Cluster',
  queue: 'Queue',
  api: 'API',
  processor: 'Processor',
};

const canSend = (kind: ComponentKind) => WIRE_RULES.some((rule) => rule.from === kind);
const canReceive = (kind: ComponentKind) => WIRE_RULES.some((rule) => rule.to === kind);

const text = (value: unknown, fallback: string) => (value === undefined ? fallback : typeof value === 'object' ? JSON.stringify(value) : String(value));

/**
 * One line saying what matters most about a component, defaults shown as Kafka's. A group reading a
 * queue has no assignor at work (its members compete for messages), so it says that instead.
 */
export function summary(c: ComponentDoc, readsQueue = false): string {
  switch (c.kind) {
    case 'producer':
      return `${text(c.rate, '100')} msg/s · ${text(c.arrival, 'poisson')}${c.writes === 'dual-write' ? ` · dual write, ${text(c.order, 'db-first')}` : c.writes === 'outbox' ? ' · outbox' : ''}`;
    case 'topic':
      return `${text(c.partitions, '1')} partitions${c.replicationFactor ? ` · RF ${text(c.replicationFactor, '1')}` : ''}`;
    case 'consumer-group':
      return `${text(c.consumers, '1')} consumers · ${readsQueue ? 'competing' : text(c.assignor, 'range')}`;
    case 'service':
      return `latency ${typeof c.latency === 'object' ? 'distribution' : text(c.latency, '1ms')}`;
    case 'cluster':
      return `${text(c.brokers, '3')} brokers`;
    case 'queue':
      return `visibility ${text(c.visibilityTimeout, '30s')}${c.maxReceives !== undefined ? ` · DLQ after ${text(c.maxReceives, '')}` : ''}`;
    case 'api':
      return `${text(c.rate, '100')} req/s · ${text(c.mode, 'sync')}`;
    case 'processor':
      return `${text(c.windowSize, '1m')} ${text(c.window, 'tumbling')}${c.window === 'hopping' ? ` every ${text(c.advance, '?')}` : ''} · grace ${text(c.grace, '0s')}`;
  }
}

/** A component on the canvas: its kind, id and key settings, with handles where wires may attach. */
export function ComponentNode({ data, selected }: NodeProps<ComponentFlowNode>) {
  const { component } = data;
  const highlighted = useTeachStore((s) => s.highlights.components.has(component.id));
  const readsQueue = useScenarioStore((s) => component.kind === 'consumer-group' && s.doc.connections.some((w) => w.to === component.id && s.doc.components.some((c) => c.id === w.from && c.kind === 'queue')));
  return (
    <div className={`component-node kind-${component.kind}${selected ? ' selected' : ''}${highlighted ? ' highlighted' : ''}`} data-testid={`node-${component.id}`}>
      {canReceive(component.kind) && <Handle type="target" position={Position.Left} aria-label={`into ${component.id}`} />}
      <div className="component-kind">{KIND_LABEL[component.kind]}</div>
      <div className="component-id">{component.id}</div>
      <div className="component-summary">{summary(component, readsQueue)}</div>
      <LiveDetails id={component.id} kind={component.kind} />
      {canSend(component.kind) && <Handle type="source" position={Position.Right} aria-label={`out of ${component.id}`} />}
    </div>
  );
}
