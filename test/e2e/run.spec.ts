import { expect, test } from './fixtures.ts';

/** The clock's text in seconds: `12.3 s` or `2m 5s`. */
function seconds(text: string | null): number {
  const short = /^(\d+(?:\.\d+)?) s$/.exec(text ?? '');
  if (short) return Number(short[1]);
  const long = /^(?:(\d+)h )?(\d+)m (\d+)s$/.exec(text ?? '');
  if (long) return Number(long[1] ?? 0) * 3600 + Number(long[2]) * 60 + Number(long[3]);
  throw new Error(`the simulated clock shows "${text}"`);
}

test('runs, pauses and resets the scenario on the canvas', async ({ page }, testInfo) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });

  await page.goto('/');
  const clock = page.getByRole('timer', { name: 'Simulated time' });
  await expect(clock).toHaveText('0.0 s');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(async () => seconds(await clock.textContent())).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeEnabled();

  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  const paused = await clock.textContent();
  await page.waitForTimeout(500);
  await expect(clock).toHaveText(paused!);
  expect(seconds(paused)).toBeGreaterThan(0);

  const screenshot = testInfo.outputPath('run-paused.png');
  await page.screenshot({ path: screenshot });
  await testInfo.attach('run paused', { path: screenshot, contentType: 'image/png' });

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(clock).toHaveText('0.0 s');
  await expect(page.getByRole('progressbar', { name: 'Run progress' })).toHaveAttribute('value', '0');

  expect(problems).toEqual([]);
});
