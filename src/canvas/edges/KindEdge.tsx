import { BaseEdge, EdgeLabelRenderer, type Edge as FlowEdge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { Edge } from '../../model/schema';
import { MESSAGE_LEGEND } from '../../legend/entries';
import { ArrowMarker } from '../../legend/ArrowMarker';
import { MESSAGE_LOOKS } from '../../playback';
import { useAppStore } from '../../store';
import { pathClass, useEdgePathMark } from '../tracePath';
import '../tracePath.css';
import { useOverview } from '../detail';
import { edgeLabel } from '../edgeLabels';
import { curvesPath, pointAlong, routeCurves, STRAIGHT, type Route } from '../routing';
import { EDGE_STYLE } from '../icons';
import { MenuButton } from '../menuButton';
import { ChannelMark } from '../messageLayer/ChannelMark';
import '../messageLayer/runMarks.css';

/** Where the edge's label sits relative to its curve (from the label placement pass). */
export interface EdgeLabelSpot {
  t: number;
  dx: number;
  dy: number;
  width: number;
}

/** `route`: the waypoints round the cards in the edge's way (see routing.ts); none, the plain curve. */
export type KindEdgeType = FlowEdge<{ edge: Edge; lane: number; label?: EdgeLabelSpot; route?: Route }>;

function KindEdgeView({ id, sourceX, sourceY, targetX, targetY, data, selected }: EdgeProps<KindEdgeType>) {
  const edge = data?.edge;
  const state = useAppStore((s) => s.sim.edges.get(id));
  const channel = useAppStore((s) => s.sim.channelsByEdge.get(id));
  const overview = useOverview();
  const pathMark = useEdgePathMark(id);
  if (!edge) return null;
  const style = EDGE_STYLE[edge.kind];
  const curves = routeCurves(
    { x: sourceX, y: sourceY },
    { x: targetX, y: targetY },
    data.lane,
    data.route ?? STRAIGHT,
  );
  // Placed by the label pass (off the cards and the other labels); relative to the curve, so it
  // follows the edge while a service is dragged.
  const spot = data.label ?? { t: 0.5, dx: 0, dy: -4, width: 160 };
  const at = pointAlong(curves, spot.t);
  const cut = state?.cut ?? false;
  const circuit = state?.circuit ?? 'closed';
  const color = cut ? 'var(--danger)' : `var(--edge-${edge.kind})`;
  // Zoomed out, a label is unreadable; a selected or cut edge still says what it is.
  const showLabel = !overview || selected || cut;
  return (
    <>
      <BaseEdge
        id={id}
        path={curvesPath(curves)}
        markerEnd={`url(#mk-${edge.kind})`}
        markerStart={edge.kind === 'sync' ? 'url(#mk-sync-back)' : undefined}
        interactionWidth={18}
        className={`kedge kedge--${edge.kind}${selected ? ' is-selected' : ''}${cut ? ' is-cut' : ''}${pathClass(pathMark)}`}
        data-testid={`edge-path-${id}`}
        data-trace-path={pathMark ?? undefined}
        style={{
          stroke: color,
          strokeWidth: style.width + (selected || pathMark === 'on' ? 1.5 : 0),
          strokeDasharray: cut ? '3 6' : style.dash,
        }}
      />
      {(showLabel || channel || circuit !== 'closed') && (
        <EdgeLabelRenderer>
          {/* Off the line, so the messages travelling the edge stay in sight. From the bottom up:
              the label, the queue's mark, the circuit's state (the placement leaves room for all
              three). Placed by left/top from a fixed-width box rather than a size-dependent
              transform: a mark whose count changes width then costs a small layout, not a
              transform the compositor must re-layer. */}
          <div
            className="eanno"
            style={{ left: at.x + spot.dx - spot.width / 2, top: at.y + spot.dy, width: spot.width }}
          >
            <div className="eanno__stack">
              {circuit !== 'closed' && (
                <div className={`circuit circuit--${circuit}`} data-testid={`circuit-${id}`}>
                  {circuit === 'open' ? 'circuit open' : 'half-open'}
                </div>
              )}
              {channel && <ChannelMark channel={channel} edgeId={id} overview={overview} />}
              {showLabel && (
                <div
                  className={`elabel elabel--${edge.kind}${selected ? ' is-selected' : ''}${pathClass(pathMark)}`}
                  title={`${edge.kind}: ${edgeLabel(edge)}${edge.message && edge.kind !== 'sync' ? ` (${edge.message})` : ''}`}
                  data-testid={`edge-label-${id}`}
                  data-kind={edge.kind}
                >
                  {edge.kind === 'saga' ? (
                    <span className="elabel__step" aria-label={`step ${edge.step}`}>
                      {edge.step}
                    </span>
                  ) : edge.kind === 'sync' ? (
                    <span className="elabel__proto">{edge.protocol === 'grpc' ? 'gRPC' : 'REST'}</span>
                  ) : (
                    <span className="elabel__glyph" aria-hidden="true">
                      {style.glyph}
                    </span>
                  )}
                  <span className="elabel__text">{edgeLabel(edge)}</span>
                  {cut && <span className="elabel__cut">✂ cut</span>}
                  {selected && <MenuButton target="edge" id={id} name={edgeLabel(edge)} />}
                </div>
              )}
            </div>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

/** An edge drawn in its kind's look, with its label and, during a run, circuit and partition state. */
export const KindEdge = memo(KindEdgeView);

/** The legend's mark colours as CSS custom properties (--mark-<look>), for marks drawn in the DOM. */
const MARK_COLOURS = (['light', 'dark'] as const)
  .map(
    (theme) =>
      `${theme === 'dark' ? ":root[data-theme='dark']" : ':root'}{${MESSAGE_LOOKS.map(
        (l) => `--mark-${l}:var(${MESSAGE_LEGEND[l].cssVar},${MESSAGE_LEGEND[l].color[theme]});`,
      ).join('')}}`,
  )
  .join('');

/** SVG markers for edge ends, one per kind, and the mark colours; rendered once inside the flow. */
export function EdgeMarkers() {
  return (
    <svg className="edge-markers" aria-hidden="true">
      <style>{MARK_COLOURS}</style>
      <defs>
        <ArrowMarker id="mk-sync" color="var(--edge-sync)" />
        <ArrowMarker id="mk-queue" color="var(--edge-queue)" />
        <marker
          id="mk-topic"
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto"
        >
          <circle cx="5" cy="5" r="4" fill="var(--edge-topic)" />
        </marker>
        <marker
          id="mk-saga"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="8"
          markerHeight="8"
          orient="auto"
        >
          <path d="M0 1 L9 5 L0 9 M4 1 L10 5 L4 9" fill="none" stroke="var(--edge-saga)" strokeWidth="1.6" />
        </marker>
      </defs>
    </svg>
  );
}
