/**
 * The one-page run report, over the page: the scenario, seed and duration, the key figures per
 * group (and clusters' losses), the expectations, the design review's findings and the charts.
 * Print lays it out alone on one A4 or Letter page (export.css), shrunk to fit when it is long.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import type { RunResult } from '../../engine/model/result.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';
import { formatMs, timeDomain } from '../charts/chartData.ts';
import { lagChart, latencyChart, latencySeries, SKEW_CHART, skewSeries, THROUGHPUT_CHART, throughputLegend, throughputSeries } from '../charts/chartSeries.ts';
import { LagHeatmap } from '../charts/LagHeatmap.tsx';
import { LineChart } from '../charts/LineChart.tsx';
import '../charts/charts.css';
import { useRunStore } from '../run/runStore.ts';
import { describeExpectation, formatNumber, runReport, type GroupFigures } from './report.ts';
import './export.css';

/** The sheet's width on screen and on paper: A4 (210 mm) and Letter (216 mm) less 10 mm margins. */
const SHEET_WIDTH_PX = 718;
/** The printable height of the shorter page, Letter (279 mm) less 10 mm margins, and a little slack. */
const PAGE_HEIGHT_PX = 970;
const CHART_GAP = 12;
const CHART_WIDTH = (SHEET_WIDTH_PX - CHART_GAP) / 2;
const CHART_HEIGHT = 150;

export function RunReport({ scenario, result, onClose }: { scenario: Scenario; result: RunResult; onClose: () => void }) {
  const report = useMemo(() => runReport(scenario, result), [scenario, result]);
  const [groupId, setGroupId] = useState(report.groups[0]?.id ?? null);
  const sheet = useRef<HTMLElement>(null);
  const print = useRef<HTMLButtonElement>(null);
  const [printScale, setPrintScale] = useState(1);

  useEffect(() => print.current?.focus(), []);

  // The sheet has the printed width on screen too, so its height here is its height on paper.
  useLayoutEffect(() => {
    if (!sheet.current) return;
    // Less the padding it has only on screen.
    const style = getComputedStyle(sheet.current);
    const height = sheet.current.scrollHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    setPrintScale(height > PAGE_HEIGHT_PX ? Math.floor((PAGE_HEIGHT_PX / height) * 1000) / 1000 : 1);
  }, [report, groupId]);

  const passed = report.expectations.filter((e) => e.pass).length;

  return createPortal(
    <div
      className="report-overlay"
      role="dialog"
      aria-modal="true"
      aria-label="Run report"
      // Focusable, so a click on the report keeps keys here: the page's shortcuts (Ctrl+C copies
      // components, Ctrl+Z undoes an edit) must not act on the canvas behind it.
      tabIndex={-1}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="report-toolbar">
        {report.groups.length > 1 && (
          <label>
            Charts of group
            <select value={groupId ?? ''} onChange={(event) => setGroupId(event.target.value)}>
              {report.groups.map((g) => (
                <option key={g.id}>{g.id}</option>
              ))}
            </select>
          </label>
        )}
        <button ref={print} type="button" className="report-print" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <article className="report-sheet" ref={sheet} style={{ width: SHEET_WIDTH_PX, '--report-print-scale': printScale } as CSSProperties} data-print-scale={printScale}>
        <header className="report-head">
          <h1>{report.name}</h1>
          {report.description && <p className="report-description">{report.description}</p>}
          <p className="report-meta">
            <span>
              Seed <b data-figure="seed">{String(report.seed)}</b>
            </span>
            <span>
              <b data-figure="simulated">{report.simulated}</b> simulated
            </span>
            <span>
              <b data-figure="events">{formatNumber(report.events)}</b> engine events
            </span>
            <span>
              <b data-figure="produced" data-value={report.produced}>
                {formatNumber(report.produced)}
              </b>{' '}
              records produced
              {report.publishFailures > 0 && `, ${formatNumber(report.publishFailures)} publish failures`}
            </span>
            {report.stopped && <span className="report-stopped">Stopped early: {report.stopped}</span>}
          </p>
        </header>

        <section>
          <h2>Key figures</h2>
          {report.groups.length === 0 ? <p>No consumer group.</p> : <GroupTable groups={report.groups} />}
          {report.clusterLosses.map((c) => (
            <p key={c.id} className="report-loss" data-cluster={c.id}>
              Cluster {c.id} lost <b data-value={c.lost}>{formatNumber(c.lost)}</b> acknowledged records ({c.causes.join(', ')}).
            </p>
          ))}
        </section>

        {report.expectations.length > 0 && (
          <section>
            <h2>
              Expectations: {passed} of {report.expectations.length} pass
            </h2>
            <ul className="report-expectations">
              {report.expectations.map((e, i) => (
                <li key={i} data-pass={e.pass}>
                  <span className="report-verdict">{e.pass ? 'pass' : 'FAIL'}</span> <code>{describeExpectation(e)}</code>
                  <span className="report-actual">actual {e.actual === null ? 'missing' : formatNumber(e.actual)}</span>
                </li>
              ))}
            </ul>
          </section>
        )}

        <section>
          <h2>Design review</h2>
          {report.findings.length === 0 ? (
            <p>No findings.</p>
          ) : (
            <ol className="report-findings">
              {report.findings.map((f, i) => (
                <li key={i} data-severity={f.severity}>
                  <b>
                    [{f.severity}] {f.component}: {f.title}.
                  </b>{' '}
                  {f.evidence} <i>Suggested: {f.suggestion}</i>
                </li>
              ))}
            </ol>
          )}
        </section>

        <section>
          <h2>Charts{groupId !== null && report.groups.length > 1 ? ` (latency and lag of ${groupId})` : ''}</h2>
          <ReportCharts groupId={groupId} />
        </section>
      </article>
    </div>,
    document.body,
  );
}

function GroupTable({ groups }: { groups: GroupFigures[] }) {
  const columns: { key: keyof GroupFigures; name: string; format: (value: number) => string }[] = [
    { key: 'processed', name: 'processed', format: formatNumber },
    { key: 'lagMax', name: 'lag max', format: formatNumber },
    { key: 'p50Ms', name: 'p50', format: formatMs },
    { key: 'p99Ms', name: 'p99', format: formatMs },
    { key: 'maxMs', name: 'max', format: formatMs },
    { key: 'duplicates', name: 'duplicates', format: formatNumber },
    { key: 'lost', name: 'lost', format: formatNumber },
    { key: 'rebalances', name: 'rebalances', format: formatNumber },
  ];
  return (
    <table className="report-figures">
      <thead>
        <tr>
          <th scope="col">group</th>
          {columns.map((c) => (
            <th key={c.key} scope="col">
              {c.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.id} data-group={g.id}>
            <th scope="row">{g.id}</th>
            {columns.map((c) => (
              <td key={c.key} data-figure={c.key} data-value={g[c.key]}>
                {c.format(g[c.key] as number)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The run's charts at the report's size, drawn as under the canvas. */
function ReportCharts({ groupId }: { groupId: string | null }) {
  const series = useRunStore((s) => s.series);
  const seriesVersion = useRunStore((s) => s.seriesVersion);
  const marks = useRunStore((s) => s.marks);
  const durationMs = useRunStore((s) => s.durationMs);
  const [, endMs] = timeDomain(durationMs, series.timeMs);
  const group = groupId !== null ? series.groups[groupId] : undefined;
  const latency = useMemo(() => latencySeries(group), [group]);
  const throughput = useMemo(() => throughputSeries(series), [series]);
  const skew = useMemo(() => skewSeries(series), [series]);
  const shared = { width: CHART_WIDTH, height: CHART_HEIGHT, timeMs: series.timeMs, endMs, marks };
  return (
    <div className="report-charts" style={{ gap: CHART_GAP }}>
      {group && groupId !== null && (
        <>
          <LineChart {...shared} {...latencyChart(groupId)} series={latency} />
          <LagHeatmap {...shared} {...lagChart(groupId)} partitionLag={group.partitionLag} version={seriesVersion} />
        </>
      )}
      <LineChart {...shared} {...THROUGHPUT_CHART} series={throughput} legend={throughputLegend(throughput)} />
      {skew.length > 0 && <LineChart {...shared} {...SKEW_CHART} series={skew} />}
    </div>
  );
}
