import type { Diagram, Fault } from '../model/schema';

/** The two diagrams to run for a comparison, and what of B's own setup was set aside. */
export interface ComparisonRuns {
  a: Diagram;
  b: Diagram;
  /** The fault script both run with (A's). */
  faults: Fault[];
  /** A's faults whose target B does not have, left out of B's run (by fault id). */
  skippedInB: string[];
  /** True when B's own run settings or fault script differed from A's and were replaced by A's. */
  bSettingsReplaced: boolean;
}

/**
 * Makes A and B comparable: both run with A's run settings (seed — or `seed` when given —, length,
 * hop limit, serialization costs) and A's fault script, so the same traffic meets the same failures
 * on one clock. Each keeps its own services, edges and client traffic: those are the designs being
 * compared. A fault on something B lacks is left out of B's run and reported.
 */
export function comparisonRuns(a: Diagram, b: Diagram, seed?: number): ComparisonRuns {
  const run = { ...a.run, seed: seed ?? a.run.seed };
  const serviceIds = new Set(b.services.map((s) => s.id));
  const edgeIds = new Set(b.edges.map((e) => e.id));
  const applies = (f: Fault) => (f.kind === 'cut' ? edgeIds.has(f.target) : serviceIds.has(f.target));
  const faults = a.faults.map((f) => ({ ...f }));
  const bSettingsReplaced =
    JSON.stringify(b.run) !== JSON.stringify(a.run) || JSON.stringify(b.faults) !== JSON.stringify(a.faults);
  return {
    a: { ...a, run, faults },
    b: { ...b, run, faults: faults.filter(applies) },
    faults,
    skippedInB: faults.filter((f) => !applies(f)).map((f) => f.id),
    bSettingsReplaced,
  };
}
