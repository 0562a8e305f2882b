import type { Edge, EdgeKind, ServiceKind } from '../model/schema';

const paths: Record<ServiceKind, React.ReactNode> = {
  client: (
    <>
      <rect x="3" y="4" width="18" height="12" rx="2" />
      <path d="M8 20h8M12 16v4" />
    </>
  ),
  gateway: (
    <>
      <path d="M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z" />
      <path d="M8.5 12h7M13 9.5l2.5 2.5-2.5 2.5" />
    </>
  ),
  service: (
    <>
      <path d="M12 3l8 4.5v9L12 21l-8-4.5v-9z" />
      <path d="M4 7.5l8 4.5 8-4.5M12 12v9" />
    </>
  ),
  database: (
    <>
      <ellipse cx="12" cy="5.5" rx="7" ry="2.5" />
      <path d="M5 5.5v13c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5v-13M5 12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5" />
    </>
  ),
  external: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.6 3.7 5.6 3.7 9s-1.2 6.4-3.7 9c-2.5-2.6-3.7-5.6-3.7-9S9.5 5.6 12 3z" />
    </>
  ),
  orchestrator: (
    <>
      <circle cx="6" cy="6" r="2.5" />
      <circle cx="18" cy="6" r="2.5" />
      <circle cx="18" cy="18" r="2.5" />
      <path d="M8.5 6h7M18 8.5v7M7.8 7.8l8.4 8.4" />
    </>
  ),
};

/** The icon of a service kind, drawn in the current text colour. */
export function ServiceIcon({ kind, size = 20 }: { kind: ServiceKind; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {paths[kind]}
    </svg>
  );
}

/** A small sample of an edge kind's line, for the palette legend and pickers. */
export function EdgeSwatch({ kind, width = 36 }: { kind: EdgeKind; width?: number }) {
  const style = EDGE_STYLE[kind];
  return (
    <svg width={width} height="12" viewBox={`0 0 ${width} 12`} aria-hidden="true">
      <line
        x1="1"
        y1="6"
        x2={width - 7}
        y2="6"
        stroke={`var(--edge-${kind})`}
        strokeWidth={style.width}
        strokeDasharray={style.dash}
        strokeLinecap="round"
      />
      {kind === 'topic' ? (
        <circle cx={width - 4} cy="6" r="3" fill={`var(--edge-${kind})`} />
      ) : kind === 'queue' ? (
        <rect x={width - 8} y="2" width="7" height="8" rx="1.5" fill={`var(--edge-${kind})`} />
      ) : (
        <path d={`M${width - 8} 1.5 L${width - 1} 6 L${width - 8} 10.5z`} fill={`var(--edge-${kind})`} />
      )}
    </svg>
  );
}

/** How each edge kind's line looks; one place, so edges, swatches and the legend agree. */
export const EDGE_STYLE: Record<EdgeKind, { width: number; dash?: string; glyph: string }> = {
  sync: { width: 2, glyph: '⇄' },
  queue: { width: 2, dash: '8 5', glyph: '▤' },
  topic: { width: 2, dash: '2 5', glyph: '◉' },
  saga: { width: 2.5, dash: '12 4 2 4', glyph: '⤳' },
};

/** The badge an edge's label starts with: its protocol (sync), its step (saga), else its kind's glyph. */
export function edgeBadge(e: Edge): string {
  if (e.kind === 'sync') return e.protocol === 'grpc' ? 'gRPC' : 'REST';
  if (e.kind === 'saga') return String(e.step);
  return EDGE_STYLE[e.kind].glyph;
}
