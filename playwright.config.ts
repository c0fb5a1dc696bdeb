import { defineConfig } from '@playwright/test';
import { chromiumMissing, chromiumMissingMessage, chromiumPath, inCI } from './test/e2e/chromium.ts';

// Browser tests run against the production build (`npm run test:e2e` builds it first), served by
// `vite preview`, in Debian's Chromium. Without Chromium, test/e2e/fixtures.ts fails them in CI and
// skips them elsewhere; the notice below says so once, up front, rather than only per test.
const isMainProcess = process.env.TEST_WORKER_INDEX === undefined; // workers load this file too
// STREAMLAB_E2E_PORT and STREAMLAB_E2E_DIST let several checkouts' or helpers' browser tests run at
// once, each against its own build (`vite build --outDir ../dist-x`) on its own port.
const port = Number(process.env.STREAMLAB_E2E_PORT ?? 4873);
const dist = process.env.STREAMLAB_E2E_DIST ?? 'dist';

if (chromiumMissing && isMainProcess) {
  console.warn(`${inCI ? 'The browser tests will fail' : 'Skipping the browser tests'}: ${chromiumMissingMessage}`);
}

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Playwright empties its output directory when it starts: separate runs need separate ones.
  outputDir: dist === 'dist' ? 'test-results' : `test-results-${dist}`,
  forbidOnly: inCI,
  retries: 0,
  reporter: inCI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    browserName: 'chromium',
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
  // No server is needed when no test will reach a page.
  webServer: chromiumMissing
    ? undefined
    : {
        command: `npx vite preview --port ${port} --strictPort --outDir ../${dist}`,
        url: `http://localhost:${port}`,
        reuseExistingServer: !inCI,
        timeout: 60_000,
      },
});
