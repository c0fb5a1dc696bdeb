import type { ComponentKind } from '../../engine/scenario/schema.ts';
import { KIND_LABEL } from '../canvas/ComponentNode.tsx';

export const DRAG_TYPE = 'application/x-streamlab-kind';
const KINDS: ComponentKind[] = ['producer', 'topic', 'consumer-group', 'processor', 'service', 'cluster', 'queue', 'api'];

/** Component kinds to drag onto the canvas. */
export function Palette() {
  return (
    <aside className="palette" aria-label="Palette">
      <div className="palette-title">Components</div>
      {KINDS.map((kind) => (
        <div
          key={kind}
          className={`palette-item kind-${kind}`}
          draggable
          role="button"
          aria-label={`Add ${KIND_LABEL[kind]}`}
          onDragStart={(event) => {
            event.dataTransfer.setData(DRAG_TYPE, kind);
            event.dataTransfer.effectAllowed = 'copy';
          }}
        >
          {KIND_LABEL[kind]}
        </div>
      ))}
    </aside>
  );
}
