/**
 * A chart as a file: an SVG that stands alone (its own xmlns, a white background, the title and
 * legend drawn in, every style it takes from charts.css written onto its elements), and a PNG drawn
 * from that SVG at twice the size. The page's chart svg is the source, so the file shows what the
 * chart shows. The string building is pure; reading styles needs the page.
 */

export type ExportLegend =
  | { kind: 'lines'; items: readonly { name: string; colour: string; dashed?: boolean }[] }
  /** A colour scale from `from` (first colour) to `to` (last). */
  | { kind: 'scale'; colours: readonly string[]; from: string; to: string };

export interface StandaloneChart {
  /** The visible title (`Latency`) and its unit (`log scale`). */
  title: string;
  unit?: string;
  /** A smaller line under the title: which scenario and seed. */
  caption?: string;
  /** What the chart shows, for the file's `<title>` (the page's accessible name). */
  label: string;
  legend?: ExportLegend;
  /** The chart's own size, below the header. */
  width: number;
  height: number;
  /** The chart's markup, styles inlined (see `chartBody`). */
  body: string;
  fontFamily: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A rough width of text at `size` px (SVG text is laid out by the viewer; this only keeps the legend clear of the title). */
function textWidth(text: string, size: number): number {
  return text.length * size * 0.6;
}

/** The legend's pieces, laid out leftwards from `right` at baseline `y`; returns the markup and where it starts. */
function legendMarkup(legend: ExportLegend, right: number, y: number): { markup: string; left: number } {
  const parts: string[] = [];
  const label = (x: number, text: string) => `<text x="${r(x)}" y="${y}" font-size="11" fill="#475569">${escapeXml(text)}</text>`;
  let x = right;
  if (legend.kind === 'lines') {
    for (const item of [...legend.items].reverse()) {
      x -= textWidth(item.name, 11);
      parts.push(label(x, item.name));
      x -= 17;
      const dash = item.dashed ? ' stroke-dasharray="3 2"' : '';
      parts.push(`<line x1="${r(x)}" x2="${r(x + 14)}" y1="${y - 4}" y2="${y - 4}" stroke="${escapeXml(item.colour)}" stroke-width="2"${dash}/>`);
      x -= 8;
    }
    return { markup: parts.join(''), left: x + 8 };
  }
  x -= textWidth(legend.to, 11);
  parts.push(label(x, legend.to));
  x -= 3;
  for (const colour of [...legend.colours].reverse()) {
    x -= 10;
    parts.push(`<rect x="${r(x)}" y="${y - 9}" width="9" height="9" fill="${escapeXml(colour)}"/>`);
  }
  x -= 3 + textWidth(legend.from, 11);
  parts.push(label(x, legend.from));
  return { markup: parts.join(''), left: x };
}

const LINE = 16;

/**
 * The whole file: a header over the chart, on white. The header is the title and unit with the
 * legend at the right when both fit on one line (the legend gets its own line when not), then the
 * caption.
 */
export function standaloneSvg(chart: StandaloneChart): { text: string; width: number; height: number } {
  const { width } = chart;
  const titleRight = 10 + textWidth(chart.title, 12) + (chart.unit ? 6 + textWidth(chart.unit, 11) : 0);
  let y = LINE;
  const header: string[] = [];
  const unit = chart.unit ? `<tspan dx="6" font-size="11" font-weight="400" fill="#94a3b8">${escapeXml(chart.unit)}</tspan>` : '';
  header.push(`<text x="10" y="${y}" font-size="12" font-weight="600" fill="#1e293b">${escapeXml(chart.title)}${unit}</text>`);
  if (chart.legend) {
    const beside = legendMarkup(chart.legend, width - 10, y);
    if (beside.left > titleRight + 12) header.push(beside.markup);
    else header.push(legendMarkup(chart.legend, width - 10, (y += LINE)).markup);
  }
  if (chart.caption) header.push(`<text x="10" y="${(y += LINE - 2)}" font-size="10" fill="#64748b">${escapeXml(chart.caption)}</text>`);
  const top = y + 6;
  const height = chart.height + top;
  const text =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(chart.fontFamily)}">` +
    `<title>${escapeXml(chart.label)}</title>` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    header.join('') +
    `<g transform="translate(0,${top})">${chart.body}</g>` +
    `</svg>\n`;
  return { text, width, height };
}

function r(value: number): string {
  return String(Math.round(value * 10) / 10);
}

// ---------------------------------------------------------------------------------------------
// From the page

/** The presentation properties charts.css sets on chart elements, and their values that need not be written. */
const PAINT: Record<string, string | null> = {
  fill: null,
  'fill-opacity': '1',
  stroke: 'none',
  'stroke-width': null,
  'stroke-dasharray': 'none',
  'stroke-opacity': '1',
  'stroke-linejoin': 'miter',
  'stroke-linecap': 'butt',
  opacity: '1',
  'paint-order': 'normal',
};
const FONT: Record<string, string | null> = { 'font-family': null, 'font-size': null, 'font-weight': '400', 'font-variant-numeric': 'normal' };
const SHAPES = new Set(['path', 'line', 'rect', 'circle', 'polyline', 'polygon', 'ellipse']);

/**
 * The chart's markup with the computed style of every shape and text written onto it, so it looks
 * the same without the page's stylesheet. The hover cursor is left out.
 */
export function chartBody(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = svg.querySelectorAll('*');
  const to = clone.querySelectorAll('*');
  for (let i = 0; i < from.length; i++) {
    const tag = from[i].localName;
    const properties = SHAPES.has(tag) ? PAINT : tag === 'text' || tag === 'tspan' ? { ...PAINT, ...FONT } : null;
    if (!properties) continue;
    const computed = getComputedStyle(from[i]);
    const declarations: string[] = [];
    for (const [name, skip] of Object.entries(properties)) {
      const value = computed.getPropertyValue(name);
      if (value !== '' && value !== skip) declarations.push(`${name}:${value}`);
    }
    to[i].setAttribute('style', declarations.join(';'));
  }
  for (const cursor of clone.querySelectorAll('.chart-cursor')) cursor.remove();
  const serializer = new XMLSerializer();
  // Children one by one: the svg element itself is replaced by the file's own.
  return Array.from(clone.childNodes, (node) => serializer.serializeToString(node)).join('');
}

/** The standalone SVG of the chart drawn by `svg` on the page, and its size. */
export function chartSvgFile(svg: SVGSVGElement, header: Pick<StandaloneChart, 'title' | 'unit' | 'caption' | 'legend'>): { text: string; width: number; height: number } {
  return standaloneSvg({
    ...header,
    label: svg.getAttribute('aria-label') ?? header.title,
    width: Number(svg.getAttribute('width')) || svg.clientWidth,
    height: Number(svg.getAttribute('height')) || svg.clientHeight,
    body: chartBody(svg),
    fontFamily: getComputedStyle(svg).fontFamily,
  });
}

/** A PNG of an SVG file `scale` times its size, on white, drawn through an <img> onto a canvas. */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas, so it cannot make a PNG.');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG.'))), 'image/png'));
}
