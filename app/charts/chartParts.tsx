/**
 * The pieces every chart shares: its frame (margins and the time scale over [0, end]), the time and
 * value axes, the marks layer and the hover tooltip. React renders the SVG; d3 only makes scales.
 */
import { scaleLinear, type ScaleLinear } from 'd3';
import type { PointerEvent, ReactNode } from 'react';
import type { Mark } from '../../engine/model/context.ts';
import { ChartExportMenu, type ChartExport } from '../export/ChartExportMenu.tsx';
import { describeMark, formatTimeTick, MARK_CATEGORIES, markLines, markSpans, timeTicks, type MarkLine } from './chartData.ts';

export const MARGIN = { top: 14, right: 12, bottom: 20, left: 44 };

export interface Frame {
  width: number;
  height: number;
  /** The plot inside the margins. */
  plotWidth: number;
  plotHeight: number;
  /** Time in ms to x inside the plot. */
  x: ScaleLinear<number, number>;
  endMs: number;
}

export function makeFrame(width: number, height: number, endMs: number): Frame {
  const plotWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotHeight = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  return { width, height, plotWidth, plotHeight, x: scaleLinear().domain([0, endMs]).range([0, plotWidth]), endMs };
}

export function TimeAxis({ frame }: { frame: Frame }) {
  const ticks = timeTicks(frame.endMs, Math.max(2, Math.floor(frame.plotWidth / 64)));
  return (
    <g className="chart-axis chart-axis-time" transform={`translate(0,${frame.plotHeight})`}>
      <line x1={0} x2={frame.plotWidth} y1={0} y2={0} />
      {ticks.map((t) => (
        <g key={t} transform={`translate(${frame.x(t)},0)`}>
          <line y2={4} />
          <text y={14} textAnchor={t === 0 ? 'start' : frame.x(t) > frame.plotWidth - 16 ? 'end' : 'middle'}>
            {formatTimeTick(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Horizontal grid lines and labels at the value ticks. */
export function ValueAxis({ frame, y, ticks, format }: { frame: Frame; y: (value: number) => number; ticks: readonly number[]; format: (v: number) => string }) {
  return (
    <g className="chart-axis chart-axis-value">
      {ticks.map((v) => (
        <g key={v} transform={`translate(0,${y(v)})`}>
          <line className="chart-grid" x2={frame.plotWidth} />
          <text x={-6} dy="0.32em" textAnchor="end">
            {format(v)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** The lines for the marks, and the shaded rebalances and outages, of a chart. */
export function markLayer(marks: readonly Mark[], frame: Frame, nowMs: number): { lines: MarkLine[]; spans: ReturnType<typeof markSpans> } {
  return { lines: markLines(marks, frame.x, frame.plotWidth), spans: markSpans(marks, nowMs) };
}

export function MarkLayer({ frame, lines, spans }: { frame: Frame; lines: readonly MarkLine[]; spans: ReturnType<typeof markSpans> }) {
  return (
    <g className="chart-marks" aria-hidden="true">
      {spans.map((span) => (
        <rect
          key={`${span.category}-${span.target}-${span.fromMs}`}
          className="chart-mark-span"
          x={frame.x(span.fromMs)}
          width={Math.max(1, frame.x(span.toMs) - frame.x(span.fromMs))}
          y={0}
          height={frame.plotHeight}
          fill={MARK_CATEGORIES[span.category].colour}
        />
      ))}
      {lines.map((line) => (
        <g key={`${line.kind}@${line.x}`} className="chart-mark" data-kind={line.kind} transform={`translate(${line.x},0)`}>
          <line y1={-4} y2={frame.plotHeight} stroke={line.style.colour} strokeDasharray={line.style.dashed ? '3 2' : undefined} />
          {line.labelled && (
            <text y={-5} x={line.x > frame.plotWidth - 40 ? -2 : 2} textAnchor={line.x > frame.plotWidth - 40 ? 'end' : 'start'} fill={line.style.colour}>
              {line.style.label}
            </text>
          )}
        </g>
      ))}
    </g>
  );
}

/**
 * The chart's tooltip beside the pointer at plot x `px`, flipped to the left in the right half,
 * with the marks near the pointer listed under its values.
 */
export function Tooltip({ frame, px, marks, children }: { frame: Frame; px: number; marks: readonly Mark[]; children: ReactNode }) {
  const left = MARGIN.left + px;
  const flip = px > frame.plotWidth / 2;
  return (
    <div
      className="chart-tooltip"
      role="tooltip"
      style={flip ? { right: frame.width - left + 10, top: MARGIN.top } : { left: left + 10, top: MARGIN.top }}
    >
      {children}
      {marks.map((mark, i) => (
        <div key={i} className="chart-tooltip-mark">
          {describeMark(mark)}
        </div>
      ))}
    </div>
  );
}

/** Pointer x inside the plot from a pointer event on the chart's svg, or null outside the plot. */
export function plotX(event: PointerEvent<SVGSVGElement>, frame: Frame): { px: number; py: number } | null {
  const box = event.currentTarget.getBoundingClientRect();
  const px = event.clientX - box.left - MARGIN.left;
  const py = event.clientY - box.top - MARGIN.top;
  if (px < 0 || px > frame.plotWidth || py < -MARGIN.top || py > frame.plotHeight) return null;
  return { px, py };
}

/** A chart card: a title row with its legend (and, given `exportAs`, a download button), then the chart. */
export function ChartCard({ title, unit, legend, width, exportAs, children }: { title: string; unit?: string; legend?: ReactNode; width: number; exportAs?: ChartExport; children: ReactNode }) {
  return (
    <div className="chart" style={{ width }}>
      <div className="chart-head">
        <span className="chart-title">{title}</span>
        {unit && <span className="chart-unit">{unit}</span>}
        {legend && <span className="chart-legend">{legend}</span>}
        {exportAs && <ChartExportMenu title={title} unit={unit} exportAs={exportAs} />}
      </div>
      <div className="chart-body">{children}</div>
    </div>
  );
}

export function Swatch({ colour, dashed }: { colour: string; dashed?: boolean }) {
  return (
    <svg className="chart-swatch" width={14} height={8} aria-hidden="true">
      <line x1={0} x2={14} y1={4} y2={4} stroke={colour} strokeWidth={2} strokeDasharray={dashed ? '3 2' : undefined} />
    </svg>
  );
}
