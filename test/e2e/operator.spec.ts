import { readFileSync } from 'node:fs';
import { operatorView } from '../../engine/analysis/operator.ts';
import { ScenarioRun } from '../../engine/model/run.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import { signalSections } from '../../app/operator/signals.ts';
import { collectProblems, expect, openFresh, test } from './fixtures.ts';

test("the operator's view: each signal green, amber or red, as the engine judges the same run", async ({ page }, testInfo) => {
  const problems = collectProblems(page);
  await openFresh(page);
  await page.getByLabel('Open from the library').selectOption('retention-loss');
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByRole('button', { name: 'max' }).click();
  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  const loaded = loadScenario(JSON.parse(readFileSync('scenarios/retention-loss.json', 'utf8')));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const run = new ScenarioRun(loaded.scenario);
  const result = run.runToEnd();
  const view = operatorView(loaded.scenario, result, run.sampler.series);
  await expect(controls.getByRole('timer', { name: 'Simulated time' })).toHaveText(`${Math.floor(result.simulatedMs / 60_000)}m 0s`);

  await page.getByRole('tab', { name: 'Operate' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Operate' });
  await expect(panel.getByRole('status')).toContainText(view.level === 2 ? 'Something is wrong' : 'needs a look');
  for (const section of signalSections(view)) {
    const rows = panel.getByRole('region', { name: `Signals of ${section.title}` }).locator('tr');
    await expect(rows).toHaveCount(section.rows.length);
    for (const [i, row] of section.rows.entries()) {
      await expect(rows.nth(i)).toContainText(row.label);
      await expect(rows.nth(i)).toContainText(row.value);
      await expect(rows.nth(i)).toHaveAttribute('data-level', ['ok', 'amber', 'red'][row.level]);
    }
  }
  await expect(panel.getByRole('region', { name: 'Signals of archiver' }).locator('tr', { hasText: 'Retention headroom' })).toHaveAttribute('data-level', 'red');
  await page.screenshot({ path: testInfo.outputPath('operator.png') });
  expect(problems).toEqual([]);
});
