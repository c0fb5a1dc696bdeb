/**
 * `npm run bench:ui`: how the playground holds up. Builds the app, serves it, opens it in Debian's
 * Chromium, loads a 64-partition, 3-group scenario through a share link, runs it as fast as
 * possible, and reports the 95th-percentile frame time while it runs, and the size of the
 * JavaScript the page loads first (gzipped). A benchmark script: figures, not pass or fail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { hotKeyScenarioDoc } from '../../bin/commands/benchModel.ts';
import { shareLink } from '../../app/files/share.ts';
import { chromiumPath } from '../e2e/chromium.ts';

const SAMPLE_MS = 6000;

function initialScriptBytes(): { raw: number; gzipped: number; files: string[] } {
  const html = readFileSync('dist/index.html', 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const bytes = readFileSync(join('dist', file));
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzipped, files };
}

async function main() {
  await build({ logLevel: 'warn' });
  const scripts = initialScriptBytes();
  const server = await preview({ preview: { port: 4875, strictPort: true } });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(shareLink(hotKeyScenarioDoc(60), 'http://localhost:4875/'));
    await page.getByRole('button', { name: 'max', exact: true }).click();
    // Frame times come from requestAnimationFrame, as the browser paints. (A string, not a function:
    // tsx would rename the function's helpers in a way the page does not know.)
    await page.evaluate(`(() => {
      window.frames_ = [];
      let last = performance.now();
      const tick = (now) => { window.frames_.push(now - last); last = now; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForTimeout(SAMPLE_MS);
    const frames = (await page.evaluate('window.frames_.slice(2)')) as number[];
    const clock = await page.getByRole('timer', { name: 'Simulated time' }).textContent();
    const sorted = [...frames].sort((a, b) => a - b);
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
    const report = {
      scenario: '64 partitions, 3 groups, hot key, 100,000 messages/s, at max speed',
      frames: frames.length,
      frameMs: { p50: sorted[Math.floor(sorted.length / 2)], p95, max: sorted[sorted.length - 1] },
      simulatedAfter: clock,
      initialJs: { files: scripts.files, kB: scripts.raw / 1024, gzippedKB: scripts.gzipped / 1024 },
    };
    if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
    else {
      console.log(`Playground in headless Chromium, ${report.scenario}, ${SAMPLE_MS / 1000} s of wall time (simulated clock then: ${clock}):`);
      console.log(`  frame time p50 ${report.frameMs.p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${report.frameMs.max.toFixed(1)} ms over ${frames.length} frames`);
      console.log(`  initial JavaScript ${report.initialJs.kB.toFixed(0)} kB, ${report.initialJs.gzippedKB.toFixed(0)} kB gzipped (${scripts.files.join(', ')})`);
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

main().catch((error: unknown) => {
  console.error(`bench:ui: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
