import type { Box } from '../geometry';

/** The background's dots, as Canvas.tsx hands them to React Flow's `<Background>`. */
export const BACKGROUND_DOTS = { gap: 20, size: 1.2 } as const;

/** React Flow's nodes (flow coordinates) and the canvas's size. */
export interface FlowNodes {
  nodeLookup: ReadonlyMap<
    string,
    {
      hidden?: boolean;
      measured: { width?: number; height?: number };
      width?: number;
      height?: number;
      internals: { positionAbsolute: { x: number; y: number } };
    }
  >;
  width: number;
  height: number;
}

/**
 * While React Flow's view is held (useMotionDrawing), its subscribers draw the view where the move
 * began. Two of them stay in sight: the background's dots and the minimap. They are moved here, by
 * hand, with the formulas of xyflow 12's `<Background>` and `<MiniMap>` (offsetScale 5), and React
 * writes the same values when the view is let go (an e2e test compares them).
 */
export function followHeldView(
  root: HTMLElement,
  transform: readonly [number, number, number],
  flow: { nodes: Box | null; width: number; height: number },
) {
  const [x, y, zoom] = transform;
  const pattern = root.querySelector<SVGPatternElement>('.react-flow__background pattern');
  if (pattern) {
    const gap = BACKGROUND_DOTS.gap * zoom || 1;
    const radius = (BACKGROUND_DOTS.size * zoom) / 2;
    setAttributes(pattern, {
      x: x % gap,
      y: y % gap,
      width: gap,
      height: gap,
      patternTransform: `translate(-${gap / 2},-${gap / 2})`,
    });
    const dot = pattern.querySelector('circle');
    if (dot) setAttributes(dot, { cx: radius, cy: radius, r: radius });
  }
  const svg = root.querySelector<SVGSVGElement>('.react-flow__minimap-svg');
  const mask = svg?.querySelector<SVGPathElement>('.react-flow__minimap-mask');
  if (!svg || !mask) return;
  const view = { x: -x / zoom, y: -y / zoom, width: flow.width / zoom, height: flow.height / zoom };
  const shown = union(flow.nodes ?? view, view);
  const [svgWidth, svgHeight] = [svg.width.baseVal.value, svg.height.baseVal.value];
  const scale = Math.max(shown.width / svgWidth, shown.height / svgHeight);
  const offset = 5 * scale;
  const left = shown.x - (scale * svgWidth - shown.width) / 2 - offset;
  const top = shown.y - (scale * svgHeight - shown.height) / 2 - offset;
  const width = scale * svgWidth + offset * 2;
  const height = scale * svgHeight + offset * 2;
  svg.setAttribute('viewBox', `${left} ${top} ${width} ${height}`);
  mask.setAttribute(
    'd',
    `M${left - offset},${top - offset}h${width + offset * 2}v${height + offset * 2}h${-width - offset * 2}z
        M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`,
  );
}

function setAttributes(element: Element, values: Record<string, string | number>) {
  for (const [name, value] of Object.entries(values)) element.setAttribute(name, String(value));
}

/** The box round every shown node, as the minimap frames them (taken once a move: they hold still). */
export function nodesBox(flow: FlowNodes): Box | null {
  let box: Box | null = null;
  for (const node of flow.nodeLookup.values()) {
    if (node.hidden) continue;
    const { x, y } = node.internals.positionAbsolute;
    const width = node.measured.width ?? node.width ?? 0;
    const height = node.measured.height ?? node.height ?? 0;
    box = box ? union(box, { x, y, width, height }) : { x, y, width, height };
  }
  return box;
}

function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}
