import { describe, expect, it } from 'vitest';
import { simulationSignature } from './signature';
import { testDiagram } from './testing';
import { makeFault } from '../model/defaults';

describe('simulationSignature', () => {
  const d = testDiagram();
  it('ignores moves, notes, live faults and the default speed', () => {
    const moved = {
      ...d,
      services: d.services.map((s) => ({ ...s, position: { x: s.position.x + 50, y: 9 } })),
    };
    const live = {
      ...d,
      faults: [makeFault({ id: 'l1', kind: 'down', target: 'b', atMs: 10, source: 'live' })],
    };
    const faster = { ...d, run: { ...d.run, speed: 10 } };
    expect(simulationSignature(moved)).toBe(simulationSignature(d));
    expect(simulationSignature(live)).toBe(simulationSignature(d));
    expect(simulationSignature(faster)).toBe(simulationSignature(d));
  });
  it('changes with anything the run depends on', () => {
    const slower = { ...d, services: d.services.map((s) => ({ ...s, errorRate: 0.5 })) };
    const seeded = { ...d, run: { ...d.run, seed: 9 } };
    const fewer = { ...d, edges: [] };
    const shorter = { ...d, run: { ...d.run, untilMs: 500 } };
    for (const x of [slower, seeded, fewer, shorter])
      expect(simulationSignature(x)).not.toBe(simulationSignature(d));
  });
});
