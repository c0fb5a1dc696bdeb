import { expect, test } from './fixtures.ts';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('crashing a consumer while running shows on the canvas and lands on the scenario’s timeline', async ({ page }) => {
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
});
