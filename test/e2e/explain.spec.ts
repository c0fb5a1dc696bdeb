import { readFileSync } from 'node:fs';
import { explain } from '../../engine/analysis/explain.ts';
import { review } from '../../engine/analysis/review.ts';
import { ScenarioRun } from '../../engine/model/run.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import { collectProblems, expect, openFresh, test } from './fixtures.ts';

test('Explain: each group in sentences and the design review, the same as the engine says for that run', async ({ page }, testInfo) => {
  const problems = collectProblems(page);
  await openFresh(page);
  await page.getByLabel('Open from the library').selectOption('hot-key');
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByRole('button', { name: 'max' }).click();
  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(controls.getByRole('timer', { name: 'Simulated time' })).toHaveText('2m 0s');

  await page.getByRole('tab', { name: 'Explain' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Explain' });
  const loaded = loadScenario(JSON.parse(readFileSync('scenarios/hot-key.json', 'utf8')));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const run = new ScenarioRun(loaded.scenario);
  const result = run.runToEnd();
  const [counter] = explain(loaded.scenario, result, run.sampler.series);
  for (const sentence of counter.sentences) await expect(panel).toContainText(sentence);
  for (const finding of review(loaded.scenario, result)) await expect(panel).toContainText(finding.title);
  // One bar per member that owns a partition; the hot partition's member is over 100%.
  await expect(panel.getByRole('list', { name: 'Offered load per member' }).locator('li')).toHaveCount(counter.members.filter((m) => m.partitions.length > 0).length);
  await expect(panel.locator('.member-load-fill.over')).toHaveCount(counter.members.filter((m) => m.load >= 1).length);
  await page.screenshot({ path: testInfo.outputPath('explain.png') });

  // Selecting a component shows its settings again.
  await page.getByTestId('node-likes').click();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('likes');
  expect(problems).toEqual([]);
});
