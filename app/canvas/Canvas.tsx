import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import type { ComponentKind } from '../../engine/scenario/schema.ts';
import { DRAG_TYPE } from '../palette/Palette.tsx';
import { connectionProblem } from '../store/scenarioDoc.ts';
import { useRunStore } from '../run/runStore.ts';
import { useScenarioStore } from '../store/scenarioStore.ts';
import { ComponentNode, type ComponentFlowNode } from './ComponentNode.tsx';

const nodeTypes = { component: ComponentNode };
const MINIMAP_COLORS: Record<ComponentKind, string> = {
  producer: '#0ea5e9',
  topic: '#8b5cf6',
  'consumer-group': '#10b981',
  service: '#f59e0b',
  cluster: '#64748b',
  queue: '#0d9488',
  api: '#e11d48',
  processor: '#ca8a04',
};

function FlowCanvas({ maxZoom }: { maxZoom: number }) {
  const doc = useScenarioStore((s) => s.doc);
  const selected = useScenarioStore((s) => s.selected);
  const store = useScenarioStore.getState;
  const { screenToFlowPosition, fitView } = useReactFlow();
  // A newly opened scenario is shown whole (after React Flow has measured its nodes).
  const opened = useScenarioStore((s) => s.opened);
  useEffect(() => {
    if (opened === 0) return;
    const frame = requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom }));
    return () => cancelAnimationFrame(frame);
  }, [opened, fitView, maxZoom]);

  // Nodes come from the document; while a node is dragged its position lives here, and is committed
  // to the document (one undo step) when the drag ends.
  const [dragging, setDragging] = useState<Record<string, XYPosition>>({});
  // Sizes React Flow measured: the minimap and fitView need them on controlled nodes.
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const nodes = useMemo<ComponentFlowNode[]>(
    () =>
      doc.components.map((component, i) => ({
        id: component.id,
        type: 'component',
        position: dragging[component.id] ?? doc.layout[component.id] ?? { x: 40 + 260 * (i % 4), y: 80 + 160 * Math.floor(i / 4) },
        data: { component },
        selected: selected.includes(component.id),
        measured: measured[component.id],
      })),
    [doc, selected, dragging, measured],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<ComponentFlowNode>[]) => {
      const picked = new Set(store().selected);
      let selectionChanged = false;
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          const { id, position } = change;
          if (change.dragging) setDragging((d) => ({ ...d, [id]: position }));
          else {
            store().moveComponent(id, position);
            setDragging(({ [id]: _done, ...rest }) => rest);
          }
        } else if (change.type === 'dimensions' && change.dimensions) {
          const { id, dimensions } = change;
          // Live details resize nodes as a run goes: only a real change of size is news.
          setMeasured((m) => (m[id]?.width === dimensions.width && m[id]?.height === dimensions.height ? m : { ...m, [id]: dimensions }));
        } else if (change.type === 'select') {
          selectionChanged = true;
          if (change.selected) picked.add(change.id);
          else picked.delete(change.id);
        }
      }
      const removed = changes.filter((c) => c.type === 'remove').map((c) => c.id);
      if (removed.length > 0) store().removeComponents(removed);
      if (selectionChanged) store().select([...picked]);
    },
    [store],
  );

  // Messages move along the wires while the run goes at a speed the eye can follow.
  const flowing = useRunStore((s) => s.status === 'running' && s.speed !== 'max' && s.speed <= 10);
  const edges = useMemo<Edge[]>(
    () => doc.connections.map((c) => ({ id: `${c.from}->${c.to}`, source: c.from, target: c.to, animated: flowing })),
    [doc.connections, flowing],
  );

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const removed = changes.filter((c) => c.type === 'remove').map((c) => {
      const [from, to] = c.id.split('->');
      return { from, to };
    });
    store().removeWires(removed);
  }, [store]);

  const onConnect = useCallback((c: Connection) => {
    store().connect(c.source, c.target);
  }, [store]);

  const isValidConnection = useCallback((c: Connection | Edge) => connectionProblem(useScenarioStore.getState().doc, c.source, c.target) === null, []);

  // An illegal wire is refused with the rule table's reason.
  const onConnectEnd = useCallback((_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid === false && state.fromNode && state.toNode) store().connect(state.fromNode.id, state.toNode.id);
  }, [store]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(DRAG_TYPE)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(DRAG_TYPE) as ComponentKind;
      if (!kind) return;
      event.preventDefault();
      store().addComponent(kind, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [screenToFlowPosition, store],
  );

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onConnectEnd={onConnectEnd}
      isValidConnection={isValidConnection}
      onDragOver={onDragOver}
      onDrop={onDrop}
      deleteKeyCode={['Backspace', 'Delete']}
      fitView
      fitViewOptions={{ padding: maxZoom > 1.2 ? 0.12 : 0.3, maxZoom }}
      aria-label="Scenario canvas"
    >
      <Background />
      <Controls />
      <MiniMap position="top-right" style={{ width: 140, height: 90 }} pannable zoomable nodeColor={(node) => MINIMAP_COLORS[(node.data as ComponentFlowNode['data']).component.kind]} />
    </ReactFlow>
  );
}

/**
 * The React Flow canvas that the scenario's components are placed and wired on. It fills its parent.
 * `presenter` lets it zoom in further when it fits the scenario, for teaching on a projector.
 */
export function Canvas({ presenter = false }: { presenter?: boolean }) {
  return (
    <ReactFlowProvider>
      <FlowCanvas maxZoom={presenter ? 2 : 1.2} />
    </ReactFlowProvider>
  );
}
