import { describe, expect, it } from 'vitest';
import { checkoutExample } from '../scenarios';
import { advise } from './advice';
import { CHECKLIST, reportCard } from './reportCard';
import { Diagram } from './schema';

describe('the checklist report card', () => {
  it('has the ten items, each met unless a remark breaks it', () => {
    expect(CHECKLIST).toHaveLength(10);
    const d = Diagram.parse({
      services: [
        { id: 'client', kind: 'client' },
        { id: 'api', name: 'Api' },
      ],
      edges: [{ id: 'e', kind: 'sync', from: 'client', to: 'api', message: 'GET /', retries: 0 }],
    });
    expect(reportCard(d)).toMatchObject({ met: 10, total: 10 });
  });

  it('counts the items the Checkout example misses, and one more once a fix is applied', () => {
    const card = reportCard(checkoutExample);
    const missed = card.items.filter((i) => !i.met).map((i) => i.id);
    expect(missed).toEqual(['saga', 'idempotent']);
    expect(card.met).toBe(8);
    // Making Payment and the Bank idempotent meets the idempotency item.
    let fixed = checkoutExample;
    for (const a of advise(checkoutExample).filter((x) => x.id.startsWith('retry-')))
      fixed = a.fix!.apply(fixed);
    expect(reportCard(fixed).met).toBe(9);
  });
});
