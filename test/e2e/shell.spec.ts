import { collectProblems, expect, test } from './fixtures.ts';

test('opens with the first-stream scenario on the React Flow canvas', async ({ page }, testInfo) => {
  const problems = collectProblems(page);

  await page.goto('/');

  await expect(page).toHaveTitle('Streamlab');
  await expect(page.getByRole('heading', { name: 'Streamlab' })).toBeVisible();

  const canvas = page.locator('.react-flow');
  await expect(canvas).toBeVisible();
  await expect(canvas.locator('.react-flow__pane')).toBeVisible();
  await expect(canvas.locator('.react-flow__viewport')).toBeAttached();
  await expect(canvas.locator('.react-flow__background')).toBeVisible();
  await expect(canvas.locator('.react-flow__controls')).toBeVisible();
  await expect(canvas.locator('.react-flow__minimap')).toBeVisible();

  // The first library scenario is on the canvas, ready to run.
  await expect(canvas.locator('.react-flow__node')).toHaveCount(3);
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.getByTestId('node-orders')).toContainText('3 partitions');

  // The canvas fills the window below the header, between the palette and the side panel (Inspector, Explain).
  const viewport = page.viewportSize();
  const box = await canvas.boundingBox();
  const palette = await page.getByLabel('Palette').boundingBox();
  const inspector = await page.locator('.side-panel').boundingBox();
  await expect(page.locator('.side-panel').getByLabel('Inspector')).toBeVisible();
  expect(viewport).not.toBeNull();
  expect(box).not.toBeNull();
  expect(palette).not.toBeNull();
  expect(box!.x).toBeCloseTo(palette!.x + palette!.width, 0);
  expect(box!.x + box!.width).toBeCloseTo(inspector!.x, 0);
  expect(inspector!.x + inspector!.width).toBeCloseTo(viewport!.width, 0);
  // The charts strip sits under the canvas, down to the bottom of the window.
  const charts = (await page.getByLabel('Charts').boundingBox())!;
  expect(box!.y + box!.height).toBeCloseTo(charts.y, 0);
  expect(charts.y + charts.height).toBeCloseTo(viewport!.height, 0);
  expect(box!.height).toBeGreaterThan(viewport!.height / 3);

  const screenshot = testInfo.outputPath('shell.png');
  await page.screenshot({ path: screenshot });
  await testInfo.attach('shell', { path: screenshot, contentType: 'image/png' });

  expect(problems).toEqual([]);
});
