import type { FaultRequest, ServiceView } from '../../store/simulationSlice';

/** One live-fault button: what it says and the fault it asks for. `id` names it in test ids. */
export interface FaultAction {
  id: 'down' | 'up' | 'normal' | 'cut' | 'restore';
  label: string;
  request: FaultRequest;
  danger?: boolean;
}

/** The buttons a service offers now (the numbered slow ×N and fail N% come with NumberAction). */
export function serviceFaultActions(target: string, state: ServiceView | undefined): FaultAction[] {
  const out: FaultAction[] = [
    state?.status === 'down'
      ? { id: 'up', label: '▲ Bring back up', request: { clear: true, kinds: ['down'], target } }
      : { id: 'down', label: '▼ Take down', request: { kind: 'down', target }, danger: true },
  ];
  if (state && (state.slowFactor > 1 || state.injectedErrorRate > 0))
    out.push({
      id: 'normal',
      label: '✓ Back to normal',
      request: { clear: true, kinds: ['slow', 'error'], target },
    });
  return out;
}

/** The button an edge offers now: cut it (a network partition) or restore it. */
export function edgeFaultAction(target: string, cut: boolean): FaultAction {
  return cut
    ? { id: 'restore', label: '⛓ Restore link', request: { clear: true, kinds: ['cut'], target } }
    : { id: 'cut', label: '✂ Cut (network partition)', request: { kind: 'cut', target }, danger: true };
}
