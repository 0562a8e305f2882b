import { describe, expect, it } from 'vitest';
import { addScene, sceneDiagramOf } from '../model/deck';
import { Diagram } from '../model/schema';
import { checkoutExample } from '../scenarios/checkout';
import { readStringTableV2 } from './codec-v2';
import { readObjectives } from './codec-v3';
import { encodeV4, readBreakpoints } from './codec-v4';
import { linkOfPayload } from './fixtures/bombs';
import { decodeLink, encodeLink, LINK_FORMAT } from './link';
import { ByteReader, ByteWriter } from './varint';

/** A format-5 link of `d` whose deck section is `flags` and `deck` as written (valid or not). */
function linkWithDeck(d: Diagram, flags: number, deck: Uint8Array): string {
  const v4 = encodeV4(d, false);
  const r = new ByteReader(v4);
  readStringTableV2(r);
  readObjectives(r);
  readBreakpoints(r);
  const w = new ByteWriter();
  w.raw(v4.subarray(0, r.offset));
  w.uint(flags);
  w.uint(deck.length);
  w.raw(deck);
  w.raw(v4.subarray(r.offset));
  return linkOfPayload(w.finish()).replace(/^m2\./, 'm5.');
}
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Checkout with a deck: the diagram as it is, the diagram with Payment down, and another diagram. */
function deck(): Diagram {
  let d = addScene(checkoutExample, {
    title: 'Healthy',
    camera: { x: 10, y: 20, width: 640, height: 360 },
  }).diagram;
  const down = {
    ...d,
    faults: [
      {
        id: 'f1',
        kind: 'down' as const,
        target: 'payment',
        atMs: 3_000,
        durationMs: 0,
        factor: 5,
        rate: 0.5,
        source: 'script' as const,
      },
    ],
  };
  d = addScene(d, { state: sceneDiagramOf(down), title: 'Payment down' }).diagram;
  const other = Diagram.parse({
    name: 'Tiny',
    services: [{ id: 'a', kind: 'client' }, { id: 'b' }],
    edges: [{ id: 'e', kind: 'queue', from: 'a', to: 'b' }],
  });
  return addScene(d, {
    state: sceneDiagramOf(other),
    title: 'Tiny',
  }).diagram;
}

describe('link format 5: the deck of scenes', () => {
  it('carries the deck, each scene’s diagram, camera and texts, and the open-presenting option', () => {
    const d = Diagram.parse(deck());
    const link = encodeLink(d, { present: true });
    // Format 6 writes format 5's bytes (its scenes may carry panels too): the current format.
    expect(link.startsWith(`m${LINK_FORMAT}.`)).toBe(true);
    const r = decodeLink(link);
    expect(r).toMatchObject({ ok: true, present: true, autoplay: false });
    expect(r.ok && r.diagram).toEqual(d);
    // Without the option a link opens in the editor.
    expect(decodeLink(encodeLink(d))).not.toHaveProperty('present');
    expect(decodeLink(encodeLink(d, { autoplay: true }))).toMatchObject({ ok: true, autoplay: true });
    expect(decodeLink(encodeLink(d, { autoplay: true }))).not.toHaveProperty('present');
  });

  it('the open-presenting option round-trips without a deck too: the diagram is presented as one scene', () => {
    const r = decodeLink(encodeLink(checkoutExample, { present: true, autoplay: true }));
    expect(r).toMatchObject({ ok: true, present: true, autoplay: true });
    expect(r.ok && r.diagram).toEqual(checkoutExample);
  });

  it('scenes of the link’s own diagram cost little: they are written as differences', () => {
    const plain = encodeLink(checkoutExample).length;
    let d = checkoutExample;
    for (let i = 0; i < 5; i++) d = addScene(d, { title: `Scene ${i}` }).diagram;
    expect(encodeLink(d).length - plain).toBeLessThan(400);
  });

  it('a deck that is not JSON, not a list, or whose scene has no diagram is a damaged link, named so', () => {
    for (const [bytes, why] of [
      [utf8('[{"id":"s1",'), 'not readable JSON'],
      [new Uint8Array([0xff, 0xfe, 0x5b, 0x5d]), 'not readable JSON'],
      [utf8('{"id":"s1"}'), 'not a list of scenes'],
      [utf8('[{"id":"s1"}]'), 'has no diagram'],
      [utf8('[{"id":"s1","d":{"v":1,"services":{"set":[null]}}}]'), 'cannot be rebuilt'],
    ] as const) {
      const r = decodeLink(linkWithDeck(checkoutExample, 0, bytes));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('corrupt');
        expect(r.error.message).toContain(why);
      }
    }
    const options = decodeLink(linkWithDeck(checkoutExample, 2, new Uint8Array(0)));
    expect(!options.ok && options.error.message).toMatch(/options this format does not have/);
  });

  it('a scene that is no valid scene is refused with its path', () => {
    const r = decodeLink(
      linkWithDeck(
        checkoutExample,
        0,
        utf8('[{"id":"s1","d":{"v":1,"faults":[{"id":"f","kind":"down","target":"nobody"}]}}]'),
      ),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-diagram');
      expect(r.error.message).toContain('scenes[0].diagram.faults[0].target: no service with id "nobody"');
    }
  });
});
