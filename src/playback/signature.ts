import type { Diagram, Service } from '../model/schema';

/** Parts of signatures, kept while the object they describe is the same one (edits replace objects). */
const parts = new WeakMap<object, string>();

function cached<T extends object>(x: T, make: (x: T) => string): string {
  let part = parts.get(x);
  if (part === undefined) {
    part = make(x);
    parts.set(x, part);
  }
  return part;
}

const serviceSignature = (s: Service) => cached(s, ({ position: _p, ...rest }) => JSON.stringify(rest));

/**
 * What of a diagram the run depends on, as a string: two diagrams with the same signature give the
 * same run. Positions, notes, names of the diagram and viewport are left out (dragging a node must
 * not restart the run), and so are live faults, which the run itself recorded, and the default
 * speed, which changes how fast the run is shown, not what happens in it.
 */
export function simulationSignature(d: Diagram): string {
  // A drag replaces only the moved service, so every other part comes from the cache.
  const services = d.services.map(serviceSignature).join(',');
  const edges = cached(d.edges, (e) => JSON.stringify(e));
  const faults = cached(d.faults, (f) => JSON.stringify(f.filter((x) => x.source !== 'live')));
  const { speed: _speed, ...run } = d.run;
  return `[${services}]${edges}${faults}${JSON.stringify(run)}`;
}
