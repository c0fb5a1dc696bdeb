import { readFileSync } from 'node:fs';
import { openFresh, expect, test } from './fixtures.ts';

test.beforeEach(async ({ page }) => {
  await openFresh(page);
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
});

test('opens a scenario from the library', async ({ page }) => {
  await page.getByLabel('Open from the library').selectOption('hot-key');
  await expect(page.locator('.scenario-name')).toHaveText('Hot key');
  await expect(page.getByTestId('node-likes')).toBeVisible();
});

test('saves the scenario as a file that opens again', async ({ page }, testInfo) => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save' }).click()]);
  expect(download.suggestedFilename()).toBe('first-stream.json');
  const path = testInfo.outputPath('saved.json');
  await download.saveAs(path);
  const saved = JSON.parse(readFileSync(path, 'utf8'));
  expect(saved.components.map((c: { id: string }) => c.id)).toEqual(['orders-api', 'orders', 'billing']);
  // Open another scenario, then the saved file: back to the first one.
  await page.getByLabel('Open from the library').selectOption('hot-key');
  await page.getByLabel('Scenario file').setInputFiles(path);
  await expect(page.locator('.scenario-name')).toHaveText('First stream');
});

test('refuses a bad file with the validator’s messages and keeps the canvas as it was', async ({ page }) => {
  await page.getByLabel('Scenario file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ version: 1, components: [{ id: 't', kind: 'topic', partitons: 3 }] })),
  });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('broken.json was not opened: the canvas is unchanged.');
  await expect(alert).toContainText('unknown field "partitons" (did you mean "partitions"?)');
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
});

test('a share link opens the same scenario; a broken one is refused and the canvas keeps its scenario', async ({ page }) => {
  await page.getByLabel('Open from the library').selectOption('replay');
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByLabel('Share link address').inputValue();
  expect(link).toContain('#scenario=');
  // Somewhere else, with nothing saved, the link alone brings the scenario back. (A hash change
  // alone does not reload the page: reload as a person opening the link would.)
  await page.getByLabel('Open from the library').selectOption('hot-key');
  await page.evaluate(() => localStorage.clear());
  await page.goto(link);
  await page.reload();
  await expect(page.locator('.scenario-name')).toHaveText('Replay');
  await page.goto(`${link.slice(0, link.indexOf('#'))}#scenario=not-base64!!`);
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('The share link is broken');
  // The autosaved scenario (the one opened from the link before) is still there.
  await expect(page.locator('.scenario-name')).toHaveText('Replay');
});
