import type { Span } from '../../export/index';
import { ms } from '../../export/index';

/** Each span's depth in the tree (parent, or for an async receiver, the producer it is linked to). */
function depths(spans: readonly Span[]): Map<string, number> {
  const byId = new Map(spans.map((s) => [s.id, s]));
  const out = new Map<string, number>();
  const depth = (s: Span, guard = 0): number => {
    const known = out.get(s.id);
    if (known !== undefined) return known;
    const up = byId.get(s.parentId ?? s.links[0] ?? '');
    const d = up && guard < 64 ? depth(up, guard + 1) + 1 : 0;
    out.set(s.id, d);
    return d;
  };
  for (const s of spans) depth(s);
  return out;
}

/** A span as a person reads it: what, where, how long, how it ended. */
export function spanLabel(span: Span, nameOf: (id: string) => string): string {
  const where =
    span.kind === 'client' ? `${nameOf(span.service)} → ${nameOf(span.peer ?? '?')}` : nameOf(span.service);
  const status =
    span.status === 'error' ? ` · ${span.statusMessage ?? 'error'}` : span.ended ? '' : ' · still open';
  return `${span.name} · ${where} · ${ms(span.end - span.start)}${status}`;
}

/**
 * The request's spans as a waterfall: one row per span, indented under its parent, its bar on a
 * shared time axis, split into its parts (network, inbox, handling, queue wait…), errors in red.
 */
export function Waterfall({ spans, nameOf }: { spans: readonly Span[]; nameOf: (id: string) => string }) {
  if (spans.length === 0) return null;
  const t0 = Math.min(...spans.map((s) => s.start));
  const t1 = Math.max(...spans.map((s) => s.end), t0 + 1);
  const x = (t: number) => `${((t - t0) / (t1 - t0)) * 100}%`;
  const w = (a: number, b: number) => `max(2px, ${((b - a) / (t1 - t0)) * 100}%)`;
  const depth = depths(spans);
  return (
    <div className="tr-waterfall" role="table" aria-label="Waterfall">
      <div className="tr-axis" role="row" aria-hidden="true">
        <span>0 ms</span>
        <span>{ms(t1 - t0)}</span>
      </div>
      {spans.map((s) => (
        <div
          key={s.id}
          className={`tr-span tr-span--${s.kind}${s.status === 'error' ? ' is-error' : ''}`}
          role="row"
          data-testid="waterfall-row"
        >
          <span
            role="cell"
            className="tr-name"
            style={{ paddingLeft: `${(depth.get(s.id) ?? 0) * 10}px` }}
            title={spanLabel(s, nameOf)}
          >
            {spanLabel(s, nameOf)}
          </span>
          <span role="cell" className="tr-track">
            <span className="tr-bar" style={{ left: x(s.start), width: w(s.start, s.end) }}>
              {s.parts.map((p, i) => (
                <span
                  key={i}
                  className={`tr-part tr-part--${p.name.replace(/\s+/g, '-')}`}
                  title={`${p.name}: ${ms(p.end - p.start)}`}
                  style={{
                    left: `${((p.start - s.start) / Math.max(1e-9, s.end - s.start)) * 100}%`,
                    width: `${((p.end - p.start) / Math.max(1e-9, s.end - s.start)) * 100}%`,
                  }}
                />
              ))}
            </span>
            {s.events
              .filter((e) => e.name === 'timed out')
              .map((e, i) => (
                <span
                  key={i}
                  className="tr-mark"
                  style={{ left: x(e.t) }}
                  title={`timed out at ${ms(e.t - t0)}`}
                />
              ))}
          </span>
        </div>
      ))}
    </div>
  );
}
