import { openFresh, expect, test } from './fixtures.ts';

test.beforeEach(async ({ page }) => {
  await openFresh(page);
});

test('crashing a consumer while running shows on the canvas, lands on the timeline, and the rebalance is marked on the charts', async ({ page }, testInfo) => {
  await page.getByRole('button', { name: '10x', exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const clock = page.getByRole('timer', { name: 'Simulated time' });
  await expect.poll(async () => clock.textContent(), { timeout: 15_000 }).toMatch(/^([5-9]|\d\d)\.\d s$/);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByTestId('node-billing').click();
  const actions = page.getByLabel('Actions');
  await actions.getByLabel('Member').selectOption('1');
  await actions.getByRole('button', { name: 'Crash' }).click();
  const members = page.getByLabel('Members of billing');
  await expect(members.locator('.member-row.dead')).toHaveCount(1);
  await expect(members.locator('.member-row').nth(1)).toContainText('crashed');
  // The action is now part of the scenario (autosaved), at the time it was taken.
  const timeline = await page.evaluate(() => JSON.parse(localStorage.getItem('streamlab:scenario') ?? '{}').timeline);
  expect(timeline).toHaveLength(1);
  expect(timeline[0]).toMatchObject({ action: 'crash-consumer', target: 'billing', member: 1 });
  expect(timeline[0].at).toBeGreaterThan(4000);

  // Run on: 45 s later the coordinator notices and rebalances; the charts mark it.
  await page.getByRole('button', { name: 'max', exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(async () => clock.textContent(), { timeout: 20_000 }).toMatch(/^1m/);
  const latency = page.getByRole('img', { name: /^Latency/ });
  await expect(latency.locator('.chart-mark[data-kind="crash-consumer"]')).toHaveCount(1);
  await expect(latency.locator('.chart-mark[data-kind="rebalance-start"]')).toHaveCount(2);
  await expect(members.locator('.member-row.dead')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('after-crash.png') });
});
