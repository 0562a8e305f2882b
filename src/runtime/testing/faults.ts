import type { Diagram } from '../../model/schema';

/** `d` with its Payment service down from 5 s to the end of the run (a scripted fault). */
export const paymentDownFrom5s = (d: Diagram): Diagram => ({
  ...d,
  faults: [
    {
      id: 'f1',
      kind: 'down',
      target: 'payment',
      atMs: 5_000,
      durationMs: 0,
      factor: 5,
      rate: 0.5,
      source: 'script',
    },
  ],
});
