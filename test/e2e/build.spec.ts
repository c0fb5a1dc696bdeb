import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

async function dropFromPalette(page: Page, label: string, x: number, y: number) {
  const pane = page.locator('.react-flow__pane');
  await page.getByRole('button', { name: `Add ${label}` }).dragTo(pane, { targetPosition: { x, y } });
}

async function wire(page: Page, from: Locator, to: Locator) {
  await from.locator('.react-flow__handle.source').hover();
  await page.mouse.down();
  const box = (await to.locator('.react-flow__handle.target').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 10 });
  await page.mouse.up();
}

test('builds a scenario on an empty canvas by dragging and wiring, then runs it', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('button', { name: 'New' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  await dropFromPalette(page, 'Producer', 120, 200);
  await dropFromPalette(page, 'Topic', 380, 200);
  await dropFromPalette(page, 'Consumer group', 640, 200);
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await wire(page, page.getByTestId('node-producer-1'), page.getByTestId('node-topic-1'));
  await wire(page, page.getByTestId('node-topic-1'), page.getByTestId('node-group-1'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);

  await page.getByRole('button', { name: 'max', exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const clock = page.getByRole('timer', { name: 'Simulated time' });
  await expect.poll(async () => clock.textContent(), { timeout: 15_000 }).toMatch(/^1m/);
  await expect(page.getByLabel('Partitions of topic-1').locator('.partition-row')).toHaveCount(3);
  await expect(page.getByLabel('Members of group-1').locator('.member-row')).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath('built.png') });
});
