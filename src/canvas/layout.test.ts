import { describe, expect, it } from 'vitest';
import { emptyDiagram, makeEdge, makeService } from '../model/defaults';
import type { Diagram } from '../model/schema';
import { tidyLayout } from './layout';

/** A chain of services with `ids`, one edge between each pair named by `edgeIds`. */
function chain(ids: readonly string[], edgeIds: readonly string[]): Diagram {
  return {
    ...emptyDiagram(),
    services: ids.map((id, i) => makeService('service', id, id, { x: i * 7, y: 0 })),
    edges: ids.slice(1).map((id, i) => makeEdge('sync', edgeIds[i]!, ids[i]!, id)),
  };
}

describe('tidyLayout', () => {
  it('lays out services and edges named after built-in object properties', () => {
    const words = ['constructor', '__proto__', 'valueOf', 'toString', 'hasOwnProperty'];
    for (const d of [chain(words, ['a', 'b', 'c', 'd']), chain(['a', 'b', 'c', 'd', 'e'], words)]) {
      const at = tidyLayout(d, new Map([[d.services[1]!.id, { width: 300, height: 100 }]]));
      expect([...at.keys()]).toEqual(d.services.map((s) => s.id));
      const xs = [...at.values()].map((p) => p.x);
      // Left to right along the chain, every position a finite number.
      expect(xs.every(Number.isFinite)).toBe(true);
      expect([...xs].sort((p, q) => p - q)).toEqual(xs);
      expect(new Set(xs).size).toBe(xs.length);
    }
  });
});
