import { describe, expect, it } from 'vitest';
import { defaultLatency, emptyDiagram } from './defaults';
import { Diagram, LATENCY_DISTS, Service } from './schema';
import { schemaFields } from './schema-shape';

describe('schema defaults have one source', () => {
  const fields = schemaFields(Diagram);

  it("every nested object's default is exactly what its fields' own defaults make", () => {
    const checked: string[] = [];
    for (const [path, shape] of Object.entries(fields)) {
      if (shape.type !== 'object' || !('default' in shape)) continue;
      const value = shape.default as Record<string, unknown>;
      for (const [child, childShape] of Object.entries(fields)) {
        const key = child.slice(path.length + 1);
        if (!child.startsWith(`${path}.`) || key.includes('.') || !('default' in childShape)) continue;
        expect(value[key], `${child}`).toEqual(childShape.default);
      }
      checked.push(path);
    }
    expect(checked).toEqual(
      expect.arrayContaining(['services[].traffic', 'edges[]<sync>.backoff', 'edges[]<sync>.breaker', 'run']),
    );
  });

  it('a new latency of each distribution takes that option’s defaults from the schema', () => {
    expect(LATENCY_DISTS).toEqual(['fixed', 'uniform', 'normal', 'exponential', 'lognormal']);
    for (const dist of LATENCY_DISTS) {
      const option = Object.entries(fields).filter(([p]) => p.startsWith(`services[].latency<${dist}>.`));
      const expected = Object.fromEntries(
        option.map(([p, shape]) => [p.split('.').at(-1)!, 'default' in shape ? shape.default : dist]),
      );
      expect(defaultLatency(dist)).toEqual(expected);
    }
    expect(Service.parse({ id: 's' }).latency).toEqual(defaultLatency('normal'));
  });

  it('hands out fresh default objects, so editing one diagram never changes another', () => {
    const a = emptyDiagram();
    const b = emptyDiagram();
    expect(a.run).toEqual(b.run);
    expect(a.run).not.toBe(b.run);
    expect(a.run.serializationMs).not.toBe(b.run.serializationMs);
  });
});
