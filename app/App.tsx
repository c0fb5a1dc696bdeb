import { Canvas } from './canvas/Canvas.tsx';
import { ChartsPanel } from './charts/ChartsPanel.tsx';
import { CompareView } from './compare/CompareView.tsx';
import { SidePanel } from './explain/SidePanel.tsx';
import { FileActions } from './files/FileActions.tsx';
import { NoticeBar } from './NoticeBar.tsx';
import { Palette } from './palette/Palette.tsx';
import './run/recordActions.ts';
import { RunPanel } from './run/RunPanel.tsx';
import { useScenarioStore } from './store/scenarioStore.ts';
import { SweepView } from './sweep/SweepView.tsx';
import { TeachView } from './teach/TeachView.tsx';
import { useShortcuts } from './useShortcuts.ts';
import { ViewSwitch } from './view/ViewSwitch.tsx';
import { useViewStore } from './view/viewStore.ts';

/** The page: a header with the view switch, then the chosen view, and the notice bar for refusals. */
export function App() {
  useShortcuts();
  const name = useScenarioStore((s) => (typeof s.doc.name === 'string' ? s.doc.name : 'Untitled scenario'));
  const canUndo = useScenarioStore((s) => s.past.length > 0);
  const canRedo = useScenarioStore((s) => s.future.length > 0);
  const mode = useViewStore((s) => s.mode);
  return (
    <div className="app" data-view={mode}>
      <header className="app-header">
        <h1 className="app-title">Streamlab</h1>
        <span className="scenario-name">{name}</span>
        <ViewSwitch />
        <FileActions />
        <div className="header-actions">
          <button type="button" onClick={() => useScenarioStore.getState().undo()} disabled={!canUndo}>
            Undo
          </button>
          <button type="button" onClick={() => useScenarioStore.getState().redo()} disabled={!canRedo}>
            Redo
          </button>
        </div>
      </header>
      {mode === 'build' && <BuildView />}
      {mode === 'teach' && <TeachView />}
      {mode === 'compare' && <CompareView />}
      {mode === 'sweep' && <SweepView />}
    </div>
  );
}

/** The playground: run controls, then the palette, the canvas with its charts, and the inspector or explanations. */
function BuildView() {
  return (
    <>
      <RunPanel />
      <NoticeBar />
      <div className="app-body">
        <Palette />
        <main className="app-main">
          <div className="canvas-area">
            <Canvas />
          </div>
          <ChartsPanel />
        </main>
        <SidePanel />
      </div>
    </>
  );
}
