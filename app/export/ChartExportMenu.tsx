/**
 * The download button in a chart's title row: the chart as a standalone SVG, or as a PNG at twice
 * its size, named `<scenario>-<chart>-seed<seed>`.
 */
import { useRef } from 'react';
import { useScenarioStore } from '../store/scenarioStore.ts';
import { chartSvgFile, svgToPng, type ExportLegend } from './chartSvg.ts';
import { downloadBlob, downloadText } from './download.ts';
import { exportFileName } from './fileName.ts';
import { Menu } from './Menu.tsx';
import { runIdentity } from './runScenario.ts';
import './export.css';

/** What a chart card needs to offer itself as a file. */
export interface ChartExport {
  /** The chart in file names: `latency`, `lag-billing`. */
  name: string;
  legend?: ExportLegend;
}

export function ChartExportMenu({ title, unit, exportAs }: { title: string; unit?: string; exportAs: ChartExport }) {
  const anchor = useRef<HTMLSpanElement>(null);

  const file = () => {
    const svg = anchor.current?.closest('.chart')?.querySelector<SVGSVGElement>('.chart-body > svg');
    if (!svg) return null;
    const run = runIdentity();
    const { text, width, height } = chartSvgFile(svg, { title, unit, legend: exportAs.legend, caption: `${run.name} · seed ${run.seed}` });
    return { text, width, height, name: (extension: string) => exportFileName(run.name, exportAs.name, run.seed, extension) };
  };

  return (
    <span ref={anchor} className="chart-export">
      <Menu
        label={`Download the ${title} chart`}
        title="Download this chart as SVG or PNG"
        items={() => [
          {
            label: 'SVG',
            note: 'vector, for documents',
            onSelect: () => {
              const chart = file();
              if (chart) downloadText(chart.text, chart.name('svg'), 'image/svg+xml');
            },
          },
          {
            label: 'PNG',
            note: 'image, twice the size',
            onSelect: () => {
              const chart = file();
              if (!chart) return;
              svgToPng(chart.text, chart.width, chart.height, 2).then(
                (png) => downloadBlob(png, chart.name('png')),
                (error: unknown) => useScenarioStore.setState({ notice: { text: `The PNG could not be made: ${error instanceof Error ? error.message : String(error)}` } }),
              );
            },
          },
        ]}
      >
        <svg width={12} height={12} viewBox="0 0 12 12" aria-hidden="true">
          <path d="M6 1.5v6M3.5 5 6 7.5 8.5 5M2 10.5h8" fill="none" stroke="currentColor" strokeWidth={1.4} strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </Menu>
    </span>
  );
}
