/**
 * Lag per partition of one group as a heatmap: a row per partition, a column per slice of time, the
 * colour the largest lag in the slice. Readable at 64 partitions, where 64 lines would not be; drawn
 * as one path per colour, so its cost does not grow with the partitions times the columns.
 */
import { memo, useMemo, useState } from 'react';
import type { Mark } from '../../engine/model/context.ts';
import {
  formatCount,
  formatTime,
  heatmapCells,
  heatmapColumnCount,
  heatmapPaths,
  LAG_COLOURS,
  lagBinEdges,
  marksNear,
  nearestSample,
  sampleInterval,
} from './chartData.ts';
import { ChartCard, makeFrame, MARGIN, MarkLayer, markLayer, plotX, TimeAxis, Tooltip } from './chartParts.tsx';

export interface LagHeatmapProps {
  label: string;
  title: string;
  width: number;
  height: number;
  timeMs: readonly number[];
  endMs: number;
  /** Lag per partition: partitionLag[p][sample]; grows in place, so `version` says when it changed. */
  partitionLag: readonly (readonly number[])[];
  version: number;
  marks: readonly Mark[];
  /** Offers the chart as SVG and PNG files, with this in their names (`lag`). */
  exportName?: string;
}

export const LagHeatmap = memo(function LagHeatmap({ label, title, width, height, timeMs, endMs, partitionLag, version, marks, exportName }: LagHeatmapProps) {
  const [hover, setHover] = useState<{ px: number; partition: number } | null>(null);
  const frame = useMemo(() => makeFrame(width, height, endMs), [width, height, endMs]);
  const nowMs = timeMs.length > 0 ? timeMs[timeMs.length - 1] : 0;
  const partitions = partitionLag.length;
  const rowHeight = partitions > 0 ? frame.plotHeight / partitions : frame.plotHeight;

  const drawn = useMemo(() => {
    const columns = heatmapColumnCount(frame.plotWidth, sampleInterval(timeMs), endMs);
    const cells = heatmapCells(timeMs, partitionLag, endMs, columns);
    const edges = lagBinEdges(cells.maxLag);
    return { edges, paths: heatmapPaths(cells, edges, frame.plotWidth, frame.plotHeight) };
    // `version`: the columns grow in place, so their identity does not say they changed.
  }, [frame, timeMs, partitionLag, endMs, version]); // eslint-disable-line react-hooks/exhaustive-deps

  const layer = useMemo(() => markLayer(marks, frame, nowMs), [marks, frame, nowMs]);
  const labelStep = partitionLabelStep(partitions, rowHeight);

  const index = hover ? nearestSample(timeMs, frame.x.invert(hover.px)) : -1;
  const cursorX = index >= 0 ? frame.x(timeMs[index]) : 0;
  const near = hover ? marksNear(layer.lines, hover.px) : [];
  const top = drawn.edges[drawn.edges.length - 1];
  const colours = LAG_COLOURS.slice(0, drawn.edges.length + 1);

  return (
    <ChartCard
      title={title}
      width={width}
      exportAs={exportName ? { name: exportName, legend: { kind: 'scale', colours, from: '0', to: formatCount(top) } } : undefined}
      legend={
        <span className="heatmap-legend" role="img" aria-label={`Lag colour scale from 0 to ${formatCount(top)} records`}>
          <span>0</span>
          {colours.map((colour, bin) => (
            <span key={bin} className="heatmap-legend-swatch" style={{ background: colour }} title={binRange(bin, drawn.edges)} />
          ))}
          <span>{formatCount(top)}</span>
        </span>
      }
    >
      <svg
        role="img"
        aria-label={label}
        width={width}
        height={height}
        onPointerMove={(event) => {
          const at = plotX(event, frame);
          const partition = at ? Math.floor(at.py / rowHeight) : -1;
          setHover(at && timeMs.length > 0 && partition >= 0 && partition < partitions ? { px: at.px, partition } : null);
        }}
        onPointerLeave={() => setHover(null)}
      >
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <rect className="heatmap-background" width={frame.plotWidth} height={frame.plotHeight} />
          <g className="heatmap-cells">
            {drawn.paths.map((d, bin) => (d ? <path key={bin} className="lag-cells" data-bin={bin} d={d} fill={LAG_COLOURS[bin]} /> : null))}
          </g>
          <g className="chart-axis chart-axis-value">
            {Array.from({ length: partitions }, (_, p) => p)
              .filter((p) => p % labelStep === 0)
              .map((p) => (
                <text key={p} x={-6} y={(p + 0.5) * rowHeight} dy="0.32em" textAnchor="end">
                  p{p}
                </text>
              ))}
          </g>
          <MarkLayer frame={frame} lines={layer.lines} spans={[]} />
          <TimeAxis frame={frame} />
          {hover && index >= 0 && (
            <g className="chart-cursor">
              <line x1={cursorX} x2={cursorX} y1={0} y2={frame.plotHeight} />
              <rect className="heatmap-cursor-row" x={0} y={hover.partition * rowHeight} width={frame.plotWidth} height={rowHeight} />
            </g>
          )}
        </g>
      </svg>
      {hover && index >= 0 && (
        <Tooltip frame={frame} px={cursorX} marks={near}>
          <div className="chart-tooltip-time">{formatTime(timeMs[index])}</div>
          <table>
            <tbody>
              <tr>
                <td>partition</td>
                <td className="chart-tooltip-value">{hover.partition}</td>
              </tr>
              <tr>
                <td>lag</td>
                <td className="chart-tooltip-value">{(partitionLag[hover.partition][index] ?? 0).toLocaleString('en-US')}</td>
              </tr>
            </tbody>
          </table>
        </Tooltip>
      )}
    </ChartCard>
  );
});

/** Label every partition when rows are tall enough, else every 2nd, 4th, 8th... */
function partitionLabelStep(partitions: number, rowHeight: number): number {
  let step = 1;
  while (step < partitions && step * rowHeight < 11) step *= 2;
  return step;
}

function binRange(bin: number, edges: readonly number[]): string {
  if (bin === 0) return 'no lag';
  const from = bin === 1 ? 1 : edges[bin - 2] + 1;
  return `${formatCount(from)}–${formatCount(edges[bin - 1])} records`;
}
