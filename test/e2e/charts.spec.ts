import { clockSeconds, collectProblems, expect, test } from './fixtures.ts';

test('draws latency, lag, throughput and skew with the run\'s marks, and shows values on hover', async ({ page }, testInfo) => {
  const problems = collectProblems(page);

  await page.goto('/');
  const charts = page.getByRole('region', { name: 'Charts' });
  await expect(charts).toContainText('Press Run to see latency, lag and throughput');

  await page.getByRole('group', { name: 'Speed' }).getByRole('button', { name: 'max' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const clock = page.getByRole('timer', { name: 'Simulated time' });
  await expect
    .poll(async () => (await page.getByRole('region', { name: 'Run controls' }).getAttribute('data-status')) === 'finished' || clockSeconds(await clock.textContent()) > 10, {
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
