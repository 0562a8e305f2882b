import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIAGRAM_OVERRIDES } from '../share/fixtures/arbitrary';
import { arbitraryFromSchema } from '../share/fixtures/schema-arbitrary';
import {
  DIAGRAM_FIELDS,
  Diagram,
  type DiagramInput,
  EDGE_KINDS,
  Edge,
  FAULT_KINDS,
  Fault,
  LATENCY_DISTS,
  Latency,
  Note,
  Service,
} from './schema';
import {
  DIAGRAM,
  EDGE_COMMON,
  NOTE,
  SERVICE,
  diagramWithDefaults,
  edgeWithDefaults,
  faultWithDefaults,
  latencyWithDefaults,
  noteWithDefaults,
  serviceWithDefaults,
} from './schemaDefaults';

/** Equal as the schema makes it: the same fields, values and key order (stored and hashed as JSON). */
function expectSame(filled: unknown, parsed: unknown) {
  expect(filled).toStrictEqual(parsed);
  expect(JSON.stringify(filled)).toBe(JSON.stringify(parsed));
}

/**
 * schemaDefaults.ts holds each default value once and schema.ts reads it from there, so the values
 * agree by construction. What can still differ is structure: a field the schema has and the plain
 * fill forgets (or the other way round), a field in another order, an optional field filled, a
 * nested object or list shared. These tests fill diagrams both ways and fail on any difference.
 */
describe('the schema’s defaults, written once in schemaDefaults.ts and filled without zod', () => {
  it('fill every element left at its defaults as the schema does', () => {
    expectSame(serviceWithDefaults({ id: 's' }), Service.parse({ id: 's' }));
    for (const kind of EDGE_KINDS) {
      const edge = { id: 'e', from: 'a', to: 'b', kind } as const;
      expectSame(edgeWithDefaults(edge), Edge.parse(edge));
    }
    for (const kind of FAULT_KINDS) {
      expectSame(
        faultWithDefaults({ id: 'f', kind, target: 't' }),
        Fault.parse({ id: 'f', kind, target: 't' }),
      );
    }
    expectSame(noteWithDefaults({ id: 'n' }), Note.parse({ id: 'n' }));
    for (const dist of LATENCY_DISTS) expectSame(latencyWithDefaults({ dist }), Latency.parse({ dist }));
    expectSame(latencyWithDefaults(undefined), Service.parse({ id: 's' }).latency);
    expectSame(diagramWithDefaults({}), Diagram.parse({}));
  });

  it('fill random partial diagrams, at every depth, as the schema does', () => {
    fc.assert(
      fc.property(arbitraryFromSchema(Diagram, DIAGRAM_OVERRIDES), (raw) => {
        const input = raw as Parameters<typeof diagramWithDefaults>[0];
        expectSame(diagramWithDefaults(input), Diagram.parse(input));
      }),
      { numRuns: 300 },
    );
  });

  it('fill a scene’s diagram, its panels and a sync edge’s nested settings field by field', () => {
    const input = {
      viewport: { x: 1, y: 2, zoom: 1 },
      services: [{ id: 'c', kind: 'client', traffic: { rate: 5 }, objective: { latencyMs: 200 } }],
      edges: [
        { id: 'e', from: 'c', to: 'c', kind: 'sync', backoff: { baseMs: 50 }, breaker: { enabled: true } },
      ],
      run: { seed: 3, serializationMs: { grpc: 0.5 } },
      scenes: [
        {
          id: 'a',
          diagram: { run: { speed: 2 } },
          panels: { log: 'trace' },
          camera: { x: 0, y: 0, width: 9, height: 9 },
        },
        { id: 'b', title: 'Two' },
      ],
    } satisfies DiagramInput;
    expectSame(diagramWithDefaults(input), Diagram.parse(input));
  });

  it('hands out fresh nested objects, so editing one element never changes another', () => {
    const a = serviceWithDefaults({ id: 'a' });
    const b = serviceWithDefaults({ id: 'b' });
    expect(a.position).not.toBe(b.position);
    expect(a.latency).not.toBe(b.latency);
    expect(a.traffic).not.toBe(b.traffic);
    const [x, y] = [
      edgeWithDefaults({ id: 'x', from: 'a', to: 'b', kind: 'sync' }),
      edgeWithDefaults({ id: 'y', from: 'a', to: 'b', kind: 'sync' }),
    ];
    expect(x.triggers).not.toBe(y.triggers);
    if (x.kind !== 'sync' || y.kind !== 'sync') throw new Error('sync edges expected');
    expect(x.backoff).not.toBe(y.backoff);
    expect(x.breaker).not.toBe(y.breaker);
    const [d, e] = [diagramWithDefaults({}), diagramWithDefaults({})];
    expect(d.run).not.toBe(e.run);
    expect(d.run.serializationMs).not.toBe(e.run.serializationMs);
  });

  it('leave each parsed element its own objects and lists, never a table’s (zod copies them)', () => {
    const [a, b] = [Service.parse({ id: 'a' }), Service.parse({ id: 'b' })];
    expect(a.position).not.toBe(b.position);
    expect(a.position).not.toBe(SERVICE.position);
    a.position.x = 7;
    expect(b.position.x).toBe(0);
    expect(SERVICE.position.x).toBe(0);
    const [m, n] = [Note.parse({ id: 'm' }), Note.parse({ id: 'n' })];
    expect(m.position).not.toBe(n.position);
    expect(m.position).not.toBe(NOTE.position);
    const edge = { from: 'a', to: 'b', kind: 'sync' } as const;
    const [x, y] = [Edge.parse({ id: 'x', ...edge }), Edge.parse({ id: 'y', ...edge })];
    expect(x.triggers).not.toBe(y.triggers);
    expect(x.triggers).not.toBe(EDGE_COMMON.triggers);
    const [d, e] = [Diagram.parse({}), Diagram.parse({})];
    for (const list of ['services', 'edges', 'notes', 'faults', 'breakpoints', 'scenes'] as const) {
      expect(d[list]).not.toBe(e[list]);
      expect(d[list]).not.toBe(DIAGRAM[list]);
    }
    expect(d.run.serializationMs).not.toBe(e.run.serializationMs);
  });

  it('know the diagram’s own fields in the schema’s order', () => {
    expect([...DIAGRAM_FIELDS]).toEqual(Object.keys(Diagram.shape));
  });
});
