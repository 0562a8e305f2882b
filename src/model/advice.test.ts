import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../scenarios';
import { checkoutExample } from '../scenarios/checkout';
import { connect } from './edits';
import { advise, expectedLoad } from './advice';

describe('advisor', () => {
  it('warns about a cycle and names its services', () => {
    const d = connect(checkoutExample, 'queue', 'email', 'orders')!.diagram;
    const cycle = advise(d).find((a) => a.id === 'cycle');
    expect(cycle?.targets.sort()).toEqual(['email', 'orders']);
  });

  it('warns that retries into a non-idempotent service may duplicate side effects', () => {
    expect(advise(checkoutExample).some((a) => a.id === 'retry-e-orders-payment')).toBe(true);
  });

  it('flags a service that cannot keep up with its expected load', () => {
    const d = {
      ...checkoutExample,
      services: checkoutExample.services.map((s) =>
        s.id === 'client' ? { ...s, traffic: { ...s.traffic, rate: 500 } } : s,
      ),
    };
    expect(expectedLoad(d).get('orders')).toBe(500);
    expect(advise(d).some((a) => a.id === 'sat-bank')).toBe(true);
    expect(advise(checkoutExample).some((a) => a.id.startsWith('sat-'))).toBe(false);
  });

  it('makes one remark per consumer of a shared channel, however many producers feed it', () => {
    const jobs = SCENARIOS.find((s) => s.id === 'job-queue')!.diagram;
    const producers = jobs.edges.filter((e) => e.kind === 'queue' && e.channel === 'thumbnails');
    expect(producers.length).toBeGreaterThan(1);
    const remarks = advise(jobs).filter((a) => a.message.includes('"thumbnails"'));
    expect(remarks).toHaveLength(1);
  });

  it('says how to start on an empty diagram', () => {
    expect(advise({ ...checkoutExample, services: [], edges: [] })[0]?.id).toBe('empty');
  });
});
