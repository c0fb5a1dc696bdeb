import { readFileSync } from 'node:fs';
import { ScenarioRun } from '../../engine/model/run.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import { collectProblems, expect, openFresh, test } from './fixtures.ts';

const fmt = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(0)}k` : n.toLocaleString('en-US'));
const shortMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

test('an api dragged from the palette shows its rate and mode on the node and its settings in the inspector', async ({ page }) => {
  const problems = collectProblems(page);
  await openFresh(page);
  const pane = page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  await page.getByRole('button', { name: 'Add API' }).dragTo(pane, { targetPosition: { x: box.width / 2, y: 80 } });
  const node = page.getByTestId('node-api-1');
  await expect(node).toContainText('API');
  await expect(node).toContainText('100 req/s · sync');
  await node.click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  for (const field of ['mode', 'ownWrite', 'timeout', 'retries', 'retryBackoff']) await expect(inspector).toContainText(field);
  expect(problems).toEqual([]);
});

test('sync-vs-async-likes: each api node shows what the engine counts for the same run', async ({ page }, testInfo) => {
  const problems = collectProblems(page);
  await openFresh(page);
  await page.getByLabel('Open from the library').selectOption('sync-vs-async-likes');
  await expect(page.getByTestId('node-like-api-sync')).toContainText('200 req/s · sync');
  await expect(page.getByTestId('node-like-api-async')).toContainText('200 req/s · async');
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByRole('button', { name: 'max' }).click();
  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(controls.getByRole('timer', { name: 'Simulated time' })).toHaveText('2m 0s', { timeout: 60_000 });

  const loaded = loadScenario(JSON.parse(readFileSync('scenarios/sync-vs-async-likes.json', 'utf8')));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const result = new ScenarioRun(loaded.scenario).runToEnd();
  for (const id of ['like-api-sync', 'like-api-async']) {
    const api = result.apis[id];
    const live = page.getByLabel(`Requests of ${id}`);
    await expect(live).toContainText(`${fmt(api.inFlight)} in flight · p99 ${shortMs(api.latencyMs.p99)}`);
    await expect(live).toContainText(`${fmt(api.failed)} failed · ${fmt(api.retries)} retries · ${fmt(api.duplicates)} duplicated effects`);
  }
  // The lesson in numbers: the synchronous api failed and duplicated effects, the asynchronous one did neither.
  expect(result.apis['like-api-sync'].duplicates).toBeGreaterThan(0);
  expect(result.apis['like-api-async'].failed).toBe(0);
  await page.screenshot({ path: testInfo.outputPath('sync-vs-async-likes.png') });
  expect(problems).toEqual([]);
});
