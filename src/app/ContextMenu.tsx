import { useEffect, useRef } from 'react';
import { FAULT_NUMBERS, NumberAction } from '../panels/inspector/NumberAction';
import { useAppStore } from '../store';
import type { FaultRequest } from '../store/simulationSlice';
import { edgeFaultAction, serviceFaultActions, type FaultAction } from '../panels/inspector/faultActions';

export interface MenuTarget {
  type: 'service' | 'edge';
  id: string;
  x: number;
  y: number;
}

/**
 * Right-click menu of a service or edge: live faults, plus the usual edit actions. A dialog, not an
 * ARIA menu: it holds number fields (slow ×N, fail N%), which a menu may not.
 */
export function ContextMenu({ target, onClose }: { target: MenuTarget; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const service = useAppStore((s) => s.diagram.services.find((x) => x.id === target.id));
  const state = useAppStore((s) => (target.type === 'service' ? s.sim.services.get(target.id) : undefined));
  const edgeState = useAppStore((s) => (target.type === 'edge' ? s.sim.edges.get(target.id) : undefined));
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button')?.focus();
    const away = (e: PointerEvent) => !ref.current?.contains(e.target as Node) && onClose();
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('pointerdown', away, true);
    window.addEventListener('keydown', esc);
    return () => {
      window.removeEventListener('pointerdown', away, true);
      window.removeEventListener('keydown', esc);
    };
  }, [onClose]);
  const ended = useAppStore((s) => s.sim.status === 'ended');
  const act = (f: FaultRequest) => {
    useAppStore.getState().liveFault(f);
    onClose();
  };
  const faultItem = (a: FaultAction) => (
    <button
      key={a.id}

      disabled={ended}
      onClick={() => act(a.request)}
      data-testid={`fault-${a.id}`}
    >
      {a.label}
    </button>
  );
  const left = Math.min(target.x, window.innerWidth - 250);
  const top = Math.min(target.y, window.innerHeight - 300);
  const st = useAppStore.getState();
  return (
    <div
      ref={ref}
      className="ctx"
      role="dialog"
      style={{ left, top }}
      data-testid="context-menu"
      aria-label={
        target.type === 'service' && service ? `Actions for ${service.name}` : 'Actions for the edge'
      }
    >
      {target.type === 'service' && service && (
        <>
          <div className="ctx__title" aria-hidden="true">
            {service.name}
          </div>
          {serviceFaultActions(target.id, state).map(faultItem)}
          <NumberAction
            className="ctx__row"

            {...FAULT_NUMBERS.slow}
            disabled={ended}
            onApply={(factor) => act({ kind: 'slow', target: target.id, factor })}
            testId="fault-slow"
          />
          <NumberAction
            className="ctx__row"

            {...FAULT_NUMBERS.fail}
            disabled={ended}
            onApply={(percent) => act({ kind: 'error', target: target.id, rate: percent / 100 })}
            testId="fault-error"
          />
          <hr />
          <button onClick={() => (st.setRenaming(target.id), onClose())}>Rename</button>
          <button onClick={() => (st.select([target.id]), st.duplicateSelection(), onClose())}>
            Duplicate
          </button>
          <button
            className="danger"
            onClick={() => (st.select([target.id]), st.deleteSelection(), onClose())}
          >
            Delete
          </button>
        </>
      )}
      {target.type === 'edge' && (
        <>
          <div className="ctx__title" aria-hidden="true">
            Edge
          </div>
          {faultItem(edgeFaultAction(target.id, edgeState?.cut ?? false))}
          <hr />
          <button
            className="danger"
            onClick={() => (st.select([target.id]), st.deleteSelection(), onClose())}
          >
            Delete
          </button>
        </>
      )}
    </div>
  );
}
