/**
 * The two runs side by side: A and B overlaid on one time axis (latency p99, lag and throughput out
 * of one group, with either run's marks), and the summary table with the differences.
 */
import { useMemo, useState } from 'react';
import { compareResults, type CompareRow } from '../../engine/analysis/compare.ts';
import type { Mark } from '../../engine/model/context.ts';
import { formatCount, formatMs } from '../charts/chartData.ts';
import { LineChart, type LineSeries } from '../charts/LineChart.tsx';
import { useElementSize } from '../charts/useElementSize.ts';
import '../charts/charts.css';
import type { Comparison, VariantRun } from './compareStore.ts';
import { useCompareStore } from './compareStore.ts';
import { formatDifference, formatFigure, formatRelative, shownBetter } from './compareFormat.ts';
import { GroupSelect } from '../charts/GroupSelect.tsx';

/** A in the charts' blue, B in a contrasting orange and dashed, so they differ in print too. */
export const VARIANT_STYLE = {
  a: { colour: '#2563eb', dashed: false, name: 'A (canvas)' },
  b: { colour: '#ea580c', dashed: true, name: 'B (changed)' },
} as const;

const CHARTS = 3;
const MIN_CHART_WIDTH = 300;
const GAP = 8;
const CHART_HEIGHT = 200;

type MarksShown = 'both' | 'a' | 'b';

const positive = (value: number) => value > 0;
const formatRate = (value: number) => `${formatCount(value)}/s`;

/** Marks of one run, their target tagged with the variant so the tooltip says whose they are. */
function tagged(marks: readonly Mark[], variant: 'A' | 'B'): Mark[] {
  return marks.map((m) => ({ ...m, target: `${m.target} (${variant})` }));
}

export function CompareResults({ comparison }: { comparison: Comparison }) {
  const { a, b } = comparison;
  const chosen = useCompareStore((s) => s.groupId);
  const [marksShown, setMarksShown] = useState<MarksShown>('both');
  const [rowRef, size] = useElementSize<HTMLDivElement>();
  const groupIds = useMemo(() => [...new Set([...Object.keys(a.series.groups), ...Object.keys(b.series.groups)])], [a, b]);
  const groupId = chosen !== null && groupIds.includes(chosen) ? chosen : (groupIds[0] ?? null);
  const rows = useMemo(() => compareResults(a.result, b.result), [a, b]);

  const timeMs = a.series.timeMs.length >= b.series.timeMs.length ? a.series.timeMs : b.series.timeMs;
  const endMs = Math.max(a.result.simulatedMs, b.result.simulatedMs, timeMs[timeMs.length - 1] ?? 0, 1000);
  const marks = useMemo(
    () => [...(marksShown !== 'b' ? tagged(a.marks, 'A') : []), ...(marksShown !== 'a' ? tagged(b.marks, 'B') : [])].sort((x, y) => x.timeUs - y.timeUs),
    [a, b, marksShown],
  );

  const visible = Math.min(CHARTS, Math.max(1, Math.floor((size.width + GAP) / (MIN_CHART_WIDTH + GAP))));
  const width = Math.max(MIN_CHART_WIDTH, Math.floor((size.width - GAP * (visible - 1)) / visible));
  const shared = { width, height: CHART_HEIGHT, timeMs, endMs, marks };
  const pair = (pick: (run: VariantRun) => readonly number[] | undefined, defined?: (v: number) => boolean): LineSeries[] =>
    (['a', 'b'] as const).flatMap((variant) => {
      const values = pick(comparison[variant]);
      return values ? [{ id: variant.toUpperCase(), ...VARIANT_STYLE[variant], values, defined }] : [];
    });

  return (
    <section className="compare-results" aria-label="Comparison">
      <div className="compare-charts-head">
        {groupIds.length > 1 ? (
          <GroupSelect groupIds={groupIds} value={groupId} onChange={(id) => useCompareStore.getState().setGroup(id)} />
        ) : (
          groupId !== null && <span>Group {groupId}</span>
        )}
        <span className="compare-key">
          <span className="compare-key-item">
            <svg width="22" height="8" aria-hidden="true">
              <line x1="0" x2="22" y1="4" y2="4" stroke={VARIANT_STYLE.a.colour} strokeWidth="2" />
            </svg>
            A, solid: the scenario on the canvas
          </span>
          <span className="compare-key-item">
            <svg width="22" height="8" aria-hidden="true">
              <line x1="0" x2="22" y1="4" y2="4" stroke={VARIANT_STYLE.b.colour} strokeWidth="2" strokeDasharray="4 3" />
            </svg>
            B, dashed: with the change
          </span>
        </span>
        <label className="compare-marks">
          Marks of
          <select value={marksShown} onChange={(event) => setMarksShown(event.target.value as MarksShown)}>
            <option value="both">A and B</option>
            <option value="a">A</option>
            <option value="b">B</option>
          </select>
        </label>
      </div>
      <div className="compare-charts" ref={rowRef}>
        {size.width > 0 && groupId !== null && (
          <>
            <LineChart
              {...shared}
              label={`Latency p99 of ${groupId}, A and B`}
              title={`Latency p99 · ${groupId}`}
              unit="log scale"
              series={pair((run) => run.series.groups[groupId]?.p99Ms, positive)}
              format={formatMs}
              scale="log"
            />
            <LineChart {...shared} label={`Lag of ${groupId}, A and B`} title={`Lag · ${groupId}`} unit="records" series={pair((run) => run.series.groups[groupId]?.lag)} format={formatCount} />
            <LineChart
              {...shared}
              label={`Throughput out of ${groupId}, A and B`}
              title={`Throughput out · ${groupId}`}
              series={pair((run) => run.series.groups[groupId]?.throughputOut)}
              format={formatRate}
            />
          </>
        )}
        {groupId === null && <p className="compare-empty">No consumer group: the table below has the whole run's figures.</p>}
      </div>
      <SummaryTable rows={rows} />
      <p className="compare-table-note">
        Green marks the better side where lower is better (latency, lag, losses, duplicates) and the two differ by 1% or more; ≈ means less than 1% apart. Relative change is (B − A) / A.
      </p>
    </section>
  );
}

const BETTER_TEXT = { a: 'A', b: 'B', same: '=', close: '≈', none: '' };
const BETTER_TITLE = {
  a: 'A is better',
  b: 'B is better',
  same: 'The same',
  close: 'Less than 1% apart: neither is called better',
  none: 'Neither higher nor lower is better in itself',
};

function SummaryTable({ rows }: { rows: CompareRow[] }) {
  const sections = useMemo(() => {
    const bySection = new Map<string, CompareRow[]>();
    for (const row of rows) bySection.set(row.section, [...(bySection.get(row.section) ?? []), row]);
    return [...bySection];
  }, [rows]);
  return (
    <table className="compare-table" aria-label="Summary of A and B">
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">A</th>
          <th scope="col">B</th>
          <th scope="col">B − A</th>
          <th scope="col">Change</th>
          <th scope="col">Better</th>
        </tr>
      </thead>
      {sections.map(([section, sectionRows]) => (
        <tbody key={section}>
          <tr className="compare-section">
            <th colSpan={6} scope="rowgroup">
              {section === 'run' ? 'Whole run' : section[0].toUpperCase() + section.slice(1)}
            </th>
          </tr>
          {sectionRows.map((row) => {
            const better = shownBetter(row);
            return (
              <tr key={row.path} data-path={row.path} className={better === 'a' ? 'worse' : better === 'b' ? 'improved' : undefined}>
                <th scope="row">
                  {row.label} <code>{row.path}</code>
                </th>
                <td className={better === 'a' ? 'better' : undefined} data-value={row.a ?? ''}>
                  {formatFigure(row.a, row.unit)}
                </td>
                <td className={better === 'b' ? 'better' : undefined} data-value={row.b ?? ''}>
                  {formatFigure(row.b, row.unit)}
                </td>
                <td className="compare-difference">{formatDifference(row.difference, row.unit)}</td>
                <td className="compare-difference">{formatRelative(row)}</td>
                <td className="compare-better" title={BETTER_TITLE[better ?? 'none']}>
                  {BETTER_TEXT[better ?? 'none']}
                </td>
              </tr>
            );
          })}
        </tbody>
      ))}
    </table>
  );
}
