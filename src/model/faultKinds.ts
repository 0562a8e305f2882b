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

/** How a fault kind is described and shaded wherever it is shown. */
export interface FaultKindInfo {
  label: string;
  /** What the fault names: a service, or an edge. */
  target: 'service' | 'edge';
  numbers: FaultNumberInfo[];
  /** What it does to its target, in a few words after the target's name: "down", "slowed ×5". */
  effect(fault: Fault): string;
  /** How bad it is, for the shading of charts: the theme colour it takes. */
  tone: 'danger' | 'warning' | 'muted';
}

/**
 * What each fault kind is called, what it names (a service, or an edge), which of the fault's numbers
 * it reads and how it is described: the one place the model, the engine, the inspector and the
 * charts learn a fault kind from.
 */
export const FAULT_KIND_INFO: Record<FaultKind, FaultKindInfo> = {
  down: { label: 'Down', target: 'service', numbers: [], effect: () => 'down', tone: 'danger' },
  slow: {
    label: 'Slow ×N',
    target: 'service',
    numbers: [{ key: 'factor', label: 'Slow-down', unit: '×' }],
    effect: (f) => `slowed ×${f.factor}`,
    tone: 'warning',
  },
  error: {
    label: 'Fail N%',
    target: 'service',
    numbers: [{ key: 'rate', label: 'Fail', unit: '%', scale: 100 }],
    effect: (f) => `failing ${Math.round(f.rate * 100)}%`,
    tone: 'danger',
  },
  cut: { label: 'Cut edge', target: 'edge', numbers: [], effect: () => 'cut', tone: 'muted' },
};
