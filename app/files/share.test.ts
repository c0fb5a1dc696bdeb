import { describe, expect, it } from 'vitest';
import { scenarioFromHash, shareLink } from './share.ts';

describe('share links', () => {
  it('carry the scenario, unicode included, and read back exactly', () => {
    const doc = { version: 1, name: 'Café ☕ orders', seed: 7, components: [] };
    const link = shareLink(doc, 'http://localhost:4873/?x=1#old');
    expect(link.startsWith('http://localhost:4873/?x=1#scenario=')).toBe(true);
    const read = scenarioFromHash(new URL(link).hash);
    expect(read).toEqual({ text: JSON.stringify(doc) });
  });

  it('say when a link holds no scenario, and name a broken one', () => {
    expect(scenarioFromHash('')).toBeNull();
    expect(scenarioFromHash('#other=1')).toBeNull();
    expect(scenarioFromHash('#scenario=%%%')).toEqual({ error: expect.stringContaining('The share link is broken') });
    expect(scenarioFromHash('#scenario=_w')).toEqual({ error: expect.stringContaining('The share link is broken') });
  });
});
