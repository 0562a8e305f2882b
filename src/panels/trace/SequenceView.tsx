import type { Sequence } from '../../export/index';
import { ArrowMarker } from '../../legend/ArrowMarker';

const COLUMN = 150;
const ROW = 30;
const HEAD = 40;

/**
 * The request as a sequence diagram, drawn like the article's: a lifeline per service (and per
 * queue), arrows in time order (solid requests, dashed replies, open async sends, red errors), notes
 * such as "Waiting…" and the caller's timeout over their lifeline.
 */
export function SequenceView({ sequence, title }: { sequence: Sequence; title: string }) {
  const column = new Map(sequence.lifelines.map((l, i) => [l.id, i]));
  const cx = (id: string) => COLUMN / 2 + (column.get(id) ?? 0) * COLUMN;
  const width = Math.max(COLUMN, sequence.lifelines.length * COLUMN);
  const height = HEAD + sequence.steps.length * ROW + 20;
  return (
    <svg
      className="tr-seq"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={title}
    >
      <defs>
        <ArrowMarker id="tr-arrow" color="currentColor" orient="auto-start-reverse" />
        <ArrowMarker id="tr-open" color="currentColor" orient="auto-start-reverse" open />
      </defs>
      {sequence.lifelines.map((l) => (
        <g key={l.id} className={`tr-life tr-life--${l.kind}`}>
          <line x1={cx(l.id)} x2={cx(l.id)} y1={HEAD - 8} y2={height - 6} />
          <rect x={cx(l.id) - COLUMN / 2 + 8} y={4} width={COLUMN - 16} height={26} rx={6} />
          <text x={cx(l.id)} y={21} textAnchor="middle">
            {l.kind === 'queue' ? `${l.label} (queue)` : l.label}
          </text>
        </g>
      ))}
      {sequence.steps.map((step, i) => {
        const y = HEAD + i * ROW + ROW / 2;
        if (step.kind === 'note') {
          const x = cx(step.over);
          return (
            <g key={i} className={`tr-note tr-note--${step.tone}`} data-testid="sequence-note">
              <rect x={x - 62} y={y - 10} width={124} height={20} rx={4} />
              <text x={x} y={y + 4} textAnchor="middle">
                {step.text}
              </text>
            </g>
          );
        }
        const x1 = cx(step.from);
        const x2 = cx(step.to);
        const self = x1 === x2;
        return (
          <g key={i} className={`tr-msg tr-msg--${step.style}`} data-testid="sequence-message">
            <path
              d={self ? `M${x1},${y - 6} h30 v12 h-30` : `M${x1},${y + 4} L${x2},${y + 4}`}
              markerEnd={step.style === 'async' || step.style === 'ack' ? 'url(#tr-open)' : 'url(#tr-arrow)'}
            />
            <text x={(x1 + x2) / 2 + (self ? 34 : 0)} y={y - 2} textAnchor={self ? 'start' : 'middle'}>
              {step.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
