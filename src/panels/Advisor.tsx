import { useMemo, useState } from 'react';
import { advise, type Advice } from '../model/advice';
import { reportCard } from '../model/reportCard';
import { useAppStore, useDiagramContent } from '../store';
import { ReportCardView } from './ReportCard';

/** Selects the services and edges a remark is about (those still in the diagram). */
function selectTargets(a: Advice): void {
  const { diagram, select } = useAppStore.getState();
  const present = (t: string) =>
    diagram.services.some((s) => s.id === t) || diagram.edges.some((e) => e.id === t);
  if (a.targets.length) select(a.targets.filter(present));
}

/**
 * How many remarks show before "Show all": a large diagram has thousands (about 2,200 for the
 * 1,000-service benchmark diagram), which no one reads one by one, and each is a few elements the page must lay out and
 * paint with the canvas.
 */
export const REMARKS_SHOWN = 25;

/**
 * What the advisor notices about the diagram, under the checklist's report card; clicking a remark
 * selects what it is about, and its button applies its fix as one undoable edit.
 */
export function Advisor() {
  const diagram = useDiagramContent();
  const advice = useMemo(() => advise(diagram), [diagram]);
  const card = useMemo(
    () => (diagram.services.length ? reportCard(diagram, advice) : null),
    [diagram, advice],
  );
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? advice : advice.slice(0, REMARKS_SHOWN);
  return (
    <>
      {card && <ReportCardView card={card} />}
      {advice.length === 0 ? (
        <p className="advice-ok">✓ No remarks from the advisor.</p>
      ) : (
        <ul className="advice" data-testid="advisor">
          {shown.map((a) => (
            <li key={a.id}>
              <button className={`advice__item advice__item--${a.severity}`} onClick={() => selectTargets(a)}>
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
      )}
      {shown.length < advice.length && (
        <p className="advice-more">
          {REMARKS_SHOWN} of {advice.length.toLocaleString('en-US')} remarks shown.{' '}
          <button className="btn btn--small" onClick={() => setShowAll(true)}>
            Show all {advice.length.toLocaleString('en-US')}
          </button>
        </p>
      )}
    </>
  );
}
