import type { Diagram } from '../model/schema';

const CARD = { width: 150, height: 56 };
const PAD = 30;

/** A small picture of a diagram, drawn from its positions: cards by kind colour, edges by kind colour. */
export function Thumbnail({ diagram }: { diagram: Diagram }) {
  const at = new Map(diagram.services.map((s) => [s.id, s.position]));
  const xs = diagram.services.map((s) => s.position.x);
  const ys = diagram.services.map((s) => s.position.y);
  const minX = Math.min(...xs) - PAD;
  const minY = Math.min(...ys) - PAD;
  const width = Math.max(...xs) + CARD.width + PAD - minX;
  const height = Math.max(...ys) + CARD.height + PAD - minY;
  return (
    <svg
      className="gallery-thumb"
      viewBox={`${minX} ${minY} ${width} ${height}`}
      preserveAspectRatio="xMidYMid meet"
      aria-hidden="true"
    >
      {diagram.edges.map((e) => {
        const from = at.get(e.from);
        const to = at.get(e.to);
        if (!from || !to) return null;
        return (
          <line
            key={e.id}
            x1={from.x + CARD.width / 2}
            y1={from.y + CARD.height / 2}
            x2={to.x + CARD.width / 2}
            y2={to.y + CARD.height / 2}
            stroke={`var(--edge-${e.kind})`}
            strokeWidth={6}
            strokeDasharray={e.kind === 'sync' ? undefined : '14 10'}
          />
        );
      })}
      {diagram.services.map((s) => (
        <rect
          key={s.id}
          x={s.position.x}
          y={s.position.y}
          width={CARD.width}
          height={CARD.height}
          rx={12}
          fill="var(--panel)"
          stroke={`var(--kind-${s.kind})`}
          strokeWidth={6}
        />
      ))}
    </svg>
  );
}
