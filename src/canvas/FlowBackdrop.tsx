import { Background, BackgroundVariant, MiniMap } from '@xyflow/react';
import { BACKGROUND_DOTS } from './motionDrawing/heldChrome';
import type { FlowNode } from './toFlow';

const MINIMAP_SIZE = { width: 168, height: 110 };

/**
 * The canvas's dotted background and its minimap: the two parts of React Flow that stay in sight
 * while a large diagram's view is drawn, moved meanwhile by motionDrawing/heldChrome.ts.
 */
export function FlowBackdrop() {
  return (
    <>
      <Background variant={BackgroundVariant.Dots} {...BACKGROUND_DOTS} />
      <MiniMap
        style={MINIMAP_SIZE}
        pannable
        zoomable
        ariaLabel="Minimap"
        className="minimap"
        nodeBorderRadius={8}
        nodeColor={minimapColor}
      />
    </>
  );
}

function minimapColor(n: FlowNode): string {
  return n.type === 'note' ? 'var(--note-yellow)' : `var(--kind-${n.data.service.kind})`;
}
