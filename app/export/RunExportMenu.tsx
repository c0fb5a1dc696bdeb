/**
 * The run bar's Export menu: the run report (once the run has reached its end) and the time series
 * as CSV tables, one download each (as soon as there are samples, also mid-run).
 */
import { useCallback, useState } from 'react';
import type { RunResult } from '../../engine/model/result.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';
import { useRunStore } from '../run/runStore.ts';
import { downloadText } from './download.ts';
import { exportFileName } from './fileName.ts';
import { Menu, type MenuItem } from './Menu.tsx';
import { runCsvFiles } from './runCsv.ts';
import { runIdentity, runScenario } from './runScenario.ts';
import { RunReport } from './RunReport.tsx';

export function RunExportMenu() {
  const [report, setReport] = useState<{ scenario: Scenario; result: RunResult } | null>(null);
  const close = useCallback(() => setReport(null), []);

  const items = (): MenuItem[] => {
    const run = useRunStore.getState();
    const loaded = runScenario();
    const items: MenuItem[] = [];
    if (run.status === 'finished' && run.result && loaded.ok) {
      const ready = { scenario: loaded.scenario, result: run.result };
      items.push({ label: 'Run report', note: 'one page, to print or save as PDF', onSelect: () => setReport(ready) });
    } else {
      items.push({ label: 'Run report', note: 'Run to the end to make a report', disabled: true });
    }
    items.push({ heading: true, label: 'Time series (CSV)' });
    if (run.series.timeMs.length === 0 || !loaded.ok) {
      items.push({ label: 'No samples yet', note: 'Run or Step first', disabled: true });
      return items;
    }
    // The tables as they are now: what the menu lists is what it downloads.
    const { name, seed } = runIdentity();
    for (const file of runCsvFiles(run, loaded.scenario)) {
      const fileName = exportFileName(name, file.name.replace(/\.csv$/, ''), seed, 'csv');
      items.push({ label: file.name, onSelect: () => downloadText(file.text, fileName, 'text/csv') });
    }
    return items;
  };

  return (
    <>
      <Menu label="Export" title="The run report, and the time series as CSV" className="run-export" buttonClassName="run-button" items={items}>
        Export
      </Menu>
      {report && <RunReport scenario={report.scenario} result={report.result} onClose={close} />}
    </>
  );
}
