import { useMemo } from 'react';
import { advise } from '../model/advice';
import { useAppStore } from '../store';

/** What the advisor notices about the diagram; clicking a remark selects what it is about. */
export function Advisor() {
  const diagram = useAppStore((s) => s.diagram);
  const advice = useMemo(() => advise(diagram), [diagram]);
  if (advice.length === 0) return <p className="advice-ok">✓ No remarks from the advisor.</p>;
  return (
    <ul className="advice" data-testid="advisor">
      {advice.map((a) => (
        <li key={a.id}>
          <button
            className={`advice__item advice__item--${a.severity}`}
            onClick={() =>
              a.targets.length &&
              useAppStore
                .getState()
                .select(
                  a.targets.filter(
                    (t) => diagram.services.some((s) => s.id === t) || diagram.edges.some((e) => e.id === t),
                  ),
                )
            }
          >
            <span aria-hidden="true">{a.severity === 'warning' ? '⚠' : 'ℹ'}</span>
            <span>{a.message}</span>
          </button>
          {a.fix && (
            <button
              className="btn btn--small advice__fix"
              onClick={() => useAppStore.getState().edit(`Fix: ${a.fix!.label}`, a.fix!.apply)}
            >
              {a.fix.label}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
