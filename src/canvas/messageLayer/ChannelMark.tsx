import type { ChannelState } from '../../playback';

/** Messages drawn one by one in the stack; beyond this the count says how many. */
export const STACK_MARKS = 8;
const SPARK_WIDTH = 44;
const SPARK_HEIGHT = 14;

/** Sparkline points for depth samples (oldest first), scaled so the peak touches the top. */
export function sparkPoints(history: readonly number[], width = SPARK_WIDTH, height = SPARK_HEIGHT): string {
  if (history.length < 2) return '';
  let peak = 1;
  for (const d of history) if (d > peak) peak = d;
  const step = width / (history.length - 1);
  return history
    .map((d, i) => `${(i * step).toFixed(1)},${(height - 1 - (d / peak) * (height - 2)).toFixed(1)}`)
    .join(' ');
}

export interface ChannelMarkProps {
  channel: ChannelState;
  edgeId: string;
  /** Zoomed out: no sparkline (a few pixels tall there). */
  overview?: boolean;
}

/**
 * A queue (or a topic holding copies) where it sits: the waiting messages as a stack, their count,
 * what went to the dead-letter queue, and a small line of depth over time. Drawn just above the
 * edge's label, inside React Flow's edge-label layer, so it follows pan, zoom and drags.
 */
export function ChannelMark({ channel, edgeId, overview = false }: ChannelMarkProps) {
  const { depth, depthHistory: history, deadLettered, kind } = channel;
  const everHeld = depth > 0 || history.some((d) => d > 0);
  // A topic's broker rarely holds anything: it shows only when it has.
  if (kind === 'topic' && !everHeld) return null;
  const points = overview ? '' : sparkPoints(history);
  const what = kind === 'queue' ? 'waiting in the queue' : 'copies held for subscribers';
  return (
    <div
      className={`qmark qmark--${kind}${depth > 20 ? ' is-high' : ''}`}
      data-testid={`channel-${edgeId}`}
      data-depth={depth}
      title={`${channel.name}: ${depth} ${what}${deadLettered ? `, ${deadLettered} dead-lettered` : ''}`}
    >
      <span className="qmark__stack" aria-hidden="true">
        {Array.from({ length: Math.min(depth, STACK_MARKS) }, (_, i) => (
          <i key={i} />
        ))}
      </span>
      <span className="qmark__count">{depth}</span>
      {deadLettered > 0 && (
        <span className="qmark__dlq" title="Dead-lettered">
          ▼{deadLettered}
        </span>
      )}
      {points && (
        <svg
          className="qmark__spark"
          width={SPARK_WIDTH}
          height={SPARK_HEIGHT}
          viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`}
          aria-label="Depth over time"
        >
          <polyline points={points} />
        </svg>
      )}
    </div>
  );
}
