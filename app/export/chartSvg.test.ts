import { describe, expect, it } from 'vitest';
import { escapeXml, standaloneSvg, type StandaloneChart } from './chartSvg.ts';

/** Checks that every tag is closed in order (what an XML parser needs first). Returns the open tags left, or throws. */
function checkNesting(xml: string): string[] {
  const open: string[] = [];
  for (const [, closing, name, , selfClosing] of xml.replace(/<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    if (selfClosing) continue;
    if (!closing) open.push(name);
    else if (open.pop() !== name) throw new Error(`</${name}> closes the wrong element`);
  }
  return open;
}

const chart: StandaloneChart = {
  title: 'Latency',
  unit: 'log scale',
  caption: 'Hot key · seed 42',
  label: 'Latency (p50, p95, p99) of counter',
  legend: { kind: 'lines', items: [{ name: 'p50', colour: '#38bdf8' }, { name: 'out', colour: '#10b981', dashed: true }] },
  width: 400,
  height: 200,
  body: '<g transform="translate(44,14)"><path class="chart-line" d="M0,0L10,10" style="fill:none;stroke:rgb(56, 189, 248)"></path></g>',
  fontFamily: 'system-ui, "Segoe UI", sans-serif',
};

describe('a chart as a standalone SVG', () => {
  it('declares the SVG namespace and its size, on a white background, with the title and the chart', () => {
    const { text, width, height } = standaloneSvg(chart);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(width).toBe(400);
    expect(height).toBeGreaterThan(200);
    expect(text).toContain(`width="400" height="${height}" viewBox="0 0 400 ${height}"`);
    // The background is the first thing drawn, over the whole image.
    expect(text).toMatch(new RegExp(`<title>[^<]*</title><rect width="400" height="${height}" fill="#ffffff"/>`));
    expect(text).toContain('<title>Latency (p50, p95, p99) of counter</title>');
    expect(text).toMatch(/<text [^>]*font-weight="600"[^>]*>Latency<tspan[^>]*>log scale<\/tspan><\/text>/);
    expect(text).toContain('>Hot key · seed 42</text>');
    // The chart sits under the header, moved down by its height.
    expect(text).toContain(`<g transform="translate(0,${height - 200})">${chart.body}</g>`);
    expect(checkNesting(text)).toEqual([]);
  });

  it('draws the legend: a line per series, dashed where the series is', () => {
    const { text } = standaloneSvg(chart);
    expect(text).toMatch(/<line [^>]*stroke="#38bdf8" stroke-width="2"\/>/);
    expect(text).toMatch(/<line [^>]*stroke="#10b981" stroke-width="2" stroke-dasharray="3 2"\/>/);
    expect(text).toContain('>p50</text>');
  });

  it('gives the legend its own line when it does not fit beside the title', () => {
    const wide = standaloneSvg(chart);
    const narrow = standaloneSvg({ ...chart, width: 200 });
    expect(narrow.height - chart.height).toBeGreaterThan(wide.height - chart.height);
    // Every legend piece is still inside the image.
    for (const [, x] of narrow.text.matchAll(/<(?:text|line|rect) x1?="(-?[\d.]+)"/g)) expect(Number(x)).toBeGreaterThanOrEqual(0);
  });

  it('draws a colour scale legend as swatches between its end labels', () => {
    const { text } = standaloneSvg({ ...chart, unit: undefined, legend: { kind: 'scale', colours: ['#f1f5f9', '#93c5fd', '#1e3a8a'], from: '0', to: '1.2k' } });
    expect(text.match(/<rect x="[\d.]+" y="[\d.]+" width="9" height="9" fill="#[0-9a-f]{6}"\/>/g)).toHaveLength(3);
    expect(text).toContain('>1.2k</text>');
    expect(text).toContain('>0</text>');
  });

  it('escapes names that look like markup', () => {
    const { text } = standaloneSvg({ ...chart, title: 'A <b> & "c"', caption: "it's <script>", label: '</title><x>', fontFamily: '"Evil" <font>' });
    expect(text).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
    expect(text).toContain('it&apos;s &lt;script&gt;');
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('<x>');
    expect(checkNesting(text)).toEqual([]);
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });
});
