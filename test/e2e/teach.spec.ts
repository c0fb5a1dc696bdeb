import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { formatClock } from '../../app/run/formatClock.ts';
import { clockSeconds, collectProblems, expect, openFresh, test } from './fixtures.ts';

interface Step {
  at: string;
  text: string;
}
const lesson = (name: string) => JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8')) as { narrative: Step[] };
const seconds = (at: string) => (at.endsWith('m') ? Number(at.slice(0, -1)) * 60 : Number(at.slice(0, -1)));

async function openLesson(page: Page, name: string) {
  await openFresh(page);
  await page.getByLabel('Open from the library').selectOption(name);
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Teach' }).click();
  const bar = page.getByRole('toolbar', { name: 'Lesson' });
  await bar.getByRole('group', { name: 'Speed' }).getByRole('button', { name: 'max' }).click();
  return bar;
}

test('the consumer-crash lesson plays step by step: each step pauses at its time with its text and highlights; Back travels back', async ({ page }, testInfo) => {
  const problems = collectProblems(page);
  const { narrative } = lesson('consumer-crash-eager');
  const bar = await openLesson(page, 'consumer-crash-eager');
  const clock = bar.getByRole('timer', { name: 'Simulated time' });
  const text = page.getByRole('complementary', { name: 'Narrative' }).locator('.teach-text');

  await expect(bar).toContainText(`Step 1 of ${narrative.length}`);
  await expect(text).toHaveText(narrative[0].text);
  await expect(clock).toHaveText('0.0 s');
  await expect(page.getByTestId('node-payments-api')).toHaveClass(/highlighted/);

  for (let i = 1; i < narrative.length; i++) {
    await bar.getByRole('button', { name: 'Next →' }).click();
    await expect(bar).toContainText(`Step ${i + 1} of ${narrative.length} · at ${formatClock(seconds(narrative[i].at) * 1000)}`);
    await expect(text).toHaveText(narrative[i].text);
    // Paused exactly at the step's time, and staying there.
    await expect(clock).toHaveText(formatClock(seconds(narrative[i].at) * 1000));
    if (i === 1) {
      // "Member 1 crashes. Partitions 2 and 3 are no longer read": those light up, nothing else.
      await expect(page.locator('.member-row.highlighted')).toHaveCount(1);
      await expect(page.locator('.member-row.highlighted')).toContainText('#1');
      await expect(page.locator('.strip-bar.highlighted')).toHaveCount(2);
      await expect(page.locator('.teach-chart')).toHaveAttribute('data-chart', 'lag');
      await expect(page.getByRole('region', { name: 'The numbers now: ledger' })).toContainText('rebalance');
      await page.screenshot({ path: testInfo.outputPath('teach-step-2.png') });
    }
  }
  const last = clockSeconds(await clock.textContent());
  await page.waitForTimeout(400);
  expect(clockSeconds(await clock.textContent())).toBe(last);

  // Back: the previous step, rebuilt by time travel.
  await bar.getByRole('button', { name: '← Back' }).click();
  const previous = narrative[narrative.length - 2];
  await expect(text).toHaveText(previous.text);
  await expect(clock).toHaveText(formatClock(seconds(previous.at) * 1000));
  await expect(bar).toContainText(`Step ${narrative.length - 1} of ${narrative.length}`);

  // The arrow key goes forward again, and the last step offers to play to the end.
  await page.keyboard.press('ArrowRight');
  await expect(text).toHaveText(narrative[narrative.length - 1].text);
  await bar.getByRole('button', { name: 'Play to the end →' }).click();
  await expect(clock).toHaveText('2m 0s');
  expect(problems).toEqual([]);
});

test('the hot-key lesson highlights the hot partition and jumps between steps with the step dots', async ({ page }) => {
  const problems = collectProblems(page);
  const { narrative } = lesson('hot-key');
  const bar = await openLesson(page, 'hot-key');
  const text = page.getByRole('complementary', { name: 'Narrative' }).locator('.teach-text');
  await expect(text).toHaveText(narrative[0].text);
  // Partition 0 of 12 (a strip of bars), and the throughput chart the first step points at.
  await expect(page.locator('.strip-bar.highlighted')).toHaveCount(1);
  await expect(page.locator('.teach-chart')).toHaveAttribute('data-chart', 'throughput');

  await bar.getByRole('button', { name: `Step 5 at ${formatClock(seconds(narrative[4].at) * 1000)}` }).click();
  await expect(text).toHaveText(narrative[4].text);
  await expect(bar.getByRole('timer', { name: 'Simulated time' })).toHaveText(formatClock(seconds(narrative[4].at) * 1000));
  await expect(page.locator('.teach-chart')).toHaveAttribute('data-chart', 'lag');
  await expect(page.getByTestId('node-counter')).toHaveClass(/highlighted/);

  await bar.getByRole('button', { name: 'Step 2 at 3.0 s' }).click();
  await expect(text).toHaveText(narrative[1].text);

  // Exit goes back to building, with nothing left highlighted.
  await bar.getByRole('button', { name: 'Exit' }).click();
  await expect(page.getByRole('region', { name: 'Run controls' })).toBeVisible();
  await expect(page.locator('.component-node.highlighted')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a scenario without a narrative says how to get one', async ({ page }) => {
  await openFresh(page);
  await page.getByRole('button', { name: 'New' }).click();
  await page.getByRole('navigation', { name: 'View' }).getByRole('button', { name: 'Teach' }).click();
  await expect(page.getByText('has no narrative to teach from')).toBeVisible();
});
