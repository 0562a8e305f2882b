import type { Diagram } from '../model/schema';

/**
 * What of a diagram the run depends on, as a string: two diagrams with the same signature give the
 * same run. Positions, notes, names of the diagram and viewport are left out (dragging a node must
 * not restart the run), and so are live faults, which the run itself recorded.
 */
export function simulationSignature(d: Diagram): string {
  return JSON.stringify([
    d.services.map(({ position: _p, ...rest }) => rest),
    d.edges,
    d.faults.filter((f) => f.source !== 'live'),
    d.run,
  ]);
}
