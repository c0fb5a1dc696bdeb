import { readFileSync } from 'node:fs';
import { ScenarioRun } from '../../engine/model/run.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import { collectProblems, expect, openFresh, test } from './fixtures.ts';

test('a queue dragged from the palette shows its settings on the node and in the inspector', async ({ page }) => {
  const problems = collectProblems(page);
  await openFresh(page);
  const pane = page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  await page.getByRole('button', { name: 'Add Queue' }).dragTo(pane, { targetPosition: { x: box.width / 2, y: 80 } });
  const node = page.getByTestId('node-queue-1');
  await expect(node).toContainText('Queue');
  await expect(node).toContainText('visibility 30s');
  await node.click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  for (const field of ['visibilityTimeout', 'maxReceives', 'deadLetterQueue', 'retention']) await expect(inspector).toContainText(field);
  expect(problems).toEqual([]);
});

test('queue-vs-stream: the queue and its competing workers show what the engine counts for the same run', async ({ page }, testInfo) => {
  const problems = collectProblems(page);
  await openFresh(page);
  await page.getByLabel('Open from the library').selectOption('queue-vs-stream');
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByRole('button', { name: 'max' }).click();
  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(controls.getByRole('timer', { name: 'Simulated time' })).toHaveText('1m 0s', { timeout: 30_000 });

  const loaded = loadScenario(JSON.parse(readFileSync('scenarios/queue-vs-stream.json', 'utf8')));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const result = new ScenarioRun(loaded.scenario).runToEnd();
  const queue = result.queues['order-jobs'];
  const fmt = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(0)}k` : n.toLocaleString('en-US'));

  const live = page.getByLabel('Messages of order-jobs');
  await expect(live).toContainText(`${fmt(queue.depth.final)} waiting · ${fmt(queue.inFlight.final)} in flight`);
  await expect(live).toContainText(`${fmt(queue.acked)} acked · ${fmt(queue.redelivered)} redelivered`);
  expect(queue.redelivered).toBeGreaterThan(0);

  // The queue's groups compete: no coordinator, no partitions; the topic's groups keep theirs.
  const workers = page.getByLabel('Members of billing-workers');
  await expect(workers).toContainText('competing on order-jobs');
  await expect(workers.locator('.member-row')).toHaveCount(2);
  await expect(workers.locator('.member-parts')).toHaveCount(0);
  await expect(page.getByLabel('Members of billing', { exact: true })).toContainText('stable · gen');
  // Their summary lines say so too: no assignor is at work on a queue.
  await expect(page.getByTestId('node-billing-workers').locator('.component-summary')).toHaveText('2 consumers · competing');
  await expect(page.getByTestId('node-billing').locator('.component-summary')).toHaveText('2 consumers · range');
  // Its charts: no partitions to draw lag for, so the queue's messages waiting and in flight instead.
  const charts = page.getByRole('region', { name: 'Charts' });
  await charts.getByRole('combobox', { name: 'Group' }).selectOption('billing-workers');
  await expect(charts.getByRole('img', { name: 'Messages waiting and in flight per queue' })).toBeVisible();
  await expect(charts.getByRole('img', { name: /^Lag per partition/ })).toHaveCount(0);
  await charts.getByRole('combobox', { name: 'Group' }).selectOption('billing');
  await expect(charts.getByRole('img', { name: 'Lag per partition of billing' })).toBeVisible();
  await charts.getByRole('combobox', { name: 'Group' }).selectOption('billing-workers');
  await page.screenshot({ path: testInfo.outputPath('queue-vs-stream.png') });
  expect(problems).toEqual([]);
});
