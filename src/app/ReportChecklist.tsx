import { adviceLine, type RunReport } from './runReport';

/**
 * The run report's checklist section: the diagram's report card, each item met or not, and under
 * an item not met the advisor's remarks (with the fix the advisor's button would apply).
 */
export function ReportChecklist({ r }: { r: RunReport }) {
  const card = r.checklist;
  return (
    <section className="report__section" aria-label="Checklist">
      <h3>
        Checklist: {card.met} of {card.total} items met
      </h3>
      <ul className="report__checklist" data-testid="report-checklist">
        {card.items.map((item) => (
          <li key={item.id} data-id={item.id} data-met={item.met}>
            <span role="img" aria-label={item.met ? 'met' : 'not met'}>
              {item.met ? '✓' : '✗'}
            </span>{' '}
            {item.title}
            {item.advice.length > 0 && (
              <ul>
                {item.advice.map((a) => (
                  <li key={a.id} data-advice={a.id}>
                    {adviceLine(a)}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
