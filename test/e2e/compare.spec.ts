import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { variantOf } from '../../engine/analysis/compare.ts';
import { runJob } from '../../app/pool/job.ts';
import { collectProblems, expect, openFresh, test } from './fixtures.ts';

const scenario = (name: string) => JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8')) as Record<string, unknown>;

/** The figure the table writes for a count: in full, with thousands separators. */
const count = (value: number) => value.toLocaleString('en-US');

async function openCompare(page: Page, library: string) {
  await openFresh(page);
  await page.getByLabel('Open from the library').selectOption(library);
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Compare' }).click();
}

async function change(page: Page, component: string, setting: string) {
  await page.getByLabel('Component of change 1').selectOption(component);
  await page.getByLabel('Setting of change 1').selectOption(setting);
  return page.getByLabel('Value of change 1');
}

/** The autosaved scenario: what the canvas holds. */
async function canvasScenario(page: Page): Promise<{ components: Record<string, unknown>[] }> {
  return JSON.parse((await page.evaluate("localStorage.getItem('streamlab:scenario')")) as string);
}

test('compares eager with cooperative on one seed: both runs on every chart, and the engine’s figures in the table', async ({ page }, testInfo) => {
  const problems = collectProblems(page);
  await openCompare(page, 'consumer-crash-eager');
  await expect(page.getByTestId('compare-seed')).toContainText('Both variants run on seed 5. Each component draws from its own random stream, so both see the same traffic');

  await (await change(page, 'ledger', 'assignor')).selectOption('cooperative-sticky');
  await expect(page.getByTestId('compare-change-1')).toContainText('A: range');
  await page.getByRole('button', { name: 'Run A and B' }).click();

  const table = page.getByRole('table', { name: 'Summary of A and B' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.compare-head')).toContainText('ledger.assignor: range → cooperative-sticky · seed 5');

  // Each chart draws A and B over the same time axis.
  for (const chart of ['Latency p99 of ledger, A and B', 'Lag of ledger, A and B', 'Throughput out of ledger, A and B']) {
    const svg = page.getByRole('img', { name: chart });
    for (const series of ['A', 'B']) await expect(svg.locator(`path[data-series="${series}"]`)).toHaveAttribute('d', /^M.+L/);
  }

  // The table's figures are what the engine gives for each variant on seed 5.
  const a = runJob({ scenario: scenario('consumer-crash-eager'), seed: 5 });
  const docB = variantOf(scenario('consumer-crash-eager'), [{ componentId: 'ledger', field: 'assignor', value: 'cooperative-sticky' }]);
  if (!a.ok || !docB.ok) throw new Error('the library scenario does not load');
  const b = runJob({ scenario: docB.doc, seed: 5 });
  if (!b.ok) throw new Error(b.problems.join('\n'));
  const lagMax = table.locator('tr[data-path="groups.ledger.lag.max"] td');
  await expect(lagMax.nth(0)).toHaveText(count(a.result.groups.ledger.lag.max));
  await expect(lagMax.nth(1)).toHaveText(count(b.result.groups.ledger.lag.max));
  await expect(lagMax.nth(2)).toHaveText(new RegExp(`^[+−]?${count(Math.abs(b.result.groups.ledger.lag.max - a.result.groups.ledger.lag.max))}$`));
  // Cooperative-sticky keeps the unmoved partitions consuming: B pauses less, and the table says B is better.
  expect(b.result.groups.ledger.pausedMs).toBeLessThan(a.result.groups.ledger.pausedMs);
  const paused = table.locator('tr[data-path="groups.ledger.pausedMs"]');
  await expect(paused.locator('td').nth(1)).toHaveClass(/better/);
  await expect(paused.locator('td').nth(4)).toHaveText('B');
  await expect(table.locator('tr[data-path="produced"] td').nth(2)).toHaveText('0');

  const screenshot = testInfo.outputPath('compare.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach('compare', { path: screenshot, contentType: 'image/png' });

  // The canvas's scenario was not changed, and the form and the comparison survive switching views.
  expect((await canvasScenario(page)).components.find((c) => c.id === 'ledger')?.assignor).toBe('range');
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Build' }).click();
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByLabel('Value of change 1')).toHaveValue('cooperative-sticky');
  await expect(table).toBeVisible();

  // Open B in Build replaces the canvas's scenario the ordinary way: Undo brings A back.
  await page.getByRole('button', { name: 'Open B in Build' }).click();
  await expect(page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Build' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await canvasScenario(page)).components.find((c) => c.id === 'ledger')?.assignor).toBe('cooperative-sticky');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await canvasScenario(page)).components.find((c) => c.id === 'ledger')?.assignor).toBe('range');
  expect(problems).toEqual([]);
});

test('a preset fills in B; a value the validator refuses is explained and nothing runs', async ({ page }) => {
  await openCompare(page, 'hot-key');
  await page.getByRole('group', { name: 'Presets' }).getByRole('button', { name: 'likes: partitions 12 → 24' }).click();
  await expect(page.getByLabel('Setting of change 1')).toHaveValue('partitions');
  await expect(page.getByLabel('Value of change 1')).toHaveValue('24');

  const value = page.getByLabel('Value of change 1');
  await value.fill('many');
  await expect(page.getByTestId('compare-change-1')).toContainText('likes.partitions: "many" is not a number');
  await value.fill('0');
  await page.getByRole('button', { name: 'Run A and B' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The validator refuses variant B, so nothing was run:');
  await expect(alert).toContainText('components[1].partitions:');
  await expect(page.getByRole('progressbar', { name: 'Runs finished' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Summary of A and B' })).toHaveCount(0);
  expect((await canvasScenario(page)).components.find((c) => c.id === 'likes')?.partitions).toBe(12);
});
