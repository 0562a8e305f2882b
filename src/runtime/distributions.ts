import { assertNever } from './assertNever';
import type { Latency } from '../model/schema';
import type { Rng } from './rng';

/** A latency distribution reduced to numbers, so sampling needs no object lookups. */
export interface CompiledLatency {
  kind: 0 | 1 | 2 | 3 | 4;
  a: number;
  b: number;
}

/** Turns a diagram latency into its compiled form. */
export function compileLatency(l: Latency): CompiledLatency {
  switch (l.dist) {
    case 'fixed':
      return { kind: 0, a: l.ms, b: 0 };
    case 'uniform':
      return { kind: 1, a: l.min, b: l.max };
    case 'normal':
      return { kind: 2, a: l.mean, b: l.sd };
    case 'exponential':
      return { kind: 3, a: l.mean, b: 0 };
    case 'lognormal':
      return { kind: 4, a: l.median, b: l.sigma };
    default:
      return assertNever(l);
  }
}

/** One sample in ms; never negative (a normal sample below zero is clamped to 0). */
export function sampleLatency(rng: Rng, kind: number, a: number, b: number): number {
  switch (kind) {
    case 0:
      return a;
    case 1:
      return a + (b - a) * rng.next();
    case 2: {
      const v = a + b * rng.normal();
      return v > 0 ? v : 0;
    }
    case 3:
      return rng.exponential(a);
    default:
      return a * Math.exp(b * rng.normal());
  }
}

/** Mean of a latency distribution, for explanations and checks. */
export function meanLatency(l: Latency): number {
  switch (l.dist) {
    case 'fixed':
      return l.ms;
    case 'uniform':
      return (l.min + l.max) / 2;
    case 'normal':
      return l.mean;
    case 'exponential':
      return l.mean;
    case 'lognormal':
      return l.median * Math.exp((l.sigma * l.sigma) / 2);
    default:
      return assertNever(l);
  }
}
