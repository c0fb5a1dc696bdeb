import { openFresh, expect, test } from './fixtures.ts';

test.beforeEach(async ({ page }) => {
  await openFresh(page);
});

test('the canvas shows partitions filling, committed offsets, members and their state as the run goes', async ({ page }, testInfo) => {
  await page.getByRole('button', { name: 'max', exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const clock = page.getByRole('timer', { name: 'Simulated time' });
  await expect.poll(async () => clock.textContent(), { timeout: 15_000 }).toMatch(/^1m/);
  const partitions = page.getByLabel('Partitions of orders');
  await expect(partitions.locator('.partition-row')).toHaveCount(3);
  // Every partition's log has filled and carries the billing group's committed mark.
  await expect(partitions.locator('.partition-fill').first()).toHaveAttribute('style', /width: (100|[1-9]\d)/);
  await expect(partitions.locator('.partition-committed')).toHaveCount(3);
  const members = page.getByLabel('Members of billing');
  await expect(members.locator('.member-row')).toHaveCount(3);
  await expect(members).toContainText('stable · gen 1');
  await page.screenshot({ path: testInfo.outputPath('live.png') });
});
