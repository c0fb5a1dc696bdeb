import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { collectProblems, expect, openFresh, test } from './fixtures.ts';

/** The same scenario and seed from the command line: its result, and its CSV files' text by name. */
function cliRun(file: string): { result: CliResult; csv: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'streamlab-e2e-export-'));
  const out = spawnSync(process.execPath, ['bin/streamlab.js', 'run', file, '--json', '--csv', dir], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  return { result: JSON.parse(out.stdout), csv: (name) => readFileSync(join(dir, name), 'utf8') };
}

interface CliResult {
  seed: number;
  produced: number;
  engine: { events: number };
  groups: Record<string, { processed: number; duplicates: number; lost: number; rebalances: number; lag: { max: number }; latencyMs: { p50: number; p99: number; max: number } }>;
  expectations: { pass: boolean }[];
}

async function download(page: Page, open: () => Promise<void>, item: string) {
  await open();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
  return file;
}

/** Pages of the page printed to PDF on `format` paper. */
async function pdfPages(page: Page, format: 'A4' | 'Letter'): Promise<number> {
  const pdf = await page.pdf({ format, printBackground: true });
  return pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
}

const exportMenu = (page: Page) => () => page.getByRole('button', { name: 'Export', exact: true }).click();

test('exports the run: CSV mid-run and at the end, charts as SVG and PNG, and a one-page report', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const problems = collectProblems(page);
  await openFresh(page);
  await page.getByLabel('Open from the library').selectOption('hot-key');
  await expect(page.locator('.scenario-name')).toHaveText('Hot key');
  const status = page.getByRole('region', { name: 'Run controls' });

  // Nothing to export before the first sample; then the tables so far, with the report waiting for the end.
  await exportMenu(page)();
  await expect(page.getByRole('menuitem', { name: /No samples yet/ })).toBeDisabled();
  await page.keyboard.press('Escape');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toHaveText('3.0 s');
  const early = await download(page, exportMenu(page), 'group-counter.csv');
  expect(early.suggestedFilename()).toBe('hot-key-group-counter-seed42.csv');
  const earlyLines = readFileSync(await early.path(), 'utf8').trim().split('\n');
  expect(earlyLines).toHaveLength(1 + 3);
  await exportMenu(page)();
  await expect(page.getByRole('menuitem', { name: /Run report/ })).toBeDisabled();
  await expect(page.getByRole('menuitem', { name: /Run report/ })).toContainText('Run to the end to make a report');
  await page.keyboard.press('Escape');

  await page.getByRole('group', { name: 'Speed' }).getByRole('button', { name: 'max' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });

  // CSV: the same files, byte for byte, as `streamlab run --csv` for the same scenario and seed.
  const cli = cliRun('scenarios/hot-key.json');
  for (const table of ['group-counter.csv', 'topic-likes.csv', 'marks.csv']) {
    const file = await download(page, exportMenu(page), table);
    expect(file.suggestedFilename()).toBe(`hot-key-${table.replace('.csv', '')}-seed42.csv`);
    expect(readFileSync(await file.path(), 'utf8'), table).toBe(cli.csv(table));
  }
  const groupCsv = cli.csv('group-counter.csv').trim().split('\n');
  expect(groupCsv[0]).toMatch(/^time_ms,lag,lag_time_ms,throughput_out_per_s,p50_ms,p95_ms,p99_ms,paused_partitions,members,lag_likes_0,/);
  expect(groupCsv).toHaveLength(1 + 120); // 2 minutes sampled every second
  expect(earlyLines).toEqual(groupCsv.slice(0, 4)); // mid-run rows are the run's first rows

  // SVG: parses as SVG on its own, with the chart's lines, styles written in, and a title.
  const charts = page.getByRole('region', { name: 'Charts' });
  const latencyMenu = () => charts.getByRole('button', { name: 'Download the Latency chart' }).click();
  await latencyMenu();
  await page.screenshot({ path: testInfo.outputPath('chart-menu.png') });
  await page.keyboard.press('Escape');
  const svgFile = await download(page, latencyMenu, 'SVG');
  expect(svgFile.suggestedFilename()).toBe('hot-key-latency-seed42.svg');
  const svgPath = testInfo.outputPath('latency.svg');
  await svgFile.saveAs(svgPath);
  const svgText = readFileSync(svgPath, 'utf8');
  const parsed = await page.evaluate(`(() => {
    const doc = new DOMParser().parseFromString(${JSON.stringify(svgText)}, 'image/svg+xml');
    const root = doc.documentElement;
    const lines = [...doc.querySelectorAll('path.chart-line')];
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.localName, ns: root.namespaceURI,
      width: Number(root.getAttribute('width')), height: Number(root.getAttribute('height')),
      title: doc.querySelector('title')?.textContent,
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
      background: doc.querySelector('svg > rect')?.getAttribute('fill'),
      lines: lines.map((p) => ({ series: p.getAttribute('data-series'), d: p.getAttribute('d'), style: p.getAttribute('style') })),
      cursor: doc.querySelectorAll('.chart-cursor').length,
    };
  })()`);
  const svg = parsed as { error: string | null; root: string; ns: string; width: number; height: number; title: string; texts: string[]; background: string; lines: { series: string; d: string; style: string }[]; cursor: number };
  expect(svg.error).toBeNull();
  expect(svg.root).toBe('svg');
  expect(svg.ns).toBe('http://www.w3.org/2000/svg');
  expect(svg.title).toBe('Latency (p50, p95, p99) of counter');
  expect(svg.texts).toContain('Latencylog scale');
  expect(svg.texts).toContain('Hot key · seed 42');
  expect(svg.background).toBe('#ffffff');
  expect(svg.lines.map((l) => l.series)).toEqual(['p50', 'p95', 'p99']);
  for (const line of svg.lines) {
    expect(line.d).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(line.style).toContain('fill:none');
    expect(line.style).toMatch(/stroke-width:1.5px/);
  }
  expect(svg.cursor).toBe(0);
  // Opened on its own, the file shows the chart (look at the screenshot).
  const viewer = await page.context().newPage();
  await viewer.goto(`file://${svgPath}`);
  await expect(viewer.locator('svg path.chart-line')).toHaveCount(3);
  await viewer.screenshot({ path: testInfo.outputPath('latency-svg-opened.png') });
  await viewer.close();

  // PNG: a PNG file twice the SVG's size.
  const pngFile = await download(page, () => charts.getByRole('button', { name: 'Download the Lag per partition chart' }).click(), 'PNG');
  expect(pngFile.suggestedFilename()).toBe('hot-key-lag-seed42.png');
  const png = readFileSync(await pngFile.path());
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const pngWidth = png.readUInt32BE(16);
  const pngHeight = png.readUInt32BE(20);
  expect(pngWidth).toBe(2 * svg.width); // the charts share one width
  expect(pngHeight).toBeGreaterThan(2 * 120);
  expect(png.length).toBeGreaterThan(5_000);
  await pngFile.saveAs(testInfo.outputPath('lag.png'));

  // The report: the key figures are the run's result.
  await exportMenu(page)();
  await page.getByRole('menuitem', { name: /Run report/ }).click();
  const report = page.getByRole('dialog', { name: 'Run report' });
  await expect(report).toBeVisible();
  await expect(report.getByRole('heading', { level: 1 })).toHaveText('Hot key');
  await expect(report.locator('[data-figure="seed"]')).toHaveText(String(cli.result.seed));
  await expect(report.locator('[data-figure="produced"]')).toHaveAttribute('data-value', String(cli.result.produced));
  await expect(report.locator('[data-figure="events"]')).toHaveText(cli.result.engine.events.toLocaleString('en-US'));
  const counter = cli.result.groups.counter;
  const row = report.locator('tr[data-group="counter"]');
  const expected: Record<string, number> = {
    processed: counter.processed,
    lagMax: counter.lag.max,
    p50Ms: counter.latencyMs.p50,
    p99Ms: counter.latencyMs.p99,
    maxMs: counter.latencyMs.max,
    duplicates: counter.duplicates,
    lost: counter.lost,
    rebalances: counter.rebalances,
  };
  for (const [figure, value] of Object.entries(expected)) await expect(row.locator(`[data-figure="${figure}"]`), figure).toHaveAttribute('data-value', String(value));
  const passed = cli.result.expectations.filter((e) => e.pass).length;
  await expect(report.getByRole('heading', { name: `Expectations: ${passed} of ${cli.result.expectations.length} pass` })).toBeVisible();
  await expect(report.locator('.report-findings li').first()).toContainText('partition 0 takes');
  await expect(report.getByRole('img', { name: 'Latency (p50, p95, p99) of counter' }).locator('path.chart-line')).toHaveCount(3);
  await page.screenshot({ path: testInfo.outputPath('report-screen.png') });

  // On paper: the report alone, on one page.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#root')).toBeHidden();
  await expect(report.getByRole('button', { name: 'Print' })).toBeHidden();
  await page.screenshot({ path: testInfo.outputPath('report-print.png'), fullPage: true });
  expect(await pdfPages(page, 'A4')).toBe(1);
  expect(await pdfPages(page, 'Letter')).toBe(1);
  await page.emulateMedia({ media: 'screen' });

  // Keys stay in the report: Ctrl+Z does not undo the canvas behind it; Escape closes it.
  await report.locator('.report-findings').click();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Escape');
  await expect(report).toBeHidden();
  await expect(page.locator('.scenario-name')).toHaveText('Hot key');
  expect(problems).toEqual([]);
});

test('a report of a larger scenario (four groups, eight expectations) still prints on one page', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const problems = collectProblems(page);
  await openFresh(page);
  await page.getByLabel('Open from the library').selectOption('order-placed');
  await page.getByRole('group', { name: 'Speed' }).getByRole('button', { name: 'max' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Run controls' })).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });

  await exportMenu(page)();
  await page.getByRole('menuitem', { name: /Run report/ }).click();
  const report = page.getByRole('dialog', { name: 'Run report' });
  const { result } = cliRun('scenarios/order-placed.json');
  const groups = Object.keys(result.groups);
  expect(groups.length).toBeGreaterThan(1);
  await expect(report.locator('tr[data-group]')).toHaveCount(groups.length);
  for (const id of groups) await expect(report.locator(`tr[data-group="${id}"] [data-figure="processed"]`)).toHaveAttribute('data-value', String(result.groups[id].processed));
  // The charts of another group.
  await report.getByLabel('Charts of group').selectOption(groups[1]);
  await expect(report.getByRole('img', { name: `Lag per partition of ${groups[1]}` })).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: testInfo.outputPath('report-print.png'), fullPage: true });
  expect(await pdfPages(page, 'A4')).toBe(1);
  expect(await pdfPages(page, 'Letter')).toBe(1);
  await page.emulateMedia({ media: 'screen' });
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(report).toBeHidden();
  expect(problems).toEqual([]);
});

test('a report longer than a page is shrunk to fit one page when printed', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await openFresh(page);
  const scenario = JSON.parse(readFileSync('scenarios/first-stream.json', 'utf8'));
  scenario.description = 'A description that goes on. '.repeat(150);
  await page.getByLabel('Scenario file').setInputFiles({ name: 'long.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
  await page.getByRole('group', { name: 'Speed' }).getByRole('button', { name: 'max' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Run controls' })).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await exportMenu(page)();
  await page.getByRole('menuitem', { name: /Run report/ }).click();
  const sheet = page.getByRole('dialog', { name: 'Run report' }).locator('article');
  await expect(sheet).toContainText('A description that goes on.');
  expect(Number(await sheet.getAttribute('data-print-scale'))).toBeLessThan(1);

  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: testInfo.outputPath('report-print.png'), fullPage: true });
  expect(await pdfPages(page, 'A4')).toBe(1);
  expect(await pdfPages(page, 'Letter')).toBe(1);
});
