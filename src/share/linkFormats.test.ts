import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Diagram } from '../model/schema';
import { SCENARIOS } from '../scenarios';
import { encodeV1 } from './codec-v1';
import { decodeV1 } from './codec-v1-decode';
import { DICTIONARY_V1 } from './codec-v1-tables';
import { decodeV2, DICTIONARY_V2, encodeV2 } from './codec-v2';
import { decodeV3, encodeV3 } from './codec-v3';
import { expectDecodes, stringsOf } from './fixtures/linkPayload';
import { decodeLink, encodeLink } from './link';
import { ByteReader, ByteWriter } from './varint';

/** Any finite number through the codecs, and what link formats 2 and 3 added (link.test.ts has the rest). */

describe('the codecs carry any finite number', () => {
  it('varints: whole numbers of any size and sign, and any double, exactly', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0),
        (x) => {
          const whole = Math.round(x) || 0;
          const w = new ByteWriter();
          w.sint(whole);
          w.uint(Math.abs(whole));
          w.num(x);
          const r = new ByteReader(w.finish());
          expect([r.sint(), r.uint(), r.num()]).toEqual([whole, Math.abs(whole), x]);
          expect(r.done).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ['positions past 2^53', 4.5e16, -4.5e16],
    ['positions near the largest double', 1e300, -1.5e308],
    ['odd positions just past 2^53', 2 ** 53 + 2, -(2 ** 53) - 2],
  ])('%s and a far-off viewport survive the payload', (_, x, y) => {
    // Unvalidated on purpose: the schema bounds positions, the codec must not depend on it.
    const base = Diagram.parse({ services: [{ id: 'a' }, { id: 'b' }], notes: [{ id: 'n' }] });
    const d = {
      ...base,
      services: [
        { ...base.services[0]!, position: { x, y } },
        { ...base.services[1]!, position: { x: 20, y: -40 } },
      ],
      notes: [{ ...base.notes[0]!, position: { x: y, y: 3 } }],
      viewport: { x: 1e20, y: -y, zoom: 1 },
    } as Diagram;
    for (const [encode, decode] of [
      [encodeV1, decodeV1],
      [encodeV2, decodeV2],
    ] as const) {
      const raw = decode(encode(d, false)).raw as unknown as Diagram;
      expect(raw.services.map((s) => s.position)).toEqual([
        { x, y },
        { x: 20, y: -40 },
      ]);
      expect(raw.notes[0]!.position).toEqual({ x: y, y: 3 });
      expect(raw.viewport).toEqual({ x: 1e20, y: -y, zoom: 1 });
    }
    // Through a whole link it opens, and the schema says what is out of range and where.
    const r = decodeLink(encodeLink(d));
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-diagram' } });
    expect(!r.ok && r.error.details?.map((e) => e.path)).toContain('services[0].position.x');
  });
});

describe('link format 2', () => {
  it('writes names NUL-terminated and falls back to lengths when a name contains NUL', () => {
    const plain = Diagram.parse({ services: [{ id: 'x', name: 'Order Service' }] });
    expect(stringsOf(encodeLink(plain))).toEqual(['x', 'Order Service']);
    const odd = Diagram.parse({ name: 'a\u0000b', services: [{ id: 'x', name: 'Σ' }] });
    const payload = encodeV2(odd, false);
    expect(new ByteReader(payload).uint() % 2).toBe(1);
    expectDecodes(encodeLink(odd), odd);
  });

  it('is shorter than format 1 for every example', () => {
    for (const s of SCENARIOS) {
      const v1 = deflateSync(encodeV1(s.diagram, false), { level: 9, dictionary: DICTIONARY_V1 }).length;
      const v2 = deflateSync(encodeV2(s.diagram, false), { level: 9, dictionary: DICTIONARY_V2 }).length;
      expect(v2).toBeLessThan(v1);
    }
  });

  it('rejects a NUL table that runs past the end', () => {
    expect(() => decodeV2(Uint8Array.from([4, 65, 0, 66]))).toThrow(/ends too early/);
  });
});

describe('link format 3', () => {
  const withObjectives = Diagram.parse({
    services: [
      { id: 'web', kind: 'client', objective: { windowMs: 5_000, percentile: 'p95', latencyMs: 250.5 } },
      { id: 'api' },
      { id: 'app', kind: 'client', objective: { success: 0.995 } },
      { id: 'cli', kind: 'client', objective: {} },
    ],
  });

  it('carries every objective field, and the diagram without objectives is unchanged', () => {
    expectDecodes(encodeLink(withObjectives), withObjectives);
    const plain = SCENARIOS[0]!.diagram;
    expect(plain.services.some((s) => s.objective)).toBe(false);
    expectDecodes(encodeLink(plain), plain);
  });

  it('refuses an objective section that names a service that is not there, or out of order', () => {
    // Table: no texts; one objective on service 5; then a diagram with no services.
    const body = encodeV3(Diagram.parse({}), false);
    const payload = Uint8Array.from([body[0]!, 1, 5, 0, ...body.subarray(2)]);
    expect(() => decodeV3(payload)).toThrow(/names service 6, which is not there/);
    const twice = Uint8Array.from([body[0]!, 2, 0, 0, 0, 0, ...body.subarray(2)]);
    expect(() => decodeV3(twice)).toThrow(/not in service order/);
    const unknownBits = Uint8Array.from([body[0]!, 1, 0, 16, ...body.subarray(2)]);
    expect(() => decodeV3(unknownBits)).toThrow(/fields this format does not have/);
  });
});
