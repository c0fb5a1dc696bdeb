/**
 * Where the browser tests find Chromium, and what to do without it. They drive Debian's `chromium`
 * package, never a browser downloaded by Playwright; STREAMLAB_CHROMIUM points them at another
 * binary. Without Chromium they fail when CI=true (CI must never pass by skipping them) and are
 * skipped elsewhere. Shared by playwright.config.ts and fixtures.ts.
 */
import { existsSync } from 'node:fs';

export const inCI = process.env.CI === 'true';
export const chromiumPath = process.env.STREAMLAB_CHROMIUM || '/usr/bin/chromium';
export const chromiumMissing = !existsSync(chromiumPath);

export const chromiumMissingMessage =
  `Chromium not found at ${chromiumPath}. Install it with \`apt-get install -y chromium\` ` +
  '(Debian), or set STREAMLAB_CHROMIUM to a Chromium binary.';
