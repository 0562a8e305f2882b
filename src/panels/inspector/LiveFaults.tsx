import { useAppStore } from '../../store';
import type { FaultRequest } from '../../store/simulationSlice';
import { Section } from './fields';
import { FAULT_NUMBERS, NumberAction } from './NumberAction';
import './liveFaults.css';

const HINT = 'Applied now, at the simulated time, and written into the fault script so the run replays.';

function useFault() {
  const ended = useAppStore((s) => s.sim.status === 'ended');
  return { ended, send: (f: FaultRequest) => useAppStore.getState().liveFault(f) };
}

/** Live faults on a service: take it down or bring it back, slow it ×N, make it fail N%. */
export function ServiceLiveFaults({ serviceId }: { serviceId: string }) {
  const state = useAppStore((s) => s.sim.services[serviceId]);
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
          {down ? (
            <button
              className="btn btn--small"
              disabled={ended}
              onClick={() => send({ clear: true, kinds: ['down'], target: serviceId })}
              data-testid="live-up"
            >
              ▲ Bring back up
            </button>
          ) : (
            <button
              className="btn btn--small btn--danger"
              disabled={ended}
              onClick={() => send({ kind: 'down', target: serviceId })}
              data-testid="live-down"
            >
              ▼ Take down
            </button>
          )}
          {(slowed || failing) && (
            <button
              className="btn btn--small"
              disabled={ended}
              onClick={() => send({ clear: true, kinds: ['slow', 'error'], target: serviceId })}
              data-testid="live-normal"
            >
              ✓ Back to normal
            </button>
          )}
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
  const cut = useAppStore((s) => s.sim.edges[edgeId]?.cut ?? false);
  const circuit = useAppStore((s) => s.sim.edges[edgeId]?.circuit ?? 'closed');
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
          {cut ? (
            <button
              className="btn btn--small"
              disabled={ended}
              onClick={() => send({ clear: true, kinds: ['cut'], target: edgeId })}
              data-testid="live-restore"
            >
              ⛓ Restore link
            </button>
          ) : (
            <button
              className="btn btn--small btn--danger"
              disabled={ended}
              onClick={() => send({ kind: 'cut', target: edgeId })}
              data-testid="live-cut"
            >
              ✂ Cut (network partition)
            </button>
          )}
        </div>
        <p className="field__hint">{HINT}</p>
      </div>
    </Section>
  );
}
