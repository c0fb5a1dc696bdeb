import { readFileSync } from 'node:fs';
import { ScenarioRun } from '../../engine/model/run.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import { signalSections } from '../../app/operator/signals.ts';
import { collectProblems, expect, openFresh, test } from './fixtures.ts';

const fmt = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(0)}k` : n.toLocaleString('en-US'));

function engineRun(name: string) {
  const loaded = loadScenario(JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8')));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return new ScenarioRun(loaded.scenario).runToEnd();
}

async function runToEnd(page: import('@playwright/test').Page, scenario: string, end: string) {
  await page.getByLabel('Open from the library').selectOption(scenario);
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByRole('button', { name: 'max' }).click();
  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(controls.getByRole('timer', { name: 'Simulated time' })).toHaveText(end, { timeout: 120_000 });
}

test('schema-incompatible-deploy: each group shows the version it reads and its schema failures, as the engine counts them, and the Operate tab judges them', async ({ page }, testInfo) => {
  const problems = collectProblems(page);
  await openFresh(page);
  await runToEnd(page, 'schema-incompatible-deploy', '1m 20s');
  const result = engineRun('schema-incompatible-deploy');
  for (const id of ['billing', 'fraud', 'analytics']) {
    const g = result.groups[id];
    await expect(page.getByLabel(`Members of ${id}`, { exact: true }).getByLabel('Schema')).toHaveText(`reads schema v${g.readerVersion} · ${fmt(g.schemaFailures!)} schema failures`);
  }
  await expect(page.getByLabel('Writes of checkout', { exact: true })).toContainText('schema v2');
  await page.screenshot({ path: testInfo.outputPath('schema-canvas.png') });

  await page.getByRole('tab', { name: 'Operate' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Operate' });
  const row = (group: string) => panel.getByRole('region', { name: `Signals of ${group}` }).locator('tr', { hasText: 'Schema failures' });
  await expect(row('billing')).toHaveAttribute('data-level', 'amber');
  await expect(row('fraud')).toHaveAttribute('data-level', 'red');
  const shown = signalSections(result.operator!).find((s) => s.title === 'fraud')!.rows.find((r) => r.label === 'Schema failures')!;
  await expect(row('fraud')).toContainText(shown.value);
  await expect(row('analytics')).toHaveAttribute('data-level', 'ok');
  await page.screenshot({ path: testInfo.outputPath('schema-operate.png') });
  expect(problems).toEqual([]);
});

test('dual-write-vs-outbox: each producer node shows committed, published, missing, phantom and duplicates as the engine counts them', async ({ page }, testInfo) => {
  const problems = collectProblems(page);
  await openFresh(page);
  await runToEnd(page, 'dual-write-vs-outbox', '1m 0s');
  await expect(page.getByTestId('node-orders-outbox')).toContainText('outbox');
  await expect(page.getByTestId('node-orders-phantom')).toContainText('dual write, publish-first');
  const result = engineRun('dual-write-vs-outbox');
  for (const id of ['orders-dual', 'orders-phantom', 'orders-outbox']) {
    const w = result.producers[id].writes!;
    const live = page.getByLabel(`Writes of ${id}`, { exact: true });
    await expect(live).toContainText('app up');
    await expect(live).toContainText(`${fmt(w.committed)} committed · ${fmt(w.published)} published`);
    await expect(live).toContainText(`${fmt(w.missing)} missing · ${fmt(w.phantom)} phantom · ${fmt(w.duplicates)} dup · outbox ${fmt(w.outboxDepth?.final ?? 0)}`);
  }
  expect(result.producers['orders-dual'].writes!.missing).toBeGreaterThan(0);
  expect(result.producers['orders-phantom'].writes!.phantom).toBeGreaterThan(0);
  expect(result.producers['orders-outbox'].writes!.missing + result.producers['orders-outbox'].writes!.phantom).toBe(0);
  await page.screenshot({ path: testInfo.outputPath('dual-write.png') });
  expect(problems).toEqual([]);
});

test('the Actions panel crashes and restarts a producer’s app, and deploys a schema, on the running simulation', async ({ page }) => {
  const problems = collectProblems(page);
  await openFresh(page);
  await page.getByLabel('Open from the library').selectOption('dual-write-vs-outbox');
  await page.getByRole('button', { name: '10x', exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const clock = page.getByRole('timer', { name: 'Simulated time' });
  await expect.poll(async () => clock.textContent(), { timeout: 15_000 }).toMatch(/^([2-9]|\d\d)\.\d s$/);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByTestId('node-orders-dual').click();
  const actions = page.getByLabel('Actions');
  await actions.getByRole('button', { name: 'Crash app' }).click();
  await expect(page.getByLabel('Writes of orders-dual', { exact: true })).toContainText('app down');
  await actions.getByRole('button', { name: 'Restart app' }).click();
  await expect(page.getByLabel('Writes of orders-dual', { exact: true })).toContainText('app up');
  await actions.getByLabel('Schema version').fill('3');
  await actions.getByLabel('Compatibility').selectOption('full');
  await actions.getByRole('button', { name: 'Deploy schema' }).click();
  await expect(page.getByLabel('Writes of orders-dual', { exact: true })).toContainText('schema v3');
  expect(problems).toEqual([]);
});
