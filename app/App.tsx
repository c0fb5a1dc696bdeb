import { Canvas } from './canvas/Canvas.tsx';

/** The page: a slim header over the canvas, which takes the rest of the window. */
export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">Streamlab</h1>
      </header>
      <main className="app-main">
        <Canvas />
      </main>
    </div>
  );
}
