import { expect, test } from './fixtures.ts';

test('shows the Streamlab header and an empty React Flow canvas', async ({ page }, testInfo) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });

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

  // The canvas fills the window below the header.
  const viewport = page.viewportSize();
  const box = await canvas.boundingBox();
  expect(viewport).not.toBeNull();
  expect(box).not.toBeNull();
  expect(box!.width).toBeCloseTo(viewport!.width, 0);
  expect(box!.y + box!.height).toBeCloseTo(viewport!.height, 0);
  expect(box!.height).toBeGreaterThan(viewport!.height / 2);

  const screenshot = testInfo.outputPath('shell.png');
  await page.screenshot({ path: screenshot });
  await testInfo.attach('shell', { path: screenshot, contentType: 'image/png' });

  expect(problems).toEqual([]);
});
