import type { ReportCard } from '../model/reportCard';
import { useAppStore } from '../store';

/**
 * The checklist's report card: how many of its ten items the diagram meets, and (unfolded) each
 * item with a mark; an item not met selects what its remarks are about.
 */
export function ReportCardView({ card }: { card: ReportCard }) {
  return (
    <details className="report-card" data-testid="report-card">
      <summary>
        Checklist: <strong>{card.met}</strong> of {card.total} items met
      </summary>
      <ul aria-label="Checklist items">
        {card.items.map((item) => (
          <li key={item.id} className={item.met ? 'report-card__met' : 'report-card__missed'}>
            <span role="img" aria-label={item.met ? 'met' : 'not met'}>
              {item.met ? '✓' : '✗'}
            </span>
            {item.met ? (
              <span>{item.title}</span>
            ) : (
              <button
                className="report-card__item"
                onClick={() =>
                  useAppStore.getState().select([...new Set(item.found.flatMap((a) => a.targets))])
                }
              >
                {item.title}{' '}
                <span className="report-card__count">
                  ({item.found.length} remark{item.found.length === 1 ? '' : 's'})
                </span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
