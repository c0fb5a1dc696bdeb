import { expect, test } from './fixtures.ts';

/** The clock's text in seconds: `12.3 s` or `2m 5s`. */
function seconds(text: string | null): number {
  const short = /^(\d+(?:\.\d+)?) s$/.exec(text ?? '');
  if (short) return Number(short[1]);
  const long = /^(?:(\d+)h )?(\d+)m (\d+)s$/.exec(text ?? '');
  if (long) return Number(long[1] ?? 0) * 3600 + Number(long[2]) * 60 + Number(long[3]);
  throw new Error(`the simulated clock shows "${text}"`);
}

test('draws latency, lag, throughput and skew with the run\'s marks, and shows values on hover', async ({ page }, testInfo) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });

  await page.goto('/');
  const charts = page.getByRole('region', { name: 'Charts' });
  await expect(charts).toContainText('Press Run to see latency, lag and throughput');

  await page.getByRole('group', { name: 'Speed' }).getByRole('button', { name: 'max' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const clock = page.getByRole('timer', { name: 'Simulated time' });
  await expect
    .poll(async () => (await page.getByRole('region', { name: 'Run controls' }).getAttribute('data-status')) === 'finished' || seconds(await clock.textContent()) > 10, {
      timeout: 30_000,
    })
    .toBe(true);

  // first-stream: one group, billing, reading the topic orders.
  const latency = charts.getByRole('img', { name: 'Latency (p50, p95, p99) of billing' });
  await expect(latency).toBeVisible();
  await expect(latency.locator('path.chart-line[data-series="p99"]')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);

  const heatmap = charts.getByRole('img', { name: 'Lag per partition of billing' });
  await expect(heatmap.locator('path.lag-cells').first()).toHaveAttribute('d', /^M/);

  await expect(charts.getByRole('img', { name: 'Throughput in per topic and out per group' }).locator('path.chart-line')).toHaveCount(2);
  await expect(charts.getByRole('img', { name: 'Partition skew per topic' }).locator('path.chart-line')).toHaveCount(1);

  // The group's first assignment, after group.initial.rebalance.delay.ms (3 s), is a mark on every chart.
  await expect(latency.locator('.chart-mark[data-kind="rebalance-end"] line')).toHaveCount(1);
  await expect(heatmap.locator('.chart-mark[data-kind="rebalance-end"]')).toHaveCount(1);

  const box = (await latency.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  const tooltip = charts.getByRole('tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('p99');
  await expect(tooltip).toContainText(/\d+(\.\d+)? ms/);

  const screenshot = testInfo.outputPath('charts.png');
  await page.screenshot({ path: screenshot });
  await testInfo.attach('charts', { path: screenshot, contentType: 'image/png' });

  await page.mouse.move(0, 0);
  const heatBox = (await heatmap.boundingBox())!;
  await page.mouse.move(heatBox.x + heatBox.width * 0.5, heatBox.y + heatBox.height / 2);
  await expect(charts.getByRole('tooltip')).toContainText('partition');
  await expect(charts.getByRole('tooltip')).toContainText('lag');

  expect(problems).toEqual([]);
});
