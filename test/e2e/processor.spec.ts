import { readFileSync } from 'node:fs';
import { ScenarioRun } from '../../engine/model/run.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import { collectProblems, expect, openFresh, test } from './fixtures.ts';

const fmt = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(0)}k` : n.toLocaleString('en-US'));

test('a processor dragged from the palette shows its window on the node and its settings in the inspector', async ({ page }) => {
  const problems = collectProblems(page);
  await openFresh(page);
  const pane = page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  await page.getByRole('button', { name: 'Add Processor' }).dragTo(pane, { targetPosition: { x: box.width / 2, y: 80 } });
  const node = page.getByTestId('node-processor-1');
  await expect(node).toContainText('Processor');
  await expect(node).toContainText('1m tumbling · grace 10s');
  await node.click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  for (const field of ['window', 'windowSize', 'advance', 'grace', 'eventDelay', 'consumers', 'assignor']) await expect(inspector).toContainText(field);
  expect(problems).toEqual([]);
});

test('windowed-counts: each processor node shows the windows, state and late records the engine counts for the same run', async ({ page }, testInfo) => {
  const problems = collectProblems(page);
  await openFresh(page);
  await page.getByLabel('Open from the library').selectOption('windowed-counts');
  await expect(page.getByTestId('node-page-views')).toContainText('1m tumbling · grace 10s');
  await expect(page.getByTestId('node-page-views-hopping')).toContainText('1m hopping every 10s · grace 10s');
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByRole('button', { name: 'max' }).click();
  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(controls.getByRole('timer', { name: 'Simulated time' })).toHaveText('10m 0s', { timeout: 120_000 });

  const loaded = loadScenario(JSON.parse(readFileSync('scenarios/windowed-counts.json', 'utf8')));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const result = new ScenarioRun(loaded.scenario).runToEnd();
  for (const id of ['page-views', 'page-views-no-grace', 'page-views-hopping']) {
    const p = result.processors![id];
    const live = page.getByLabel(`Windows of ${id}`, { exact: true });
    await expect(live).toContainText(`${fmt(p.openWindows)} open windows · ${fmt(p.stateEntries.final)} state entries`);
    await expect(live).toContainText(`${fmt(p.lateRecords)} late · ${fmt(p.windowsClosed)} closed`);
    // It is a consumer group too: its members show under its windows.
    await expect(page.getByLabel(`Members of ${id}`, { exact: true })).toContainText('#1');
  }
  // The lesson in numbers: no grace drops far more clicks than 10 s of grace.
  expect(result.processors!['page-views-no-grace'].lateRecords).toBeGreaterThan(10 * result.processors!['page-views'].lateRecords);
  await page.screenshot({ path: testInfo.outputPath('windowed-counts.png') });
  expect(problems).toEqual([]);
});
