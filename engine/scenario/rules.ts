/**
 * Which wires are legal: the one rule table that both the canvas and the scenario loader use.
 */
import type { ComponentKind } from './schema.ts';

export interface WireRule {
  from: ComponentKind;
  to: ComponentKind;
  /** What the wire means, for people. */
  meaning: string;
}

export const WIRE_RULES: readonly WireRule[] = [
  { from: 'producer', to: 'topic', meaning: 'the producer writes each event to the topic' },
  { from: 'topic', to: 'consumer-group', meaning: 'the group subscribes to the topic' },
  { from: 'consumer-group', to: 'service', meaning: 'the group calls the service once per record it processes' },
  { from: 'consumer-group', to: 'topic', meaning: 'the group emits one derived event per record it processes to the topic' },
  { from: 'producer', to: 'queue', meaning: 'the producer sends each event to the queue as one message' },
  { from: 'queue', to: 'consumer-group', meaning: 'the group\'s members compete for the queue\'s messages' },
  { from: 'api', to: 'service', meaning: 'a sync api calls the service once per request, services in wire order' },
  { from: 'api', to: 'topic', meaning: 'an async api publishes one event per request to the topic' },
  { from: 'topic', to: 'processor', meaning: 'the processor consumes the topic as a consumer group and counts its records per key in windows' },
  { from: 'processor', to: 'topic', meaning: 'the processor writes one record per key to the topic each time a window closes: that key\'s count' },
];

/** A kind with its article, for messages: "a topic", "an api". */
export function aKind(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

/** Why a wire from one kind to another is illegal, or null when it is legal. */
export function wireProblem(from: ComponentKind, to: ComponentKind): string | null {
  if (WIRE_RULES.some((rule) => rule.from === from && rule.to === to)) return null;
  const allowed = WIRE_RULES.filter((rule) => rule.from === from).map((rule) => rule.to);
  return allowed.length === 0
    ? `${aKind(from)} cannot be wired to anything`
    : `${aKind(from)} can be wired only to ${allowed.map(aKind).join(' or ')}, not to ${aKind(to)}`;
}
