import { openFresh, expect, test } from './fixtures.ts';

test.beforeEach(async ({ page }) => {
  await openFresh(page);
});

test('edits the selected component, showing the validator’s message inline while the value is wrong', async ({ page }, testInfo) => {
  await page.getByTestId('node-orders').click();
  const inspector = page.getByLabel('Inspector');
  await expect(inspector.getByRole('heading', { name: 'orders' })).toBeVisible();
  const partitions = inspector.getByLabel('partitions', { exact: true });
  await partitions.fill('-3');
  await expect(inspector).toContainText('must be a whole number from 1 to 10000, got -3');
  await partitions.press('Enter');
  // Refused: the canvas keeps the old value, the draft stays for the user to fix.
  await expect(page.getByTestId('node-orders')).toContainText('3 partitions');
  await expect(partitions).toHaveValue('-3');
  await partitions.fill('6');
  await partitions.press('Enter');
  await expect(page.getByTestId('node-orders')).toContainText('6 partitions');
  await expect(inspector.getByLabel('retention', { exact: true })).toHaveAttribute('placeholder', 'default 7d');
  await page.screenshot({ path: testInfo.outputPath('inspector.png') });
});
