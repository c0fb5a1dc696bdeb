import { Canvas } from './canvas/Canvas.tsx';
import { ChartsPanel } from './charts/ChartsPanel.tsx';
import { FileActions } from './files/FileActions.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { NoticeBar } from './NoticeBar.tsx';
import { Palette } from './palette/Palette.tsx';
import './run/recordActions.ts';
import { RunPanel } from './run/RunPanel.tsx';
import { useScenarioStore } from './store/scenarioStore.ts';
import { useShortcuts } from './useShortcuts.ts';

/** The page: a header, the palette, the canvas and the inspector, and the notice bar for refusals. */
export function App() {
  useShortcuts();
  const name = useScenarioStore((s) => (typeof s.doc.name === 'string' ? s.doc.name : 'Untitled scenario'));
  const canUndo = useScenarioStore((s) => s.past.length > 0);
  const canRedo = useScenarioStore((s) => s.future.length > 0);
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">Streamlab</h1>
        <span className="scenario-name">{name}</span>
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
        <Inspector />
      </div>
    </div>
  );
}
