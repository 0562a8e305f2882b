import { describe, expect, it } from 'vitest';
import { parseDiagram } from '../../model/parse';
import { Objective, type Diagram, type Fault } from '../../model/schema';
import { checkoutExample } from '../../scenarios/checkout';
import { CHARTS, isolatedPoints, lineValues, type SeriesData } from './chartSpecs';
import { bandsAt, describeBand, faultBands } from './faultBands';
import { objectiveGuide } from './objectiveGuides';
import { metricSections } from './sections';
import { formatValue, phaseMeans, summarizeChart } from './summary';

const f64 = (...xs: number[]) => Float64Array.from(xs);

/** A small run of the Checkout example: 6 one-second buckets, Payment down from 2 s to 4 s. */
function fixture(): SeriesData {
  return {
    bucketMs: 1000,
    t: f64(0, 1000, 2000, 3000, 4000, 5000),
    endMs: 5500,
    clients: {
      client: {
        sent: f64(4, 4, 4, 4, 4, 2),
        succeeded: f64(4, 4, 1, 0, 3, 2),
        failed: f64(0, 0, 3, 3, 1, 0),
        timedOut: f64(0, 0, 0, 1, 0, 0),
        p50: f64(40, 42, 45, NaN, 41, 40),
        p95: f64(60, 61, 80, NaN, 62, 60),
        p99: f64(70, 71, 90, NaN, 72, 70),
      },
    },
    services: {
      payment: {
        utilization: f64(0.2, 0.25, 0, 0, 0.3, 0.2),
        inbox: f64(0, 0, 0, 0, 1, 0),
        handled: f64(4, 4, 0, 0, 4, 2),
        failed: f64(0, 0, 0, 0, 0, 0),
      },
    },
    channels: { orders: { depth: f64(0, 1, 2, 3, 1, 0), oldestAgeMs: f64(0, 5, 9, 20, 3, 0) } },
    sagas: {},
    edges: {
      'e-orders-payment': { retried: f64(0, 0, 2, 3, 0, 0), breaker: f64(0, 0, 1, 1, 2, 0) },
    },
  };
}

const paymentDown: Fault = parseFault({
  id: 'f1',
  kind: 'down',
  target: 'payment',
  atMs: 2000,
  durationMs: 2000,
});

function parseFault(f: Partial<Fault>): Fault {
  return { atMs: 0, durationMs: 0, factor: 5, rate: 0.5, source: 'script', ...f } as Fault;
}

const outcomes = CHARTS.client.find((c) => c.id === 'outcomes')!;
const requests = CHARTS.client.find((c) => c.id === 'requests')!;

describe('lineValues', () => {
  it('turns counts into shares of the finished requests, and nothing finished into no value', () => {
    const s = fixture();
    const success = lineValues(outcomes.lines[0]!, s.clients.client!, s);
    expect(success).toEqual([100, 100, 25, 0, 75, 100]);
    const none = lineValues(
      outcomes.lines[0]!,
      { succeeded: f64(0), failed: f64(0), timedOut: f64(0) },
      {
        t: f64(0),
        bucketMs: 1000,
      },
    );
    expect(none).toEqual([null]);
  });

  it('turns counts into rates per second, dividing the partial last bucket by the time it covers', () => {
    const s = fixture();
    // The last bucket covers 5000–5500: 2 requests in half a second is 4 per second.
    expect(lineValues(requests.lines[0]!, s.clients.client!, s)).toEqual([4, 4, 4, 4, 4, 4]);
  });

  it('leaves NaN samples out (no latency when nothing succeeded)', () => {
    const s = fixture();
    const latency = CHARTS.client.find((c) => c.id === 'latency')!;
    expect(lineValues(latency.lines[0]!, s.clients.client!, s)[3]).toBeNull();
  });

  it('reads the first column name the series has (breaker, then circuit)', () => {
    const s = fixture();
    const circuit = CHARTS.edge.find((c) => c.id === 'circuit')!;
    expect(lineValues(circuit.lines[0]!, s.edges!['e-orders-payment']!, s)).toEqual([0, 0, 1, 1, 2, 0]);
    expect(formatValue(circuit, 1)).toBe('open');
    expect(formatValue(circuit, 2)).toBe('half-open');
  });
});

describe('faultBands', () => {
  it('shades a fault with an end from its start to its end, and one without an end up to now', () => {
    const live = parseFault({
      id: 'live-1',
      kind: 'slow',
      target: 'bank',
      atMs: 3000,
      factor: 4,
      source: 'live',
    });
    const bands = faultBands([live, paymentDown], 5500, checkoutExample);
    expect(bands.map((b) => [b.id, b.fromMs, b.toMs, b.open])).toEqual([
      ['f1', 2000, 4000, false],
      ['live-1', 3000, 5500, true],
    ]);
    expect(bands[0]!.label).toBe('Payment Service down');
    expect(bands[1]!.label).toMatch(/slowed ×4 \(live\)$/);
    expect(describeBand(bands[0]!)).toBe('Payment Service down, 2.0 s – 4.0 s');
    expect(bandsAt(bands, 3500).map((b) => b.id)).toEqual(['f1', 'live-1']);
  });

  it('leaves out a fault that starts after now, and cuts one that ends after now at now', () => {
    const later = parseFault({ id: 'later', kind: 'down', target: 'payment', atMs: 9000, durationMs: 1000 });
    const bands = faultBands([later, paymentDown], 3000, checkoutExample);
    expect(bands.map((b) => [b.id, b.toMs, b.open])).toEqual([['f1', 3000, true]]);
  });
});

describe('metricSections', () => {
  it('lists clients first, then services, channels and edges, with names from the diagram', () => {
    const sections = metricSections(checkoutExample, fixture(), []);
    expect(sections.map((s) => s.kind)).toEqual(['client', 'service', 'channel', 'edge']);
    expect(sections[1]!.elements.map((x) => x.name)).toEqual(['Payment Service']);
    expect(sections[2]!.elements[0]!.focusIds).toEqual(
      checkoutExample.edges.filter((e) => e.kind === 'topic').map((e) => e.id),
    );
  });

  it('puts the selected element first in its section', () => {
    const base = fixture();
    const s = { ...base, services: { orders: base.services.payment!, payment: base.services.payment! } };
    const sections = metricSections(checkoutExample, s, ['payment']);
    const services = sections.find((x) => x.kind === 'service')!;
    expect(services.elements.map((x) => [x.key, x.focused])).toEqual([
      ['payment', true],
      ['orders', false],
    ]);
  });

  it('says why when there is no client, and why a client sends nothing', () => {
    const noClients: Diagram = {
      ...checkoutExample,
      services: checkoutExample.services.filter((s) => s.kind !== 'client'),
    };
    expect(metricSections(noClients, fixture(), [])[0]!.empty).toMatch(
      /no client, so nothing sends requests/,
    );
    const quiet: Diagram = {
      ...checkoutExample,
      services: checkoutExample.services.map((s) =>
        s.kind === 'client' ? { ...s, traffic: { ...s.traffic, rate: 0 } } : s,
      ),
    };
    expect(metricSections(quiet, fixture(), [])[0]!.elements[0]!.note).toMatch(/rate is 0/);
    const busy = fixture();
    const idle = { ...busy, clients: { client: { ...busy.clients.client!, sent: f64(0, 0, 0, 0, 0, 0) } } };
    expect(metricSections(checkoutExample, idle, [])[0]!.elements[0]!.note).toBe(
      'It has sent no request yet.',
    );
  });

  it('never takes a built-in property for a series: ids such as constructor and __proto__', () => {
    const d = parseDiagram({
      services: [
        { id: 'constructor', kind: 'client' },
        { id: '__proto__', name: 'Proto' },
      ],
      edges: [{ id: 'e', kind: 'sync', from: 'constructor', to: '__proto__' }],
    });
    if (!d.ok) throw new Error('fixture diagram invalid');
    const sections = metricSections(d.diagram, { ...fixture(), clients: {}, services: {}, edges: {} }, []);
    expect(sections[0]!.elements[0]!.columns).toEqual({});
    expect(sections.some((s) => s.kind === 'service')).toBe(false);
  });
});

describe('summarizeChart', () => {
  it("says a line's latest value, its extremes, and its mean before, during and after the faults", () => {
    const s = fixture();
    const bands = faultBands([paymentDown], 5500, checkoutExample);
    const lines = outcomes.lines.map((l) => lineValues(l, s.clients.client!, s));
    expect(phaseMeans(lines[0]!, s.t, 1000, bands)).toEqual({ before: 100, during: 12.5, after: 87.5 });
    const text = summarizeChart(outcomes, lines, s.t, 1000, bands);
    expect(text).toMatch(
      /^Outcomes \(%\): success 100% now, lowest 0% at 3 s, highest 100% at 0 s; mean 100% before faults, 12.5% during faults, 87.5% after faults\./,
    );
  });

  it('says when a line has no data yet', () => {
    const text = summarizeChart(requests, [[null, null]], f64(0, 1000), 1000, []);
    expect(text).toBe('Requests (/s): sent: no data yet.');
  });
});

describe('isolatedPoints', () => {
  it('finds the values a line cannot draw: those with a gap or the edge on both sides', () => {
    expect(isolatedPoints([5, null, 3, 4, null, 7, null, null, 2])).toEqual([0, 5, 8]);
    expect(isolatedPoints([1, 2, 3])).toEqual([]);
    expect(isolatedPoints([null, undefined])).toEqual([]);
  });
});

describe('objective guides', () => {
  /** The fixture's client with an objective: p99 ≤ 80 ms and 90 % success, judged per second. */
  function clientWithObjective() {
    const diagram = structuredClone(checkoutExample);
    const client = diagram.services.find((s) => s.id === 'client')!;
    client.objective = Objective.parse({ windowMs: 1000, latencyMs: 80, success: 0.9 });
    return metricSections(diagram, fixture(), [])[0]!.elements[0]!;
  }
  const chart = (id: string) => CHARTS.client.find((c) => c.id === id)!;

  it('draws the latency target on the latency chart, missed where a window went over it', () => {
    const guide = objectiveGuide(chart('latency'), clientWithObjective().objective)!;
    expect(guide.value).toBe(80);
    expect(guide.label).toBe('p99 target 80 ms');
    expect(guide.missed).toEqual([{ fromMs: 2000, toMs: 3000 }]);
    expect(guide.summary).toBe('Objective p99 ≤ 80 ms over 1 s windows: missed 2 s – 3 s.');
  });

  it('draws the success target on the outcomes chart, in percent, with its misses merged', () => {
    const guide = objectiveGuide(chart('outcomes'), clientWithObjective().objective)!;
    expect(guide.value).toBe(90);
    expect(guide.label).toBe('success target 90%');
    expect(guide.missed).toEqual([{ fromMs: 2000, toMs: 5000 }]);
  });

  it('draws nothing on other charts, for a client without an objective, or for a target left out', () => {
    const x = clientWithObjective();
    expect(objectiveGuide(chart('requests'), x.objective)).toBeUndefined();
    const plain = metricSections(checkoutExample, fixture(), [])[0]!.elements[0]!;
    expect(plain.objective).toBeUndefined();
    const latencyOnly = { ...x.objective!, objective: { ...x.objective!.objective, success: undefined } };
    expect(objectiveGuide(chart('outcomes'), latencyOnly)).toBeUndefined();
  });
});

describe("a topic's backlog per subscription", () => {
  it('charts one line per subscriber, named from the diagram, and keeps the chart while the run plays', () => {
    const base = fixture();
    const topic = {
      ...base.channels.orders!,
      'backlog:inventory': f64(0, 0, 3, 5, 0, 0),
      'backlog:email': f64(0, 0, 0, 0, 0, 0),
    };
    const series = { ...base, channels: { orders: topic } };
    const first = metricSections(checkoutExample, series, []).find((s) => s.kind === 'channel')!.elements[0]!;
    const chart = first.extraCharts![0]!;
    expect(chart.lines.map((l) => l.label)).toEqual(['Inventory', 'Email']);
    expect(lineValues(chart.lines[0]!, first.columns, series)).toEqual([0, 0, 3, 5, 0, 0]);
    const again = metricSections(checkoutExample, { ...series }, []).find((s) => s.kind === 'channel')!;
    expect(again.elements[0]!.extraCharts![0]).toBe(chart);
  });

  it('gives a queue no such chart', () => {
    const queue = metricSections(checkoutExample, fixture(), []).find((s) => s.kind === 'channel')!;
    expect(queue.elements[0]!.extraCharts).toBeUndefined();
  });
});
