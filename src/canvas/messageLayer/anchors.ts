import type { Box } from '../geometry';
import { SERVICE_SIZE } from '../geometry';

/** The part of a React Flow internal node the message layer reads. */
export interface AnchoredNode {
  measured: { width?: number; height?: number };
  width?: number;
  height?: number;
  internals: {
    positionAbsolute: { x: number; y: number };
    handleBounds?: {
      source: ReadonlyArray<{ x: number; y: number; width: number; height: number }> | null;
      target: ReadonlyArray<{ x: number; y: number; width: number; height: number }> | null;
    };
  };
}

/**
 * Fills `out` with the box whose right-middle is the node's out handle and left-middle its in
 * handle, as React Flow places them for the edge components (the handles straddle the card's
 * sides), so `edgeCurve` on these boxes is exactly the drawn edge. Without measured handles, the
 * card itself.
 */
export function anchorBox(node: AnchoredNode, out: Box): void {
  const at = node.internals.positionAbsolute;
  const height = node.measured.height ?? node.height ?? SERVICE_SIZE.height;
  const width = node.measured.width ?? node.width ?? SERVICE_SIZE.width;
  const source = node.internals.handleBounds?.source?.[0];
  const target = node.internals.handleBounds?.target?.[0];
  if (!source || !target) {
    out.x = at.x;
    out.y = at.y;
    out.width = width;
    out.height = height;
    return;
  }
  const left = at.x + target.x;
  const right = at.x + source.x + source.width;
  const middle = at.y + source.y + source.height / 2;
  out.x = left;
  out.width = right - left;
  out.height = height;
  out.y = middle - height / 2;
}
