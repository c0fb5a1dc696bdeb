/**
 * Series over time as lines, one path each, thinned to about a point per pixel; the run's marks as
 * vertical lines; a cursor and a tooltip with every series' value at the sample under the pointer.
 */
import { line as lineShape, scaleLinear, scaleLog } from 'd3';
import { memo, useMemo, useState } from 'react';
import type { Mark } from '../../engine/model/context.ts';
import { formatTime, logDomain, logTicks, marksNear, maxOf, minPositive, nearestSample, niceCeil, thinSamples } from './chartData.ts';
import { ChartCard, makeFrame, MARGIN, MarkLayer, markLayer, plotX, Swatch, TimeAxis, Tooltip, ValueAxis } from './chartParts.tsx';

export interface LineSeries {
  id: string;
  name: string;
  colour: string;
  values: readonly number[];
  dashed?: boolean;
  /** Samples where this is false are gaps (a latency of 0: nothing finished in the interval). */
  defined?: (value: number) => boolean;
}

export interface LineChartProps {
  /** The svg's accessible name. */
  label: string;
  title: string;
  /** Beside the title, lighter: `ms`, `records/s`. */
  unit?: string;
  width: number;
  height: number;
  timeMs: readonly number[];
  endMs: number;
  series: readonly LineSeries[];
  marks: readonly Mark[];
  format: (value: number) => string;
  /** A log axis shows a spike of seconds and a steady few milliseconds together; values ≤ 0 are gaps. */
  scale?: 'linear' | 'log';
  /** The bottom of a linear value axis (skew starts at 1, even). */
  yMin?: number;
  /** What the title row's legend shows; the series themselves by default. */
  legend?: readonly { name: string; colour: string; dashed?: boolean }[];
  /** The value axis reaches at least this high, so a flat line does not fill the chart. */
  yMaxAtLeast?: number;
  /** Offers the chart as SVG and PNG files, with this in their names (`latency`). */
  exportName?: string;
}

export const LineChart = memo(function LineChart({ label, title, unit, width, height, timeMs, endMs, series, legend = series, marks, format, scale = 'linear', yMin = 0, yMaxAtLeast = 0, exportName }: LineChartProps) {
  const [hover, setHover] = useState<{ px: number } | null>(null);
  const frame = useMemo(() => makeFrame(width, height, endMs), [width, height, endMs]);
  const nowMs = timeMs.length > 0 ? timeMs[timeMs.length - 1] : 0;

  const drawn = useMemo(() => {
    const columns = series.map((s) => s.values);
    let y: (value: number) => number;
    let ticks: number[];
    if (scale === 'log') {
      const domain = logDomain(minPositive(columns), maxOf(columns));
      const log = scaleLog().domain(domain).range([frame.plotHeight, 0]).clamp(true);
      y = (value) => log(value);
      ticks = logTicks(domain);
    } else {
      // With nothing to show yet (all zero) the axis still spans a readable range, not 1e-9.
      const top = niceCeil(Math.max(maxOf(columns, yMin), yMaxAtLeast, yMin + 1) * 1.05);
      const linear = scaleLinear().domain([yMin, top]).range([frame.plotHeight, 0]).nice();
      y = (value) => linear(Math.max(yMin, value));
      ticks = linear.ticks(4);
    }
    // Buckets over the samples so far: their share of the plot's width, two points (min, max) each.
    const buckets = Math.max(1, Math.floor(frame.x(nowMs) / 2));
    const paths = series.map((s) => {
      const defined = s.defined ?? (() => true);
      const shape = lineShape<number>()
        .x((i) => frame.x(timeMs[i]))
        .y((i) => y(s.values[i]))
        .defined((i) => defined(s.values[i]));
      return { series: s, d: shape(thinSamples(timeMs, s.values, buckets, defined)) ?? '' };
    });
    return { y, ticks, paths };
    // `series` is a new array whenever samples arrive (the columns inside grow in place).
  }, [series, frame, timeMs, nowMs, scale, yMin, yMaxAtLeast]);

  const layer = useMemo(() => markLayer(marks, frame, nowMs), [marks, frame, nowMs]);

  const index = hover ? nearestSample(timeMs, frame.x.invert(hover.px)) : -1;
  const cursorX = index >= 0 ? frame.x(timeMs[index]) : 0;
  const near = hover ? marksNear(layer.lines, hover.px) : [];

  return (
    <ChartCard
      title={title}
      unit={unit}
      width={width}
      exportAs={exportName ? { name: exportName, legend: { kind: 'lines', items: legend } } : undefined}
      legend={legend.map((s) => (
        <span key={s.name} className="chart-legend-item">
          <Swatch colour={s.colour} dashed={s.dashed} />
          {s.name}
        </span>
      ))}
    >
      <svg
        role="img"
        aria-label={label}
        width={width}
        height={height}
        onPointerMove={(event) => {
          const at = plotX(event, frame);
          setHover(at && timeMs.length > 0 ? { px: at.px } : null);
        }}
        onPointerLeave={() => setHover(null)}
      >
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <ValueAxis frame={frame} y={drawn.y} ticks={drawn.ticks} format={format} />
          <MarkLayer frame={frame} lines={layer.lines} spans={layer.spans} />
          <TimeAxis frame={frame} />
          <g className="chart-lines">
            {drawn.paths.map(({ series: s, d }) => (
              <path key={s.id} className="chart-line" data-series={s.id} d={d} stroke={s.colour} strokeDasharray={s.dashed ? '4 3' : undefined} />
            ))}
          </g>
          {index >= 0 && (
            <g className="chart-cursor">
              <line x1={cursorX} x2={cursorX} y1={0} y2={frame.plotHeight} />
              {drawn.paths.map(({ series: s }) =>
                (s.defined ?? (() => true))(s.values[index]) ? (
                  <circle key={s.id} cx={cursorX} cy={drawn.y(s.values[index])} r={3} fill={s.colour} />
                ) : null,
              )}
            </g>
          )}
        </g>
      </svg>
      {index >= 0 && (
        <Tooltip frame={frame} px={cursorX} marks={near}>
          <div className="chart-tooltip-time">{formatTime(timeMs[index])}</div>
          <table>
            <tbody>
              {series.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Swatch colour={s.colour} dashed={s.dashed} /> {s.name}
                  </td>
                  <td className="chart-tooltip-value">{(s.defined ?? (() => true))(s.values[index]) ? format(s.values[index]) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Tooltip>
      )}
    </ChartCard>
  );
});
