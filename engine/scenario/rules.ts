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
];

/** Why a wire from one kind to another is illegal, or null when it is legal. */
export function wireProblem(from: ComponentKind, to: ComponentKind): string | null {
  if (WIRE_RULES.some((rule) => rule.from === from && rule.to === to)) return null;
  const allowed = WIRE_RULES.filter((rule) => rule.from === from).map((rule) => rule.to);
  return allowed.length === 0
    ? `a ${from} cannot be wired to anything`
    : `a ${from} can be wired only to ${allowed.map((k) => `a ${k}`).join(' or ')}, not to a ${to}`;
}
