import { Diagram, type DiagramInput } from '../../model/schema';

/** A two-service diagram with one sync edge (and an optional second edge), for playback tests. */
export function testDiagram(extra: Partial<DiagramInput> = {}): Diagram {
  return Diagram.parse({
    services: [
      { id: 'a', name: 'A', position: { x: 0, y: 0 } },
      { id: 'b', name: 'B', position: { x: 300, y: 0 } },
    ],
    edges: [{ id: 'e1', from: 'a', to: 'b', kind: 'sync', message: 'GET /x' }],
    run: { seed: 1, speed: 1, untilMs: 2_000 },
    ...extra,
  });
}
