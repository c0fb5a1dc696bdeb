/**
 * A metric against the swept parameter: the min–max band over the seeds, the mean as a line with
 * its 95% interval as whiskers, each seed's run as a point on top, and the target as a dashed line. d3
 * makes the scales; React renders the SVG, as the time charts do.
 */
import { area as areaShape, line as lineShape, scaleLinear, scaleLog, scalePoint } from 'd3';
import { useMemo } from 'react';
import { formatFigure, type SweepTarget } from '../../engine/analysis/sweep.ts';
import { formatCount, formatMs, logDomain, logTicks, niceCeil } from '../charts/chartData.ts';
import type { PlotData } from './sweepForm.ts';

const MARGIN = { top: 16, right: 20, bottom: 40, left: 58 };
/** Seeds of one value are spread this far apart sideways, so equal figures do not hide each other. */
const SEED_SPREAD_PX = 14;

export interface SweepPlotProps {
  data: PlotData;
  /** The swept setting, under the horizontal axis. */
  field: string;
  /** The metric, beside the vertical axis, and its unit ('ms' or ''). */
  metricLabel: string;
  unit: string;
  seedCount: number;
  target: SweepTarget | null;
  width: number;
  height: number;
}

export function SweepPlot({ data, field, metricLabel, unit, seedCount, target, width, height }: SweepPlotProps) {
  const plotWidth = Math.max(40, width - MARGIN.left - MARGIN.right);
  const plotHeight = Math.max(40, height - MARGIN.top - MARGIN.bottom);
  const format = unit === 'ms' ? formatMs : formatCount;

  const scales = useMemo(() => {
    const values = [...new Map([...data.means, ...data.points].map((p) => [p.index, p.value])).entries()].sort((a, b) => a[0] - b[0]);
    let x: (value: unknown, index: number) => number;
    let xTicks: { key: number; x: number; label: string }[];
    if (data.axis === 'category') {
      const point = scalePoint<number>()
        .domain(values.map(([index]) => index))
        .range([0, plotWidth])
        .padding(0.5);
      x = (_value, index) => point(index) ?? 0;
      xTicks = values.map(([index, value]) => ({ key: index, x: point(index) ?? 0, label: String(value) }));
    } else {
      const numbers = values.map(([, v]) => v as number);
      const lo = Math.min(...numbers);
      const hi = Math.max(...numbers);
      const domain: [number, number] = lo === hi ? [lo * 0.5 || -1, hi * 1.5 || 1] : [lo, hi];
      const scale = (data.axis === 'log' ? scaleLog() : scaleLinear()).domain(domain).range([SEED_SPREAD_PX * 2, plotWidth - SEED_SPREAD_PX * 2]);
      x = (value) => scale(value as number);
      // The values swept are the ticks: they are what the reader compares.
      xTicks = values.map(([index, value]) => ({ key: index, x: scale(value as number), label: String(value) }));
    }
    const [lo, hi] = data.extent;
    let y: (value: number) => number;
    let yTicks: number[];
    if (data.yScale === 'log') {
      const domain = logDomain(lo, hi);
      const log = scaleLog().domain(domain).range([plotHeight, 0]).clamp(true);
      y = (v) => log(Math.max(v, domain[0]));
      yTicks = logTicks(domain);
    } else {
      const linear = scaleLinear()
        .domain([Math.min(0, lo), niceCeil(Math.max(hi, 0) * 1.05)])
        .range([plotHeight, 0])
        .nice();
      y = (v) => linear(v);
      yTicks = linear.ticks(5);
    }
    return { x, xTicks, y, yTicks };
  }, [data, plotWidth, plotHeight]);

  const { x, y } = scales;
  // Between choices there is nothing to draw a line or band through: the means and whiskers stand alone.
  const joined = data.axis !== 'category';
  const band = areaShape<PlotData['means'][number]>()
    .x((m) => x(m.value, m.index))
    .y0((m) => y(m.min))
    .y1((m) => y(m.max))(data.means);
  const meanLine = lineShape<PlotData['means'][number]>()
    .x((m) => x(m.value, m.index))
    .y((m) => y(m.mean))(data.means);
  const seedOffset = (seedIndex: number) => (seedCount <= 1 ? 0 : (seedIndex / (seedCount - 1) - 0.5) * SEED_SPREAD_PX);

  return (
    <svg className="sweep-plot" role="img" aria-label={`${metricLabel} against ${field}`} width={width} height={height}>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        <g className="chart-axis chart-axis-value">
          {scales.yTicks.map((v) => (
            <g key={v} transform={`translate(0,${y(v)})`}>
              <line className="chart-grid" x2={plotWidth} />
              <text x={-6} dy="0.32em" textAnchor="end">
                {format(v)}
              </text>
            </g>
          ))}
          <text className="sweep-axis-title" transform={`translate(${-MARGIN.left + 12},${plotHeight / 2}) rotate(-90)`} textAnchor="middle">
            {metricLabel}
            {unit ? ` (${unit})` : ''}
          </text>
        </g>
        <g className="chart-axis sweep-axis-x" transform={`translate(0,${plotHeight})`}>
          <line x1={0} x2={plotWidth} />
          {scales.xTicks.map((t) => (
            <g key={t.key} transform={`translate(${t.x},0)`}>
              <line y2={4} />
              <text y={15} textAnchor="middle">
                {t.label}
              </text>
            </g>
          ))}
          <text className="sweep-axis-title" x={plotWidth / 2} y={33} textAnchor="middle">
            {field}
          </text>
        </g>
        {joined && band && <path className="sweep-band" d={band} />}
        {joined && meanLine && <path className="sweep-mean-line" d={meanLine} />}
        {data.means.map((m) =>
          m.ci95 === null ? null : (
            <g key={`ci-${m.index}`} className="sweep-ci" transform={`translate(${x(m.value, m.index)},0)`}>
              <line y1={y(m.mean - m.ci95)} y2={y(m.mean + m.ci95)} />
              <line x1={-4} x2={4} y1={y(m.mean - m.ci95)} y2={y(m.mean - m.ci95)} />
              <line x1={-4} x2={4} y1={y(m.mean + m.ci95)} y2={y(m.mean + m.ci95)} />
            </g>
          ),
        )}
        {data.means.map((m) => (
          <circle key={`mean-${m.index}`} className="sweep-mean" data-value={String(m.value)} cx={x(m.value, m.index)} cy={y(m.mean)} r={4.5}>
            <title>{`${field} ${String(m.value)}: mean ${formatFigure(m.mean)}${unit ? ` ${unit}` : ''}${m.ci95 === null ? '' : ` ± ${formatFigure(m.ci95)}`}`}</title>
          </circle>
        ))}
        {data.points.map((p) => (
          <circle
            key={`${p.index}-${p.seed}`}
            className="sweep-point"
            data-value={String(p.value)}
            data-seed={p.seed}
            data-metric={p.metric}
            cx={x(p.value, p.index) + seedOffset(p.seedIndex)}
            cy={y(p.metric)}
            r={3.5}
          >
            <title>{`${field} ${String(p.value)}, seed ${p.seed}: ${formatFigure(p.metric)}${unit ? ` ${unit}` : ''}`}</title>
          </circle>
        ))}
        {target && (
          <g className="sweep-target" transform={`translate(0,${y(target.value)})`}>
            <line x2={plotWidth} />
            <text x={4} y={-4}>
              target {target.op} {format(target.value)}
            </text>
          </g>
        )}
      </g>
    </svg>
  );
}
