/**
 * The Build view's right column: the Inspector (the selected component's settings), Explain (the
 * run in sentences, and the design review) or Operate (the operator's signals, green, amber, red).
 * Selecting a component shows the Inspector.
 */
import { useState } from 'react';
import { Inspector } from '../inspector/Inspector.tsx';
import { useScenarioStore } from '../store/scenarioStore.ts';
import { OperatorPanel } from '../operator/OperatorPanel.tsx';
import { ExplainPanel } from './ExplainPanel.tsx';

type Tab = 'inspect' | 'explain' | 'operate';

export function SidePanel() {
  const [tab, setTab] = useState<Tab>('inspect');
  const selected = useScenarioStore((s) => s.selected);
  // A new selection shows its settings (state adjusted while rendering, as React recommends over an effect).
  const [seenSelection, setSeenSelection] = useState(selected);
  if (seenSelection !== selected) {
    setSeenSelection(selected);
    if (selected.length > 0) setTab('inspect');
  }
  return (
    <div className="side-panel">
      <div className="side-tabs" role="tablist" aria-label="Side panel">
        <button type="button" role="tab" aria-selected={tab === 'inspect'} onClick={() => setTab('inspect')}>
          Inspect
        </button>
        <button type="button" role="tab" aria-selected={tab === 'explain'} onClick={() => setTab('explain')}>
          Explain
        </button>
        <button type="button" role="tab" aria-selected={tab === 'operate'} onClick={() => setTab('operate')}>
          Operate
        </button>
      </div>
      {tab === 'inspect' && <Inspector />}
      {tab === 'explain' && (
        <aside className="side-explain" role="tabpanel" aria-label="Explain">
          <ExplainPanel />
        </aside>
      )}
      {tab === 'operate' && (
        <aside className="side-explain" role="tabpanel" aria-label="Operate">
          <OperatorPanel />
        </aside>
      )}
    </div>
  );
}
