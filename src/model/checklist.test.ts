import { describe, expect, it } from 'vitest';
import { checkoutExample, choreographyExample, jobQueueExample, orderSagaExample } from '../scenarios';
import { advise } from './advice';
import { Diagram, type DiagramInput } from './schema';

/** Client → Api → Target over sync calls; `edge` and `target` change the second call and its callee. */
function chain(edge: Record<string, unknown> = {}, target: Record<string, unknown> = {}, rate = 2): Diagram {
  const input: DiagramInput = {
    services: [
      { id: 'client', kind: 'client', traffic: { rate } },
      { id: 'api', name: 'Api', replicas: 1000, concurrency: 10_000 },
      { id: 'target', name: 'Target', replicas: 1000, concurrency: 10_000, ...target },
    ],
    edges: [
      { id: 'in', kind: 'sync', from: 'client', to: 'api', timeoutMs: 2_000, retries: 0 },
      {
        id: 'out',
        kind: 'sync',
        from: 'api',
        to: 'target',
        message: 'Call',
        timeoutMs: 1_000,
        retries: 0,
        ...edge,
      },
    ],
  };
  return Diagram.parse(input);
}

const remark = (d: Diagram, id: string) => advise(d).find((a) => a.id === id);

/** Each rule fires on a diagram that breaks it and not on one that keeps it; its fix removes it. */
describe('checklist rules with one-click fixes', () => {
  const cases: { id: string; breaks: Diagram; keeps: Diagram }[] = [
    {
      id: 'breaker-out',
      breaks: chain({}, { kind: 'external' }),
      keeps: chain({ breaker: { enabled: true } }, { kind: 'external' }),
    },
    { id: 'timeout-out', breaks: chain({ timeoutMs: 2_000 }), keeps: chain({ timeoutMs: 1_500 }) },
    {
      id: 'grpc-out',
      breaks: Diagram.parse({
        ...chain(),
        services: [
          ...chain().services,
          ...Array.from({ length: 3 }, (_, i) => ({
            id: `c${i}`,
            kind: 'client' as const,
            traffic: { rate: 5_000 },
          })),
        ],
        edges: [
          ...chain().edges,
          ...[0, 1, 2].map((i) => ({ id: `e${i}`, kind: 'sync' as const, from: `c${i}`, to: 'api' })),
        ],
      }),
      keeps: chain({}, {}, 5_000),
    },
  ];
  for (const c of cases) {
    it(`${c.id} fires when the item is not met, not when it is, and its fix removes it`, () => {
      const found = remark(c.breaks, c.id);
      expect(found?.fix).toBeDefined();
      expect(found!.targets).toEqual(['out']);
      expect(remark(c.keeps, c.id)).toBeUndefined();
      const fixed = found!.fix!.apply(c.breaks);
      expect(Diagram.safeParse(fixed).success).toBe(true);
      expect(remark(fixed, c.id)).toBeUndefined();
    });
  }

  it('the fixes change only the edge they are about', () => {
    const d = chain({ timeoutMs: 5_000 }, { kind: 'external' });
    const fixed = remark(d, 'timeout-out')!.fix!.apply(d);
    const out = fixed.edges.find((e) => e.id === 'out')!;
    expect(out.kind === 'sync' && out.timeoutMs).toBe(1_600);
    expect(fixed.edges.find((e) => e.id === 'in')).toBe(d.edges.find((e) => e.id === 'in'));
    expect(fixed.services).toBe(d.services);
  });

  it('the examples as shipped meet these items (no new remarks on them)', () => {
    for (const d of [checkoutExample, orderSagaExample, jobQueueExample, choreographyExample])
      expect(advise(d).filter((a) => /^(breaker|timeout|grpc)-/.test(a.id))).toEqual([]);
  });
});
