import { openFresh, expect, test } from './fixtures.ts';

test.beforeEach(async ({ page }) => {
  await openFresh(page);
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

test('copies and pastes components with the keyboard, and deletes them', async ({ page }) => {
  await page.getByTestId('node-orders').click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('node-topic-1')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
});

test('a topic on a cluster shows each partition’s leader and in-sync replicas', async ({ page }, testInfo) => {
  await page.getByLabel('Open from the library').selectOption('broker-crash-acks');
  await page.getByRole('button', { name: 'max', exact: true }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const partitions = page.getByLabel('Partitions of clicks-acks1');
  // Six partitions: a compact strip, with the replicas in each bar's tooltip and the totals below.
  await expect(partitions.locator('.strip-bar')).toHaveCount(6);
  await expect(partitions.locator('.strip-bar').first()).toHaveAttribute('title', /leader \d, in sync \d,\d,\d/);
  await expect(partitions).toContainText('0 offline · 0 under-replicated');
  await page.screenshot({ path: testInfo.outputPath('cluster.png') });
});
