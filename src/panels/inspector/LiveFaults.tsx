import { useAppStore } from '../../store';
import type { FaultRequest } from '../../store/simulationSlice';
import { edgeFaultAction, serviceFaultActions, type FaultAction } from './faultActions';
import { Section } from './Section';
import { FAULT_NUMBERS, NumberAction } from './NumberAction';
import './liveFaults.css';

const HINT = 'Applied now, at the simulated time, and written into the fault script so the run replays.';

function useFault() {
  const ended = useAppStore((s) => s.sim.status === 'ended');
  return { ended, send: (f: FaultRequest) => useAppStore.getState().liveFault(f) };
}

/** Live faults on a service: take it down or bring it back, slow it ×N, make it fail N%. */
export function ServiceLiveFaults({ serviceId }: { serviceId: string }) {
  const state = useAppStore((s) => s.sim.services.get(serviceId));
  const { ended, send } = useFault();
  const down = state?.status === 'down';
  const slowed = (state?.slowFactor ?? 1) > 1;
  const failing = (state?.injectedErrorRate ?? 0) > 0;
  const now = down
    ? 'down'
    : [
        slowed && `slowed ×${state!.slowFactor}`,
        failing && `failing ${Math.round(state!.injectedErrorRate * 100)}% on purpose`,
      ]
        .filter(Boolean)
        .join(', ') || 'up';
  return (
    <Section title="Live faults">
      <div className="live-faults" data-testid="live-faults">
        <p className="live-faults__now">
          Now: <strong data-testid="live-state">{now}</strong>
        </p>
        <div className="btn-row">
          {serviceFaultActions(serviceId, state).map((a) => (
            <FaultButton key={a.id} action={a} disabled={ended} send={send} />
          ))}
        </div>
        <NumberAction
          className="live-faults__row"
          buttonClassName="btn btn--small"
          {...FAULT_NUMBERS.slow}
          disabled={ended}
          onApply={(factor) => send({ kind: 'slow', target: serviceId, factor })}
          testId="live-slow"
        />
        <NumberAction
          className="live-faults__row"
          buttonClassName="btn btn--small"
          {...FAULT_NUMBERS.fail}
          disabled={ended}
          onApply={(percent) => send({ kind: 'error', target: serviceId, rate: percent / 100 })}
          testId="live-fail"
        />
        <p className="field__hint">{HINT}</p>
      </div>
    </Section>
  );
}

/** Live faults on an edge: cut it (a network partition) or restore it. */
export function EdgeLiveFaults({ edgeId }: { edgeId: string }) {
  const cut = useAppStore((s) => s.sim.edges.get(edgeId)?.cut ?? false);
  const circuit = useAppStore((s) => s.sim.edges.get(edgeId)?.circuit ?? 'closed');
  const { ended, send } = useFault();
  return (
    <Section title="Live faults">
      <div className="live-faults" data-testid="live-faults">
        <p className="live-faults__now">
          Now:{' '}
          <strong data-testid="live-state">
            {cut ? 'cut' : 'connected'}
            {circuit !== 'closed' ? `, circuit ${circuit}` : ''}
          </strong>
        </p>
        <div className="btn-row">
          <FaultButton action={edgeFaultAction(edgeId, cut)} disabled={ended} send={send} />
        </div>
        <p className="field__hint">{HINT}</p>
      </div>
    </Section>
  );
}

function FaultButton(p: { action: FaultAction; disabled: boolean; send: (f: FaultRequest) => void }) {
  return (
    <button
      className={`btn btn--small${p.action.danger ? ' btn--danger' : ''}`}
      disabled={p.disabled}
      onClick={() => p.send(p.action.request)}
      data-testid={`live-${p.action.id}`}
    >
      {p.action.label}
    </button>
  );
}
