import { describe, expect, it } from 'vitest';
import { advise } from './advice';
import { Diagram, type DiagramInput } from './schema';

type ServiceInput = NonNullable<DiagramInput['services']>[number];
type EdgeInput = NonNullable<DiagramInput['edges']>[number];

const svc = (id: string, extra: Partial<ServiceInput> = {}): ServiceInput => ({
  id,
  name: id[0]!.toUpperCase() + id.slice(1),
  replicas: 100,
  concurrency: 100,
  latency: { dist: 'fixed', ms: 10 },
  ...extra,
});
const client = (rate = 2): ServiceInput => ({ id: 'client', kind: 'client', traffic: { rate } });
const sync = (id: string, from: string, to: string, message: string, extra: object = {}): EdgeInput => ({
  id,
  kind: 'sync',
  from,
  to,
  message,
  retries: 0,
  timeoutMs: 1_000,
  ...extra,
});
const diagram = (services: ServiceInput[], edges: EdgeInput[], extra: Partial<DiagramInput> = {}) =>
  Diagram.parse({ services, edges, ...extra });
const remark = (d: Diagram, id: string) => advise(d).find((a) => a.id === id);

/** A queue edge with a reply channel and its reply, between exactly two services. */
const requestReplyOverQueue = (extraService?: ServiceInput) =>
  diagram(
    [svc('shop'), svc('prices'), ...(extraService ? [extraService] : [])],
    [
      {
        id: 'ask',
        kind: 'queue',
        from: 'shop',
        to: 'prices',
        message: 'GetPrice',
        channel: 'asks',
        replyChannel: 'answers',
      },
      { id: 'answer', kind: 'queue', from: 'prices', to: 'shop', message: 'Price', channel: 'answers' },
      ...(extraService ? [sync('more', 'prices', extraService.id, 'GET /rates')] : []),
    ],
    { breakpoints: [{ id: 'b', kind: 'queue-depth', target: '' }] },
  );

const threeWrites = (saga: boolean) =>
  diagram(
    [client(), svc('orders'), svc('payment'), svc('stock'), svc('db', { kind: 'database' })],
    [
      sync('in', 'client', 'orders', 'POST /orders', { timeoutMs: 3_000 }),
      sync('pay', 'orders', 'payment', 'POST /charges'),
      saga
        ? {
            id: 'reserve',
            kind: 'saga',
            from: 'orders',
            to: 'stock',
            saga: 's',
            step: 1,
            compensation: 'Release',
          }
        : sync('reserve', 'orders', 'stock', 'POST /reservations'),
      sync('save', 'orders', 'db', 'INSERT order'),
    ],
  );

const backlog = (replicas: number, watched: boolean) =>
  diagram(
    [
      client(10),
      svc('worker', { replicas, concurrency: 1, latency: { dist: 'fixed', ms: 120 }, idempotent: true }),
    ],
    [{ id: 'jobs', kind: 'queue', from: 'client', to: 'worker', message: 'Render', channel: 'renders' }],
    { breakpoints: watched ? [{ id: 'b', kind: 'queue-depth', target: 'renders', value: 10 }] : [] },
  );

/** Each new checklist rule: fires on a diagram that breaks its item, not on one that keeps it; its fix removes it. */
describe('the checklist rules about the shape of the communication', () => {
  const cases: { id: string; breaks: Diagram; keeps: Diagram; targets: string[]; fixed?: boolean }[] = [
    {
      id: 'overkill-ask',
      breaks: requestReplyOverQueue(),
      keeps: requestReplyOverQueue(svc('rates')),
      targets: ['ask', 'answer'],
    },
    {
      id: 'background-mail',
      breaks: diagram([svc('orders'), svc('email')], [sync('mail', 'orders', 'email', 'SendReceipt')]),
      keeps: diagram([svc('orders'), svc('payment')], [sync('mail', 'orders', 'payment', 'POST /charges')]),
      targets: ['mail'],
    },
    {
      id: 'reactors-orders-order-placed',
      breaks: diagram(
        [svc('orders'), svc('email'), svc('stock')],
        [sync('a', 'orders', 'email', 'OrderPlaced'), sync('b', 'orders', 'stock', 'OrderPlaced')],
      ),
      keeps: diagram(
        [svc('orders'), svc('email'), svc('stock')],
        [
          { id: 'a', kind: 'topic', from: 'orders', to: 'email', message: 'OrderPlaced', topic: 'orders' },
          { id: 'b', kind: 'topic', from: 'orders', to: 'stock', message: 'OrderPlaced', topic: 'orders' },
        ],
      ),
      targets: ['a', 'b'],
    },
    {
      id: 'event-type-t',
      breaks: diagram(
        [svc('orders'), svc('email', { idempotent: true })],
        [{ id: 't', kind: 'topic', from: 'orders', to: 'email', message: '', topic: 'order-events' }],
      ),
      keeps: diagram(
        [svc('orders'), svc('email', { idempotent: true })],
        [
          {
            id: 't',
            kind: 'topic',
            from: 'orders',
            to: 'email',
            message: 'OrderPlaced',
            topic: 'order-events',
          },
        ],
      ),
      targets: ['t'],
    },
    {
      id: 'no-timeout-out',
      breaks: diagram(
        [svc('api'), svc('bank')],
        [sync('out', 'api', 'bank', 'POST /pay', { timeoutMs: 120_000 })],
      ),
      keeps: diagram(
        [svc('api'), svc('bank')],
        [sync('out', 'api', 'bank', 'POST /pay', { timeoutMs: 2_000 })],
      ),
      targets: ['out'],
    },
    { id: 'depth-renders', breaks: backlog(2, false), keeps: backlog(2, true), targets: ['jobs'] },
    { id: 'keepup-renders', breaks: backlog(1, true), keeps: backlog(2, true), targets: ['jobs', 'worker'] },
  ];
  for (const c of cases) {
    it(`${c.id} fires when the item is not met, not when it is, and its fix removes it`, () => {
      const found = remark(c.breaks, c.id);
      expect(found?.message).toBeTruthy();
      expect(found!.targets).toEqual(c.targets);
      expect(remark(c.keeps, c.id)).toBeUndefined();
      const fixed = found!.fix!.apply(c.breaks);
      expect(Diagram.safeParse(fixed).success).toBe(true);
      expect(remark(fixed, c.id)).toBeUndefined();
    });
  }

  it('a process writing across three services with no saga is named, with no fix (a saga needs compensations)', () => {
    const found = remark(threeWrites(false), 'no-saga-orders');
    expect(found?.message).toContain('Orders, Payment, Stock');
    expect(found!.targets).toEqual(['pay', 'reserve']);
    expect(found!.fix).toBeUndefined();
    expect(remark(threeWrites(true), 'no-saga-orders')).toBeUndefined();
  });

  it('the fixes make what the remark says: a REST call, a queue, one topic, a typed event, replicas', () => {
    const rest = remark(requestReplyOverQueue(), 'overkill-ask')!.fix!.apply(requestReplyOverQueue());
    expect(rest.edges).toEqual([
      expect.objectContaining({ id: 'ask', kind: 'sync', protocol: 'rest', message: 'GetPrice' }),
    ]);
    const reactors = cases[2]!.breaks;
    const topics = remark(reactors, 'reactors-orders-order-placed')!.fix!.apply(reactors).edges;
    expect(topics.map((e) => e.kind === 'topic' && [e.topic, e.message])).toEqual([
      ['order-placed', 'OrderPlaced'],
      ['order-placed', 'OrderPlaced'],
    ]);
    const untyped = cases[3]!.breaks;
    expect(remark(untyped, 'event-type-t')!.fix!.apply(untyped).edges[0]!.message).toBe('OrderEvents');
    const grown = remark(backlog(1, true), 'keepup-renders')!.fix!.apply(backlog(1, true));
    expect(grown.services.find((s) => s.id === 'worker')!.replicas).toBe(2);
  });

  it('a timeout that outlasts the caller’s gets one remark, not two', () => {
    const d = diagram(
      [client(), svc('api'), svc('bank')],
      [
        sync('in', 'client', 'api', 'GET /', { timeoutMs: 2_000 }),
        sync('out', 'api', 'bank', 'GET /x', { timeoutMs: 90_000 }),
      ],
    );
    expect(
      advise(d)
        .filter((a) => a.id.endsWith('timeout-out'))
        .map((a) => a.id),
    ).toEqual(['timeout-out']);
  });
});

/** The advisor's older rules now offer a fix where one is mechanical. */
describe('the older rules’ fixes', () => {
  it('makes a consumer behind retries idempotent', () => {
    const d = diagram([svc('api'), svc('bank')], [sync('out', 'api', 'bank', 'POST /pay', { retries: 2 })]);
    const found = remark(d, 'retry-out')!;
    expect(found.fix!.label).toBe('Make Bank idempotent');
    expect(remark(found.fix!.apply(d), 'retry-out')).toBeUndefined();
  });

  it('makes a subscription durable', () => {
    const d = diagram(
      [svc('orders'), svc('email')],
      [
        {
          id: 't',
          kind: 'topic',
          from: 'orders',
          to: 'email',
          message: 'OrderPlaced',
          topic: 'orders',
          durable: false,
        },
      ],
    );
    const found = remark(d, 'nd-email-orders')!;
    expect(remark(found.fix!.apply(d), 'nd-email-orders')).toBeUndefined();
  });

  it('renumbers a saga with a gap', () => {
    const d = diagram(
      [svc('boss', { kind: 'orchestrator' }), svc('a'), svc('b')],
      [
        { id: 's1', kind: 'saga', from: 'boss', to: 'a', saga: 's', step: 1, compensation: 'UndoA' },
        { id: 's3', kind: 'saga', from: 'boss', to: 'b', saga: 's', step: 3, compensation: 'UndoB' },
      ],
    );
    const found = remark(d, 'gap-s-1')!;
    expect(advise(found.fix!.apply(d)).filter((a) => a.id.startsWith('gap-'))).toEqual([]);
  });

  it('renumbers a choreography with a gap, keeping its parallel stage one stage', () => {
    const step = (id: string, from: string, to: string, n: number) =>
      ({ id, kind: 'saga', from, to, saga: 'c', step: n, compensation: `Undo ${to}` }) as const;
    const d = diagram(
      [svc('orders'), svc('pay'), svc('stock'), svc('ship')],
      [step('p', 'orders', 'pay', 2), step('r', 'orders', 'stock', 2), step('s', 'pay', 'ship', 5)],
    );
    // Steps 2 and 5: the first stage should be 1, the second 2.
    expect(remark(d, 'gap-c-0')!.targets).toEqual(['p', 'r']);
    const fixed = remark(d, 'gap-c-0')!.fix!.apply(d);
    expect(fixed.edges.map((e) => (e.kind === 'saga' ? e.step : 0))).toEqual([1, 1, 2]);
    expect(advise(fixed).filter((a) => a.id.startsWith('gap-'))).toEqual([]);
  });

  it('gives a saturated service enough replicas', () => {
    const d = diagram(
      [client(100), svc('slow', { replicas: 1, concurrency: 1, latency: { dist: 'fixed', ms: 100 } })],
      [sync('in', 'client', 'slow', 'GET /')],
    );
    const found = remark(d, 'sat-slow')!;
    expect(found.fix!.label).toBe('Give it 13 replicas');
    expect(remark(found.fix!.apply(d), 'sat-slow')).toBeUndefined();
  });
});
