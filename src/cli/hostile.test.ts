import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_NAMES, HOSTILE_STRINGS } from '../lib/hostileStrings';
import { parseDiagram } from '../model/parse';
import type { Diagram } from '../model/schema';
import { createEngine, seriesToJson } from '../runtime/index';
import { exportDiagramJson, importDiagramJson } from '../share/json';
import { decodeLink, encodeLink } from '../share/link';
import { buildReport, formatReport } from './report';

/** Mostly strings every text field takes (1–64 characters), now and then any of them. */
const text = fc.oneof(
  {
    arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length >= 1 && s.length <= 64)),
    weight: 30,
  },
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 1 },
);

/**
 * Every text field of the schema drawn from the hostile strings, on a diagram that uses every kind:
 * a client calls an orchestrator (sync), which queues work for a worker (with a reply channel),
 * which publishes to a subscriber (topic), and runs a two-step saga; a note and a fault besides.
 */
const hostileDiagram = fc
  .record({
    // Services 0–4, edges 5–9, the note 10, the fault 11: ids are unique across all of them.
    ids: fc.uniqueArray(text, { minLength: 12, maxLength: 12 }),
    names: fc.array(text, { minLength: 5, maxLength: 5 }),
    // Queue, reply channel and topic share one namespace.
    channels: fc.uniqueArray(text, { minLength: 3, maxLength: 3 }),
    saga: text,
    words: fc.array(text, { minLength: 8, maxLength: 8 }),
    diagramName: text,
    description: text,
    noteText: text,
  })
  .map(({ ids, names, channels, saga, words, diagramName, description, noteText }) => {
    const [client, orchestrator, worker, subscriber, other] = ids as [string, string, string, string, string];
    const [queue, replies, topic] = channels as [string, string, string];
    const [call, work, announce, step1, step2, note, fault] = ids.slice(5) as string[] as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const [message, action, compensation, trigger, w4, w5, w6, w7] = words as string[];
    const svc = (id: string, i: number, extra: object = {}) => ({
      id,
      name: names[i],
      position: { x: i * 200, y: 0 },
      ...extra,
    });
    return {
      name: diagramName,
      description,
      services: [
        svc(client, 0, { kind: 'client', traffic: { pattern: 'steady', rate: 20 } }),
        svc(orchestrator, 1, { kind: 'orchestrator' }),
        svc(worker, 2, { errorRate: 0.2 }),
        svc(subscriber, 3),
        svc(other, 4),
      ],
      edges: [
        { id: call, kind: 'sync', from: client, to: orchestrator, message, retries: 1 },
        {
          id: work,
          kind: 'queue',
          from: orchestrator,
          to: worker,
          message: w4,
          channel: queue,
          replyChannel: replies,
        },
        {
          id: announce,
          kind: 'topic',
          from: worker,
          to: subscriber,
          message: w5,
          topic,
          triggers: [trigger, w4],
        },
        { id: step1, kind: 'saga', from: orchestrator, to: subscriber, saga, step: 1, action, compensation },
        {
          id: step2,
          kind: 'saga',
          from: orchestrator,
          to: other,
          saga,
          step: 2,
          action: w6,
          compensation: w7,
        },
      ],
      notes: [{ id: note, text: noteText }],
      faults: [{ id: fault, kind: 'slow', target: worker, atMs: 500, durationMs: 500 }],
      run: { untilMs: 2_000, seed: 7 },
    };
  });

type Raw = typeof hostileDiagram extends fc.Arbitrary<infer T> ? T : never;

/**
 * Whether the schema's limits accept `raw`: ids of 1–64 characters, unique once unpaired surrogates
 * are replaced (as the schema does), names of at most 80, and so on.
 */
function withinLimits(raw: Raw): boolean {
  const ids = [...raw.services, ...raw.edges, ...raw.notes, ...raw.faults].map((x) => x.id);
  const channels = [raw.edges[1]!.channel!, raw.edges[1]!.replyChannel!, raw.edges[2]!.topic!];
  const distinct = (xs: string[]) => new Set(xs.map((x) => x.toWellFormed())).size === xs.length;
  // Every other text of a service or an edge is a name (message, channel, saga, triggers…).
  const names = [raw.name, ...[...raw.services, ...raw.edges].flatMap(namesOf)];
  return (
    ids.every((id) => id.length >= 1 && id.length <= 64) &&
    // Services, edges and notes share one id space; faults have their own.
    distinct(ids.slice(0, 11)) &&
    distinct(channels) &&
    names.every((n) => n.length <= 80) &&
    raw.description.length <= 4_000 &&
    raw.notes[0]!.text.length <= 2_000
  );
}

function namesOf(x: object): string[] {
  return Object.entries(x).flatMap(([key, value]) =>
    ['id', 'from', 'to', 'kind'].includes(key)
      ? []
      : typeof value === 'string'
        ? [value]
        : Array.isArray(value)
          ? value.filter((v): v is string => typeof v === 'string')
          : [],
  );
}

/** Runs `d` as the CLI does and checks the report names everything by its own name, once. */
function checkRunAndReport(d: Diagram, raw: Raw) {
  const engine = createEngine(d, { seriesBucketMs: 1000 });
  engine.advanceTo(engine.untilMs);
  const m = engine.metrics();
  const report = buildReport(
    7,
    engine.untilMs,
    engine.events,
    engine.traceHash(),
    m,
    engine.check(),
    null,
    0,
  );
  expect(report.invariants).toEqual({ conservation: true, sagas: true, violations: [] });
  const sorted = (xs: Iterable<string>) => [...xs].sort();
  expect(sorted(Object.keys(m.services))).toEqual(sorted(d.services.map((s) => s.id)));
  for (const s of d.services) expect(m.services[s.id]!.name).toBe(s.name);
  expect(sorted(Object.keys(m.edges))).toEqual(sorted(d.edges.map((e) => e.id)));
  const wellFormed = (s: string) => s.toWellFormed();
  const [queue, replies, topic] = [
    raw.edges[1]!.channel!,
    raw.edges[1]!.replyChannel!,
    raw.edges[2]!.topic!,
  ].map(wellFormed) as [string, string, string];
  const channels = replies === '' ? [queue, topic] : [queue, replies, topic];
  expect(sorted(Object.keys(m.channels))).toEqual(sorted(channels));
  expect(Object.hasOwn(m.channels, topic) && m.channels[topic]!.kind).toBe('topic');
  expect(Object.hasOwn(m.channels, queue) && m.channels[queue]!.kind).toBe('queue');
  expect(Object.keys(m.sagas)).toEqual([wellFormed(raw.edges[3]!.saga!)]);
  // `sim --json` prints every key as written, `__proto__` included.
  const json = JSON.parse(JSON.stringify(report)) as typeof report;
  expect(sorted(Object.keys(json.services))).toEqual(sorted(d.services.map((s) => s.id)));
  expect(sorted(Object.keys(json.channels))).toEqual(sorted(channels));
  expect(Object.keys(json.sagas)).toEqual([wellFormed(raw.edges[3]!.saga!)]);
  const clients = d.services.filter((s) => s.kind === 'client').map((s) => s.id);
  expect(sorted(Object.keys(json.clients))).toEqual(sorted(clients));
  // `--series`: the same names, each once, in every group.
  const series = JSON.parse(JSON.stringify(seriesToJson(engine.series()!))) as ReturnType<
    typeof seriesToJson
  >;
  expect(sorted(Object.keys(series.services))).toEqual(sorted(d.services.map((s) => s.id)));
  expect(sorted(Object.keys(series.clients))).toEqual(sorted(clients));
  expect(sorted(Object.keys(series.channels))).toEqual(sorted(channels));
  expect(sorted(Object.keys(series.edges))).toEqual(sorted(d.edges.map((e) => e.id)));
  expect(Object.keys(series.sagas)).toEqual([wellFormed(raw.edges[3]!.saga!)]);
  const printed = formatReport(report, d.name);
  for (const s of d.services) expect(printed).toContain(`${s.name} (${s.id})`);
  for (const c of channels) expect(printed).toContain(c);
}

describe('ids and names from a list of hostile strings, in every text field', () => {
  it('are read, run, reported, linked and exported without confusing one for another', () => {
    let runs = 0;
    fc.assert(
      fc.property(hostileDiagram, (raw) => {
        const parsed = parseDiagram(raw);
        if (!withinLimits(raw)) {
          // Refused, each problem with its path and message; never a throw.
          expect(parsed.ok).toBe(false);
          if (!parsed.ok) for (const e of parsed.errors) expect(e.path && e.message).toBeTruthy();
          return;
        }
        if (!parsed.ok) throw new Error(`refused: ${JSON.stringify(parsed.errors)}`);
        runs++;
        const d = parsed.diagram;
        checkRunAndReport(d, raw);
        expect(decodeLink(encodeLink(d))).toEqual({ ok: true, diagram: d, autoplay: false });
        expect(importDiagramJson(exportDiagramJson(d))).toMatchObject({ ok: true, diagram: d });
      }),
      { numRuns: 100 },
    );
    // Most of them are within the limits, so most of them went the whole way.
    expect(runs).toBeGreaterThan(30);
  });

  it('each built-in name as every id and name at once, one kind of text field after another', () => {
    for (const word of BUILT_IN_NAMES) {
      const raw = {
        name: word,
        services: [
          { id: word, name: word, kind: 'client', traffic: { pattern: 'steady', rate: 20 } },
          { id: `${word}2`, name: word, kind: 'orchestrator' },
        ],
        edges: [
          { id: `${word}3`, kind: 'queue', from: word, to: `${word}2`, channel: word, message: word },
          { id: `${word}4`, kind: 'saga', from: `${word}2`, to: word, saga: word, step: 1, action: word },
        ],
        notes: [{ id: `${word}5`, text: word }],
        faults: [{ id: `${word}6`, kind: 'cut', target: `${word}3`, atMs: 100, durationMs: 100 }],
        run: { untilMs: 1_000 },
      };
      const parsed = parseDiagram(raw);
      if (!parsed.ok) throw new Error(`${word}: ${JSON.stringify(parsed.errors)}`);
      const m = createEngine(parsed.diagram).metrics();
      expect(Object.keys(m.services)).toEqual([word, `${word}2`]);
      expect(Object.keys(m.channels)).toEqual([word]);
      expect(Object.keys(m.sagas)).toEqual([word]);
      expect(decodeLink(encodeLink(parsed.diagram))).toEqual({
        ok: true,
        diagram: parsed.diagram,
        autoplay: false,
      });
    }
  });
});

describe('"__proto__" as a key of the JSON itself', () => {
  it('is an unknown key like any other: it never supplies a field', () => {
    const text = `{
      "__proto__": { "name": "from the prototype", "services": [{ "id": "ghost" }] },
      "services": [{ "id": "a", "__proto__": { "kind": "client", "name": "Ghost" } }],
      "edges": [],
      "run": { "__proto__": { "seed": 99 } }
    }`;
    const r = importDiagramJson(text);
    if (!r.ok) throw new Error(r.message);
    expect(r.diagram.name).toBe('Untitled diagram');
    expect(r.diagram.services).toMatchObject([{ id: 'a', kind: 'service', name: 'Service' }]);
    expect(r.diagram.run.seed).toBe(1);
    expect(Object.getPrototypeOf(r.diagram.services[0])).toBe(Object.prototype);
  });

  it('does not give an edge its kind', () => {
    const r = importDiagramJson(
      '{"services":[{"id":"a"}],"edges":[{"id":"e","from":"a","to":"a","__proto__":{"kind":"sync"}}]}',
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      { path: 'edges[0].kind', message: 'is required (one of sync, queue, topic, saga)' },
    ]);
  });
});

describe('unpaired surrogates', () => {
  it('are replaced when read, so ids that differ only in one are refused as the same id, never split by a link', () => {
    const raw = {
      services: [{ id: 'a\uD800', kind: 'client' }, { id: 'a\uD801' }],
      edges: [{ id: 'e', kind: 'sync', from: 'a\uD800', to: 'a\uD801' }],
    };
    const parsed = parseDiagram(raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors[0]!.message).toBe('id "a\uFFFD" is already used by services[0]');
  });

  it('in a name become U+FFFD, and the diagram survives a link unchanged', () => {
    const parsed = parseDiagram({
      name: 'x\uDC00',
      services: [{ id: 'a\uD800', name: '\uDBFFy' }],
      edges: [],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.diagram.name).toBe('x\uFFFD');
    expect(parsed.diagram.services[0]).toMatchObject({ id: 'a\uFFFD', name: '\uFFFDy' });
    expect(decodeLink(encodeLink(parsed.diagram))).toEqual({
      ok: true,
      diagram: parsed.diagram,
      autoplay: false,
    });
  });
});
