import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagram } from '../model/schema';
import { SCENARIOS } from '../scenarios';
import { arbitraryDiagram } from './fixtures/arbitrary';
import {
  DIAGRAM_SCHEMA_URL,
  diagramFileName,
  exportDiagramJson,
  importDiagramFile,
  importDiagramJson,
  MAX_IMPORT_BYTES,
} from './json';
import { findJsonSyntaxError } from './json-syntax';

const checkout = SCENARIOS[0]!.diagram;

describe('exportDiagramJson', () => {
  it('writes every field, pretty, with $schema first', () => {
    const text = exportDiagramJson(checkout);
    const value = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(value)[0]).toBe('$schema');
    expect(value.$schema).toBe(DIAGRAM_SCHEMA_URL);
    expect(text).toContain('\n  "services": [\n');
    expect(text).toContain('"concurrency": 4'); // defaults are written out, for people reading the file
  });

  it('orders keys as the schema does, whatever order the editor built them in', () => {
    const scrambled = JSON.parse(JSON.stringify(checkout), (_, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    ) as Diagram;
    expect(exportDiagramJson(scrambled)).toBe(exportDiagramJson(checkout));
  });

  it('round-trips through importDiagramJson for random diagrams', () => {
    fc.assert(
      fc.property(arbitraryDiagram, (d) => {
        const back = importDiagramJson(exportDiagramJson(d));
        expect(back.ok && back.diagram).toEqual(d);
      }),
      { numRuns: 100 },
    );
  });
});

describe('importDiagramJson', () => {
  it('reads a minimal hand-written file, filling in defaults', () => {
    const r = importDiagramJson(
      '{ "services": [{ "id": "a" }, { "id": "b" }], "edges": [{ "id": "e", "kind": "queue", "from": "a", "to": "b" }] }',
    );
    expect(r.ok).toBe(true);
    expect(r.ok && r.diagram.edges[0]).toMatchObject({ kind: 'queue', channel: 'jobs', maxDeliveries: 5 });
  });

  it('ignores a byte-order mark', () => {
    expect(importDiagramJson(`\uFEFF${exportDiagramJson(checkout)}`).ok).toBe(true);
  });

  it.each(['', '   \n\t '])('an empty file: %j', (text) => {
    expect(importDiagramJson(text)).toMatchObject({
      ok: false,
      code: 'empty',
      message: expect.stringContaining('empty'),
    });
  });

  it('broken JSON: says where, by line and column', () => {
    const text = '{\n  "name": "x",\n  "services": [\n    { "id": "a" }\n    { "id": "b" }\n  ]\n}';
    const r = importDiagramJson(text);
    expect(r).toMatchObject({ ok: false, code: 'not-json' });
    expect(!r.ok && r.message).toBe(
      "This file is not valid JSON: at line 5, column 5, expected ',' or ']' after a list item, found \"{\".",
    );
    expect(!r.ok && r.errors[0]?.path).toBe('line 5, column 5');
  });

  it('wrong shapes: every error with its path', () => {
    const r = importDiagramJson(
      JSON.stringify({
        services: [
          { id: 'a', replicas: 'two' },
          { id: 'b', latency: { dist: 'normal', mean: -1 } },
        ],
        edges: [{ id: 'e', kind: 'carrier-pigeon', from: 'a', to: 'b' }],
      }),
    );
    expect(r).toMatchObject({ ok: false, code: 'invalid-diagram' });
    const paths = !r.ok ? r.errors.map((e) => e.path) : [];
    expect(paths).toEqual(
      expect.arrayContaining(['services[0].replicas', 'services[1].latency.mean', 'edges[0].kind']),
    );
    expect(!r.ok && r.message).toMatch(/3 problems/);
  });

  it('references: edges[3].to names a missing service', () => {
    const edges = ['a', 'a', 'a', 'pay'].map((to, i) => ({ id: `e${i}`, kind: 'sync', from: 'a', to }));
    const r = importDiagramJson(JSON.stringify({ services: [{ id: 'a' }], edges }));
    expect(!r.ok && r.errors).toEqual([{ path: 'edges[3].to', message: 'no service with id "pay"' }]);
  });

  it('a file from a newer Microsim', () => {
    const r = importDiagramJson('{ "version": 7, "services": [] }');
    expect(r).toMatchObject({
      ok: false,
      code: 'future-version',
      message: expect.stringContaining('newer Microsim (format version 7)'),
    });
  });

  it('JSON that is not an object', () => {
    const r = importDiagramJson('[1, 2]');
    expect(r).toMatchObject({
      ok: false,
      code: 'invalid-diagram',
      errors: [{ path: '(diagram)', message: 'must be an object, got a list' }],
    });
  });

  it('a file over 5 MB is refused with its size', async () => {
    const big = `{"description": "${'x'.repeat(MAX_IMPORT_BYTES)}"}`;
    expect(importDiagramJson(big)).toMatchObject({
      ok: false,
      code: 'too-large',
      message: expect.stringMatching(/5\.0 MB.*up to 5\.0 MB/),
    });
    expect(await importDiagramFile(new Blob([big]))).toMatchObject({ ok: false, code: 'too-large' });
    expect(await importDiagramFile(new Blob([exportDiagramJson(checkout)]))).toMatchObject({ ok: true });
  });
});

describe('findJsonSyntaxError', () => {
  it.each([
    ['{"a": 1,}', 1, 9, "a comma before '}' is not allowed in JSON"],
    [
      "{'a': 1}",
      1,
      2,
      'expected a property name in double quotes, found a single quote (JSON strings use double quotes)',
    ],
    ['{"a": 1 // note\n}', 1, 9, 'comments are not allowed in JSON'],
    ['{"a": "line\nbreak"}', 1, 12, 'a line break or control character inside a text value must be escaped'],
    ['{"a": [1, 2', 1, 12, "expected ',' or ']' after a list item, found the end of the text"],
    ['{"a": "open', 1, 7, 'a text value in quotes is never closed'],
    ['{"a": tru}', 1, 7, 'unexpected "t"'],
    ['{} {}', 1, 4, 'unexpected "{" after the end of the JSON value'],
    ['\n\n  {"a" 1}', 3, 8, 'expected \':\' after the property name, found "1"'],
  ])('%j → line %i, column %i', (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxError(text)).toMatchObject({ line, column, message });
  });

  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 2 }), (json, at, insert) => {
        const text = json.slice(0, at % (json.length + 1)) + insert + json.slice(at % (json.length + 1));
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxError(text) === null).toBe(valid);
      }),
      { numRuns: 2_000 },
    );
  });

  it('survives deep nesting', () => {
    expect(findJsonSyntaxError('['.repeat(100_000))?.message).toMatch(/nested more than/);
  });
});

describe('diagramFileName', () => {
  it('makes a safe file name', () => {
    expect(diagramFileName({ name: 'Checkout: v2 / Ünïcode!' }, 'json')).toBe('checkout-v2-unicode.json');
    expect(diagramFileName({ name: '???' }, 'png')).toBe('diagram.png');
  });
});
