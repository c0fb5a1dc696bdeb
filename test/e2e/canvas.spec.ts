import { expect, test } from './fixtures.ts';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
});

test('adds a component by dragging it from the palette, and undo takes it away', async ({ page }) => {
  const pane = page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  await page.getByRole('button', { name: 'Add Topic' }).dragTo(pane, { targetPosition: { x: box.width / 2, y: 80 } });
  await expect(page.getByTestId('node-topic-1')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.getByTestId('node-topic-1')).toBeVisible();
});

test('refuses an illegal wire with the rule table’s reason and keeps the canvas as it was', async ({ page }) => {
  const pane = page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  await page.getByRole('button', { name: 'Add Topic' }).dragTo(pane, { targetPosition: { x: box.width / 2, y: 80 } });
  await expect(page.getByTestId('node-topic-1')).toBeVisible();
  // Drag a wire from the orders topic's output to the new topic's input: topic to topic is illegal.
  const from = page.getByTestId('node-orders').locator('.react-flow__handle.source');
  const to = page.getByTestId('node-topic-1').locator('.react-flow__handle.target');
  await from.hover();
  await page.mouse.down();
  const target = (await to.boundingBox())!;
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 10 });
  await page.mouse.up();
  await expect(page.getByRole('alert')).toContainText('Wire refused: a topic can be wired only to a consumer-group');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
});

test('a reload restores the edited scenario (autosave)', async ({ page }) => {
  const pane = page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  await page.getByRole('button', { name: 'Add Service' }).dragTo(pane, { targetPosition: { x: box.width / 2, y: 80 } });
  await expect(page.getByTestId('node-service-1')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('node-service-1')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
});
