import type { Fault, FaultKind } from './schema';

// Types only from the schema: the engine worker reads this without loading zod.

/** A number of a fault that a person sets, and how the inspector shows it. */
export interface FaultNumberInfo {
  key: { [K in keyof Fault]-?: Fault[K] extends number ? K : never }[keyof Fault];
  label: string;
  unit: string;
  /** Shown multiplied by this (a rate of 0.5 shown as 50 %). */
  scale?: number;
}

/**
 * What each fault kind is called, what it names (a service, or an edge) and which of the fault's
 * numbers it reads: the one place the model, the engine and the inspector learn a fault kind from.
 */
export const FAULT_KIND_INFO: Record<
  FaultKind,
  { label: string; target: 'service' | 'edge'; numbers: FaultNumberInfo[] }
> = {
  down: { label: 'Down', target: 'service', numbers: [] },
  slow: { label: 'Slow ×N', target: 'service', numbers: [{ key: 'factor', label: 'Slow-down', unit: '×' }] },
  error: {
    label: 'Fail N%',
    target: 'service',
    numbers: [{ key: 'rate', label: 'Fail', unit: '%', scale: 100 }],
  },
  cut: { label: 'Cut edge', target: 'edge', numbers: [] },
};
