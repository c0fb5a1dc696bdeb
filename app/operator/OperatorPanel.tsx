/**
 * The operator's view: what people on call watch, each signal green, amber or red against its
 * thresholds (the scenario's own under `operator`, else the defaults). Follows the run like Explain.
 */
import { useMemo } from 'react';
import { operatorView } from '../../engine/analysis/operator.ts';
import { formatClock } from '../run/formatClock.ts';
import { useRunStore } from '../run/runStore.ts';
import { useRunScenario } from '../run/useRunScenario.ts';
import { LEVEL_NAMES, signalSections } from './signals.ts';
import './operator.css';

export function OperatorPanel() {
  const summary = useRunStore((s) => s.summary);
  const summaryMs = useRunStore((s) => s.summaryMs);
  const scenario = useRunScenario();
  const view = useMemo(() => (scenario && summary && summaryMs > 0 ? operatorView(scenario, summary, useRunStore.getState().series) : null), [scenario, summary, summaryMs]);
  if (!view) return <p className="explain-empty">Run or step the scenario: the signals an operator watches appear here, green, amber or red.</p>;
  return (
    <div className="operator" aria-label="Operator's view">
      <p className={`operator-overall level-${LEVEL_NAMES[view.level]}`} role="status">
        <span className="operator-dot" /> {view.level === 0 ? 'All signals green' : view.level === 1 ? 'Something needs a look' : 'Something is wrong'} at {formatClock(summaryMs)}
      </p>
      {signalSections(view).map((section) => (
        <section key={section.title} className="operator-section" aria-label={`Signals of ${section.title}`}>
          <h3 className="explain-heading">{section.title}</h3>
          <table className="operator-table">
            <tbody>
              {section.rows.map((row) => (
                <tr key={row.key} className={`level-${LEVEL_NAMES[row.level]}`} title={row.thresholds} data-level={LEVEL_NAMES[row.level]}>
                  <td>
                    <span className="operator-dot" aria-label={LEVEL_NAMES[row.level]} />
                  </td>
                  <th scope="row">{row.label}</th>
                  <td className="operator-value">{row.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <p className="operator-hint">Hover a signal for its thresholds; set your own under "operator" in the scenario file.</p>
    </div>
  );
}
