import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { liveView } from '../../engine/model/live.ts';
import { ScenarioRun } from '../../engine/model/run.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import { collectProblems, expect, openFresh, test } from './fixtures.ts';

/** What each partition row of a topic says in its tooltip, for a fresh run of the scenario to `timeMs`. */
function freshPartitionTitles(file: string, topic: string, timeMs: number): string[] {
  const loaded = loadScenario(JSON.parse(readFileSync(file, 'utf8')));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const run = new ScenarioRun(loaded.scenario);
  run.runUntil(timeMs * 1000);
  return liveView(run).topics[topic].partitions.map(
    (p) => `${topic}-${p.partition}: end ${p.logEndOffset}, high watermark ${p.highWatermark}${Object.entries(p.groups).map(([g, v]) => `, ${g} committed ${v.committed} lag ${v.lag}`).join('')}`,
  );
}

async function shownPartitionTitles(page: Page, topic: string): Promise<string[]> {
  return page.getByLabel(`Partitions of ${topic}`).locator('.partition-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('title') ?? ''));
}

test('time travel: dragging the slider back or forward shows exactly the state of a fresh run to that time', async ({ page }, testInfo) => {
  const problems = collectProblems(page);
  await openFresh(page);
  const controls = page.getByRole('region', { name: 'Run controls' });
  const clock = controls.getByRole('timer', { name: 'Simulated time' });
  const slider = controls.getByRole('slider', { name: 'Time' });
  await controls.getByRole('button', { name: 'max' }).click();
  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(clock).toHaveText('1m 0s');

  for (const timeMs of [20_000, 45_000, 7_500]) {
    await slider.fill(String(timeMs));
    await expect(clock).toHaveText(`${(timeMs / 1000).toFixed(1)} s`);
    await expect(controls.getByText('rebuilding…')).toHaveCount(0);
    const expected = freshPartitionTitles('scenarios/first-stream.json', 'orders', timeMs);
    await expect.poll(() => shownPartitionTitles(page, 'orders')).toEqual(expected);
  }
  // The charts were rebuilt up to that time: the x axis of samples ends there.
  await page.screenshot({ path: testInfo.outputPath('time-travel.png') });

  // And Run goes on from there to the end.
  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(clock).toHaveText('1m 0s');
  await expect.poll(() => shownPartitionTitles(page, 'orders')).toEqual(freshPartitionTitles('scenarios/first-stream.json', 'orders', 60_000));
  expect(problems).toEqual([]);
});

test('the slider works before the first run: it builds the run and goes to that time', async ({ page }) => {
  await openFresh(page);
  const controls = page.getByRole('region', { name: 'Run controls' });
  await controls.getByRole('slider', { name: 'Time' }).fill('30000');
  await expect(controls.getByRole('timer', { name: 'Simulated time' })).toHaveText('30.0 s');
  await expect.poll(() => shownPartitionTitles(page, 'orders')).toEqual(freshPartitionTitles('scenarios/first-stream.json', 'orders', 30_000));
});
