import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagram } from '../model/schema';
import { createEngine } from '../runtime/index';
import { buildReport, formatReport } from './report';
import { simCommand } from './testing/simCommand';

describe('formatReport', () => {
  it('lists each client apart when there are several, and not for one', () => {
    const run = (clients: string[]) => {
      const d = Diagram.parse({
        services: [
          ...clients.map((id) => ({ id, name: id.toUpperCase(), kind: 'client', traffic: { rate: 5 } })),
          { id: 'api' },
        ],
        edges: clients.map((id) => ({ id: `e-${id}`, kind: 'sync', from: id, to: 'api' })),
        run: { untilMs: 2_000 },
      });
      const e = createEngine(d);
      e.advanceTo(e.untilMs);
      const r = buildReport(1, e.untilMs, e.events, e.traceHash(), e.metrics(), e.check(), null, e.now);
      return { text: formatReport(r, 'Doors'), clients: r.clients };
    };
    const two = run(['web', 'mobile']);
    expect(two.text).toContain('\nClients\n');
    for (const [id, c] of Object.entries(two.clients)) {
      expect(c.sent).toBeGreaterThan(0);
      expect(two.text).toMatch(
        new RegExp(`${id.toUpperCase()} \\(${id}\\)\\s+${c.sent}\\s+${c.succeeded}\\s`),
      );
    }
    expect(run(['web']).text).not.toContain('Clients');
  });
});

describe('sim command', () => {
  const { dir, sim } = simCommand();

  const percentiles = ['mean', 'p50', 'p95', 'p99'];

  it('prints the documented JSON keys with --json, at every level', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(
      file,
      JSON.stringify({
        services: [
          { id: 'c', kind: 'client', traffic: { rate: 10 } },
          { id: 'a' },
          { id: 'b' },
          { id: 'o', kind: 'orchestrator' },
        ],
        edges: [
          { id: 'e', kind: 'sync', from: 'c', to: 'a', breaker: { enabled: true } },
          { id: 'x', kind: 'sync', from: 'c', to: 'o' },
          { id: 'q', kind: 'queue', from: 'a', to: 'b', channel: 'jobs', replyChannel: 'done' },
          { id: 't', kind: 'topic', from: 'a', to: 'b', topic: 'news' },
          { id: 's1', kind: 'saga', from: 'o', to: 'a', saga: 'order', step: 1 },
          { id: 's2', kind: 'saga', from: 'o', to: 'b', saga: 'order', step: 2 },
        ],
      }),
    );
    const run = sim(file, '--json', '--until', '5s', '--seed', '3');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual([
      'seed',
      'until',
      'events',
      'traceHash',
      'services',
      'channels',
      'edges',
      'requests',
      'clients',
      'sagas',
      'duplicates',
      'replies',
      'invariants',
      'checklist',
    ]);
    expect(out.seed).toBe(3);
    expect(out.until).toBe(5_000);
    expect(out.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.keys(out.services)).toEqual(['c', 'a', 'b', 'o']);
    for (const s of Object.values<Record<string, unknown>>(out.services)) {
      expect(Object.keys(s)).toEqual([
        'name',
        'received',
        'handled',
        'failed',
        'maxInbox',
        'utilization',
        'waitMs',
        'latencyMs',
        'meanInbox',
        'meanInSystem',
      ]);
      expect(Object.keys(s.waitMs as object)).toEqual(percentiles);
      expect(Object.keys(s.latencyMs as object)).toEqual(percentiles);
    }
    expect(Object.keys(out.channels)).toEqual(['jobs', 'done', 'news']);
    for (const c of Object.values<Record<string, unknown>>(out.channels)) {
      expect(Object.keys(c)).toEqual([
        'kind',
        'published',
        'delivered',
        'redelivered',
        'deadLettered',
        'dropped',
        'maxDepth',
        'depthAtEnd',
        'waitMs',
        'meanDepth',
        'meanInSystem',
      ]);
      expect(Object.keys(c.waitMs as object)).toEqual(percentiles);
    }
    expect(out.channels.news.kind).toBe('topic');
    const edgeKeys = ['sent', 'failed', 'timedOut', 'retried', 'circuitOpened'];
    expect(Object.keys(out.edges)).toEqual(['e', 'x', 'q', 't', 's1', 's2']);
    // Only an edge with a circuit breaker adds its fast-fails.
    expect(Object.keys(out.edges.e)).toEqual([...edgeKeys, 'shortCircuited']);
    for (const id of ['x', 'q', 't', 's1', 's2']) expect(Object.keys(out.edges[id])).toEqual(edgeKeys);
    expect(Object.keys(out.requests)).toEqual(['sent', 'succeeded', 'failed', 'timedOut', 'latencyMs']);
    expect(Object.keys(out.requests.latencyMs)).toEqual(percentiles);
    // Per client: its own requests; with one client they are all of them.
    expect(Object.keys(out.clients)).toEqual(['c']);
    expect(Object.keys(out.clients.c)).toEqual([
      'name',
      'sent',
      'succeeded',
      'failed',
      'timedOut',
      'latencyMs',
    ]);
    expect(Object.keys(out.clients.c.latencyMs)).toEqual(percentiles);
    expect({ ...out.clients.c, name: undefined }).toEqual({ ...out.requests, name: undefined });
    expect(Object.keys(out.sagas)).toEqual(['order']);
    expect(Object.keys(out.sagas.order)).toEqual(['started', 'completed', 'compensated', 'stuck', 'running']);
    const saga = out.sagas.order;
    expect(saga.started).toBe(saga.completed + saga.compensated + saga.stuck + saga.running);
    expect(Object.keys(out.replies)).toEqual(['done']);
    expect(Object.keys(out.replies.done)).toEqual(['matched', 'duplicate', 'unmatched', 'unanswered']);
    expect(out.replies.done.matched).toBeGreaterThan(0);
    expect(typeof out.duplicates).toBe('number');
    expect(out.invariants).toEqual({ conservation: true, sagas: true, violations: [] });
    // The readable table of the same run carries the same hash.
    expect(sim(file, '--until', '5s', '--seed', '3').stdout).toContain(out.traceHash);
  });

  it('--json has the checklist report card: each item, met or not, with its advice and fix', () => {
    const file = join(dir, 'checklist.json');
    writeFileSync(
      file,
      JSON.stringify({
        services: [
          { id: 'c', kind: 'client', traffic: { rate: 5 } },
          { id: 'shop', name: 'Shop' },
          { id: 'bank', name: 'Bank', kind: 'external' },
        ],
        edges: [
          { id: 'e', kind: 'sync', from: 'c', to: 'shop', message: 'GET /', retries: 0 },
          {
            id: 'pay',
            kind: 'sync',
            from: 'shop',
            to: 'bank',
            message: 'GET /rate',
            retries: 0,
            timeoutMs: 500,
          },
        ],
      }),
    );
    const run = sim(file, '--json', '--until', '2s');
    expect(run.status).toBe(0);
    const { checklist } = JSON.parse(run.stdout);
    expect(Object.keys(checklist)).toEqual(['met', 'total', 'items']);
    expect(checklist).toMatchObject({ met: 9, total: 10 });
    expect(checklist.items).toHaveLength(10);
    for (const item of checklist.items) expect(Object.keys(item)).toEqual(['id', 'title', 'met', 'advice']);
    const breaker = checklist.items.find((i: { id: string }) => i.id === 'breaker');
    expect(breaker).toMatchObject({ met: false });
    expect(breaker.advice).toEqual([
      {
        id: 'breaker-pay',
        severity: 'warning',
        message: expect.stringContaining('Bank, an external API, has no circuit breaker'),
        targets: ['pay'],
        fix: 'Add a circuit breaker',
      },
    ]);
    for (const item of checklist.items.filter((i: { id: string }) => i.id !== 'breaker'))
      expect(item).toMatchObject({ met: true, advice: [] });
    // The readable report ends with it too, naming what is missed and why.
    const text = sim(file, '--until', '2s').stdout;
    expect(text).toContain('Checklist: 9 of 10 items met');
    expect(text).toContain('✗ Calls to external services have a circuit breaker');
  });

  it('--series adds the documented series keys last, and leaves the rest of the report byte for byte', () => {
    const file = join(dir, 'series.json');
    writeFileSync(
      file,
      JSON.stringify({
        services: [
          { id: 'c', kind: 'client', traffic: { rate: 20, pattern: 'poisson' } },
          { id: 'a' },
          { id: 'b' },
          { id: 'o', kind: 'orchestrator' },
        ],
        edges: [
          { id: 'e', kind: 'sync', from: 'c', to: 'a', breaker: { enabled: true } },
          { id: 'x', kind: 'sync', from: 'c', to: 'o' },
          { id: 'q', kind: 'queue', from: 'a', to: 'b', channel: 'jobs' },
          { id: 't', kind: 'topic', from: 'a', to: 'b', topic: 'news' },
          { id: 's1', kind: 'saga', from: 'o', to: 'a', saga: 'order', step: 1 },
          { id: 's2', kind: 'saga', from: 'o', to: 'b', saga: 'order', step: 2 },
        ],
        faults: [{ id: 'f', kind: 'down', target: 'a', atMs: 2000, durationMs: 1000 }],
      }),
    );
    const plain = sim(file, '--json', '--until', '5.5s', '--seed', '3');
    const withSeries = sim(file, '--json', '--until', '5.5s', '--seed', '3', '--series', '1s');
    expect(withSeries.status).toBe(0);
    const out = JSON.parse(withSeries.stdout);
    expect(Object.keys(out).at(-1)).toBe('series');
    const { series, ...rest } = out;
    expect(`${JSON.stringify(rest, null, 2)}\n`).toBe(plain.stdout);
    expect(Object.keys(series)).toEqual([
      'bucketMs',
      't',
      'endMs',
      'clients',
      'services',
      'channels',
      'sagas',
      'edges',
    ]);
    expect(series.bucketMs).toBe(1000);
    expect(series.t).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(series.endMs).toBe(5500);
    const keys = (o: object) => Object.keys(o);
    expect(keys(series.clients)).toEqual(['c']);
    expect(keys(series.clients.c)).toEqual([
      'sent',
      'succeeded',
      'failed',
      'timedOut',
      'p50',
      'p95',
      'p99',
      'mean',
    ]);
    expect(keys(series.services)).toEqual(['c', 'a', 'b', 'o']);
    expect(keys(series.services.a)).toEqual([
      'utilization',
      'inbox',
      'inSystem',
      'received',
      'handled',
      'failed',
    ]);
    expect(keys(series.channels)).toEqual(['jobs', 'news']);
    const channelKeys = [
      'depth',
      'oldestAgeMs',
      'published',
      'delivered',
      'redelivered',
      'deadLettered',
      'dropped',
    ];
    expect(keys(series.channels.jobs)).toEqual(channelKeys);
    // A topic also has each subscription's backlog, keyed by its subscriber.
    expect(keys(series.channels.news)).toEqual([...channelKeys, 'backlog:b']);
    expect(keys(series.sagas.order)).toEqual(['started', 'completed', 'compensated', 'stuck']);
    expect(keys(series.edges.e)).toEqual([
      'sent',
      'failed',
      'retried',
      'timedOut',
      'circuitOpened',
      'breaker',
      'shortCircuited',
      'duplicates',
    ]);
    for (const group of ['clients', 'services', 'channels', 'sagas', 'edges'])
      for (const leaves of Object.values<Record<string, unknown[]>>(series[group]))
        for (const a of Object.values(leaves)) expect(a).toHaveLength(6);
    // Counts add up to the report's totals; while A is down (2–3 s) the client's calls to it fail.
    const total = (a: number[]) => a.reduce((x, y) => x + y, 0);
    expect(total(series.clients.c.sent)).toBe(out.clients.c.sent);
    expect(total(series.edges.e.failed)).toBe(out.edges.e.failed);
    expect(series.clients.c.failed[2]).toBeGreaterThan(0);
    expect(series.clients.c.failed[0]).toBe(0);
    // A bucket without a successful request has no percentile: null in JSON, never NaN or 0.
    expect(withSeries.stdout).not.toContain('NaN');
    expect(series.services.a.utilization[2]).toBe(0);
  });
});
