/**
 * The `test` and `expect` every browser test imports instead of `@playwright/test`'s own, so that a
 * missing Chromium fails the test in CI and skips it elsewhere (see chromium.ts).
 */
import { test as base, type Page } from '@playwright/test';
import { chromiumMissing, chromiumMissingMessage, inCI } from './chromium.ts';

export const test = base.extend<{ requireChromium: void }>({
  // Auto fixtures are set up before `page`, so this runs before any browser launch is attempted.
  requireChromium: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      if (chromiumMissing && inCI) {
        throw new Error(`${chromiumMissingMessage} CI=true, so the browser tests fail instead of being skipped.`);
      }
      base.skip(chromiumMissing, chromiumMissingMessage);
      await use();
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';

/** Opens the page as a newcomer would: nothing saved from an earlier test. */
export async function openFresh(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
}

/** Collects page errors and console errors, for a test to expect none. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return problems;
}

/** The simulated clock's text in seconds: `12.3 s` or `2m 5s`. */
export function clockSeconds(text: string | null): number {
  const short = /^(\d+(?:\.\d+)?) s$/.exec(text ?? '');
  if (short) return Number(short[1]);
  const long = /^(?:(\d+)h )?(\d+)m (\d+)s$/.exec(text ?? '');
  if (long) return Number(long[1] ?? 0) * 3600 + Number(long[2]) * 60 + Number(long[3]);
  throw new Error(`the simulated clock shows "${text}"`);
}
