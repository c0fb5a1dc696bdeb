import { readFileSync } from 'node:fs';
import { formatFigure as figure, summarizeSamples } from '../../engine/analysis/sweep.ts';
import { metricAt } from '../../engine/model/result.ts';
import { runJob } from '../../app/pool/job.ts';
import { collectProblems, expect, openFresh, test } from './fixtures.ts';

const LIBRARY_FILE = 'more-consumers-than-partitions';
const scenario = JSON.parse(readFileSync(`scenarios/${LIBRARY_FILE}.json`, 'utf8')) as { seed: number; components: { id: string; partitions?: number }[] };
// The mean rather than the p99, which the 3 s before the first assignment sets alike on every seed of a 60 s run.
const METRIC = 'groups.sessionizer.latencyMs.mean';

const known = new Map<string, number>();

/** What the engine gives for the library scenario with `partitions` on `seed`, run as a pool worker runs it. */
function expected(partitions: number, seed: number): number {
  const key = `${partitions}@${seed}`;
  if (!known.has(key)) known.set(key, run(partitions, seed));
  return known.get(key)!;
}

function run(partitions: number, seed: number): number {
  const changed = { ...scenario, components: scenario.components.map((c) => (c.id === 'clicks' ? { ...c, partitions } : c)) };
  const outcome = runJob({ scenario: changed, seed });
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  const value = metricAt(outcome.result, METRIC);
  if (value === null) throw new Error(`${METRIC} names nothing`);
  return value;
}

test.beforeEach(async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Open from the library').selectOption(LIBRARY_FILE);
  await expect(page.getByTestId('node-clicks')).toContainText('4 partitions');
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Sweep' }).click();
});

test('sweeps partitions over 2 values × 2 seeds: progress, plot and table show what the engine gives', async ({ page }, testInfo) => {
  const problems = collectProblems(page);
  const form = page.getByRole('form', { name: 'Sweep settings' });
  // Prefilled from the scenario: its first topic's partitions, around the current 4; three seeds.
  await expect(form.getByLabel('Component')).toHaveValue('clicks');
  await expect(form.getByLabel('Setting')).toHaveValue('partitions');
  await expect(form.getByLabel('Values')).toHaveValue('1, 2, 4, 8');
  await expect(form.getByLabel('Seeds')).toHaveValue('3');
  await expect(form.getByLabel('Metric')).toHaveValue('groups.sessionizer.latencyMs.p99');
  await form.getByLabel('Metric').selectOption(METRIC);

  await form.getByLabel('Values').fill('2, 6');
  await form.getByLabel('Seeds').fill('2');
  await form.getByLabel('Target value').fill('100');
  const seeds = [scenario.seed, scenario.seed + 1];
  await expect(page.getByTestId('sweep-seeds')).toContainText(`seeds ${seeds.join(', ')}`);
  await form.getByRole('button', { name: 'Run sweep (4 runs)' }).click();
  await expect(form.getByRole('status')).toHaveText(/of 4 runs|All 4 runs finished/);
  await expect(form.getByRole('status')).toHaveText('All 4 runs finished.', { timeout: 60_000 });

  const results = page.getByRole('region', { name: 'Sweep results' });
  const plot = results.getByRole('img', { name: 'sessionizer mean latency against partitions' });
  await expect(plot.locator('.sweep-point')).toHaveCount(4);
  await expect(plot.locator('.sweep-mean')).toHaveCount(2);
  await expect(plot.locator('.sweep-target')).toHaveCount(1);
  const rows = results.getByRole('table', { name: 'Sweep figures' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);

  for (const [i, partitions] of [2, 6].entries()) {
    const samples = seeds.map((seed) => expected(partitions, seed));
    const row = rows.nth(i);
    await expect(row.getByRole('rowheader')).toHaveText(String(partitions));
    const summary = summarizeSamples(partitions, samples);
    await expect(row.locator('td')).toHaveText([figure(summary.mean), figure(summary.ci95), figure(summary.min), figure(summary.max), ...samples.map(figure)]);
    for (const [j, seed] of seeds.entries()) {
      await expect(plot.locator(`.sweep-point[data-value="${partitions}"][data-seed="${seed}"]`)).toHaveAttribute('data-metric', String(samples[j]));
    }
  }
  // More partitions spread 800 clicks/s over more members: the answer is read from the same rows.
  const meets = [2, 6].filter((p) => seeds.every((seed) => expected(p, seed) < 100));
  await expect(results.getByTestId('sweep-answer')).toHaveText(
    meets.length > 0 ? `smallest partitions with sessionizer mean latency < 100 ms on every seed: ${Math.min(...meets)}` : /^no partitions tried/,
  );
  await page.screenshot({ path: testInfo.outputPath('sweep.png') });

  // The table as CSV: a line per value, each seed's figure as the table shows it.
  const [download] = await Promise.all([page.waitForEvent('download'), results.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe(`${LIBRARY_FILE}-sweep-clicks-partitions-seed${seeds[0]}.csv`);
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
  expect(csv[0]).toBe(`partitions,mean,ci95,sd,min,max,${seeds.map((s) => `seed ${s}`).join(',')}`);
  expect(csv.slice(1).map((line) => line.split(',').slice(-2).map(Number))).toEqual([2, 6].map((p) => seeds.map((seed) => expected(p, seed))));

  // Another view and back: the form and the sweep are still there, and the canvas never changed.
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Build' }).click();
  await expect(page.getByTestId('node-clicks')).toContainText('4 partitions');
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Sweep' }).click();
  await expect(form.getByLabel('Values')).toHaveValue('2, 6');
  await expect(rows).toHaveCount(2);
  expect(problems).toEqual([]);
});

test('bad values are named and nothing runs', async ({ page }, testInfo) => {
  const form = page.getByRole('form', { name: 'Sweep settings' });
  await form.getByLabel('Values').fill('3,x');
  await form.getByRole('button', { name: /^Run sweep/ }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Nothing was run:');
  await expect(alert).toContainText('values: "x" is not a number');
  await expect(page.locator('.sweep-plot')).toHaveCount(0);
  await expect(form.getByRole('status')).toHaveCount(0);

  // A value the scenario refuses: the validator's line.
  await form.getByLabel('Values').fill('0, 3');
  await form.getByRole('button', { name: /^Run sweep/ }).click();
  await expect(alert).toContainText('with partitions = 0 the scenario is not valid:');
  await expect(alert).toContainText('components[1].partitions');
  await expect(page.locator('.sweep-plot')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('sweep-refused.png') });
});
