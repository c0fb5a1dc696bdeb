import { Background, Controls, MiniMap, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

// Module-level constants keep the arrays' identity stable, so React Flow does not re-sync each render.
const noNodes: Node[] = [];
const noEdges: Edge[] = [];

/** The React Flow canvas that components will be placed and wired on. It fills its parent. */
export function Canvas() {
  return (
    <ReactFlow nodes={noNodes} edges={noEdges} aria-label="Scenario canvas">
      <Background />
      <Controls />
      <MiniMap pannable zoomable />
    </ReactFlow>
  );
}
