import { clockSeconds, collectProblems, expect, test } from './fixtures.ts';

test('runs, pauses and resets the scenario on the canvas', async ({ page }, testInfo) => {
  const problems = collectProblems(page);

  await page.goto('/');
  const clock = page.getByRole('timer', { name: 'Simulated time' });
  await expect(clock).toHaveText('0.0 s');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(async () => clockSeconds(await clock.textContent())).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeEnabled();

  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  const paused = await clock.textContent();
  await page.waitForTimeout(500);
  await expect(clock).toHaveText(paused!);
  expect(clockSeconds(paused)).toBeGreaterThan(0);

  const screenshot = testInfo.outputPath('run-paused.png');
  await page.screenshot({ path: screenshot });
  await testInfo.attach('run paused', { path: screenshot, contentType: 'image/png' });

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(clock).toHaveText('0.0 s');
  await expect(page.getByRole('slider', { name: 'Time' })).toHaveValue('0');

  expect(problems).toEqual([]);
});
