import { describe, expect, it } from 'vitest';
import brokerCrash from '../../scenarios/broker-crash-acks.json';
import consumerCrash from '../../scenarios/consumer-crash-eager.json';
import hotKey from '../../scenarios/hot-key.json';
import { variantOf } from '../../engine/analysis/compare.ts';
import { asDoc, type ScenarioDoc } from '../store/scenarioDoc.ts';
import { draftsOf, parseDrafts, prepareComparison, presetsFor, seedFor, type ChangeDraft } from './compareForm.ts';
import { formatDifference, formatFigure, formatRelative, shownBetter } from './compareFormat.ts';

const crash = asDoc(consumerCrash);
const draft = (componentId: string, field: string, text: string, key = 0): ChangeDraft => ({ key, componentId, field, text });
const presetChanges = (doc: ScenarioDoc, id: string) => presetsFor(doc).find((p) => p.id === id)?.changes;

describe('presets', () => {
  it('offer what makes sense for the components on the canvas, from their current values', () => {
    const presets = presetsFor(crash);
    expect(presets.map((p) => p.label)).toEqual([
      'payments: partitions 6 → 12',
      'ledger: consumers 3 → 6',
      'ledger: range → cooperative-sticky',
      'ledger: at-least-once → idempotent',
    ]);
    // No cluster: acks would change nothing, so it is not offered.
    expect(presets.some((p) => p.id.endsWith(':acks'))).toBe(false);
    // hot-key's group is already cooperative: the preset goes back to an eager assignor.
    expect(presetChanges(asDoc(hotKey), 'counter:assignor')).toEqual([{ componentId: 'counter', field: 'assignor', value: 'range' }]);
  });

  it('go back from idempotent delivery, and use the default when the file leaves a field out', () => {
    const doc = asDoc({ ...consumerCrash, components: [...consumerCrash.components.slice(0, 2), { id: 'ledger', kind: 'consumer-group', delivery: 'idempotent' }] });
    expect(presetChanges(doc, 'ledger:delivery')).toEqual([{ componentId: 'ledger', field: 'delivery', value: 'at-least-once' }]);
    // consumers defaults to 1, assignor to range.
    expect(presetsFor(doc).find((p) => p.id === 'ledger:consumers')?.label).toBe('ledger: consumers 1 → 2');
    expect(presetsFor(doc).find((p) => p.id === 'ledger:assignor')?.label).toBe('ledger: range → cooperative-sticky');
  });

  it('turn acks=all into acks=1 on a cluster with idempotence off, which Kafka requires, and every preset is a valid variant', () => {
    const doc = asDoc(brokerCrash);
    expect(presetChanges(doc, 'safe-writer:acks')).toEqual([
      { componentId: 'safe-writer', field: 'acks', value: 1 },
      { componentId: 'safe-writer', field: 'idempotent', value: false },
    ]);
    expect(presetChanges(doc, 'fast-writer:acks')).toEqual([{ componentId: 'fast-writer', field: 'acks', value: 'all' }]);
    for (const scenario of [doc, crash, asDoc(hotKey)]) {
      for (const preset of presetsFor(scenario)) expect(variantOf(scenario, preset.changes), preset.label).toMatchObject({ ok: true });
    }
  });

  it('fill the form with text that reads back as the same changes', () => {
    const changes = presetChanges(asDoc(brokerCrash), 'safe-writer:acks')!;
    const drafts = draftsOf(changes, 7);
    expect(drafts.map((d) => [d.key, d.text])).toEqual([
      [7, '1'],
      [8, 'false'],
    ]);
    expect(parseDrafts(asDoc(brokerCrash), drafts)).toEqual({ changes, problems: [] });
  });
});

describe('reading the changes', () => {
  it('reads values by the setting’s kind: numbers, choices, durations', () => {
    const { changes, problems } = parseDrafts(crash, [draft('payments', 'partitions', '12'), draft('ledger', 'assignor', 'sticky'), draft('ledger', 'sessionTimeout', '10s'), draft('ledger', 'delivery', '')]);
    expect(problems).toEqual([]);
    expect(changes.map((c) => c.value)).toEqual([12, 'sticky', '10s', undefined]);
  });

  it('names each change that cannot be read and what is wrong with it', () => {
    const { problems } = parseDrafts(crash, [draft('', '', ''), draft('ledger', '', ''), draft('payments', 'partitions', 'many'), draft('gone', 'partitions', '3'), draft('ledger', 'assignor', 'fastest'), draft('ledger', 'partitions', '3')]);
    expect(problems).toEqual([
      'change 1: pick a component',
      'change 2: pick a setting of ledger',
      'payments.partitions: "many" is not a number',
      'change 4: there is no component "gone" on the canvas',
      'ledger.assignor: must be one of range, roundrobin, sticky, cooperative-sticky',
      'ledger.partitions: a consumer-group has no such setting',
    ]);
  });
});

describe('preparing the runs', () => {
  it('runs both on the playground’s seed when it has one, else the scenario’s', () => {
    const ok = prepareComparison(crash, [draft('ledger', 'assignor', 'cooperative-sticky')], undefined);
    expect(ok).toMatchObject({ ok: true, seed: 5, changes: ['ledger.assignor: range → cooperative-sticky'] });
    expect(prepareComparison(crash, [draft('ledger', 'assignor', 'cooperative-sticky')], 77)).toMatchObject({ ok: true, seed: 77 });
    expect(seedFor(asDoc({ ...consumerCrash, seed: undefined }), undefined)).toBe(1);
  });

  it('leaves A as it is and describes a change to a default with the default’s value', () => {
    const before = JSON.stringify(crash);
    const prepared = prepareComparison(crash, [draft('ledger', 'sessionTimeout', '10s')], undefined);
    if (!prepared.ok) throw new Error(prepared.problems.join('\n'));
    expect(prepared.a).toBe(crash);
    expect(JSON.stringify(crash)).toBe(before);
    expect(prepared.changes).toEqual(['ledger.sessionTimeout: default (45s) → 10s']);
    expect((prepared.b.components as { id: string; sessionTimeout?: string }[]).find((c) => c.id === 'ledger')?.sessionTimeout).toBe('10s');
  });

  it('runs nothing when the validator refuses B, and says why in its words', () => {
    const refused = prepareComparison(crash, [draft('payments', 'partitions', '0')], undefined);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.title).toBe('The validator refuses variant B, so nothing was run:');
    expect(refused.problems[0]).toMatch(/^components\[1\]\.partitions: /);
  });

  it('runs nothing when B has no change, or only changes to the values A has', () => {
    expect(prepareComparison(crash, [], undefined)).toMatchObject({ ok: false, title: 'B is the same as A:' });
    expect(prepareComparison(crash, [draft('payments', 'partitions', '6')], undefined)).toMatchObject({ ok: false, problems: ['every change sets the value A already has'] });
    expect(prepareComparison(crash, [draft('payments', 'partitions', 'x')], undefined)).toMatchObject({ ok: false, title: 'Finish the changes for B:' });
  });
});

describe('figures in the table', () => {
  it('writes counts in full, times as the charts do, differences signed', () => {
    expect(formatFigure(26381, 'count')).toBe('26,381');
    expect(formatFigure(46900, 'ms')).toBe('46.9 s');
    expect(formatFigure(null, 'count')).toBe('–');
    expect(formatDifference(-13342, 'count')).toBe('−13,342');
    expect(formatDifference(262, 'ms')).toBe('+262 ms');
    expect(formatDifference(0, 'ms')).toBe('0');
  });

  it('writes relative changes in percent, a tiny one as under 0.1%, and one from zero as new', () => {
    expect(formatRelative({ relative: -0.5057, difference: -1 })).toBe('−51%');
    expect(formatRelative({ relative: 0.021, difference: 1 })).toBe('+2.1%');
    expect(formatRelative({ relative: 0.0001, difference: 1 })).toBe('+<0.1%');
    expect(formatRelative({ relative: null, difference: 7 })).toBe('new');
    expect(formatRelative({ relative: 0, difference: 0 })).toBe('0%');
  });

  it('calls neither side better when they are less than 1% apart', () => {
    expect(shownBetter({ better: 'b', relative: -0.5 })).toBe('b');
    expect(shownBetter({ better: 'b', relative: -0.002 })).toBe('close');
    expect(shownBetter({ better: 'a', relative: null })).toBe('a');
    expect(shownBetter({ better: null, relative: 0.5 })).toBeNull();
  });
});
