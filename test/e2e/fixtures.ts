/**
 * The `test` and `expect` every browser test imports instead of `@playwright/test`'s own, so that a
 * missing Chromium fails the test in CI and skips it elsewhere (see chromium.ts).
 */
import { test as base } from '@playwright/test';
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
