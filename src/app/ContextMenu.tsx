import { useEffect, useRef } from 'react';
import { FAULT_NUMBERS, NumberAction } from '../panels/inspector/NumberAction';
import { useAppStore } from '../store';
import type { FaultRequest } from '../store/simulationSlice';

export type { FaultRequest };

export interface MenuTarget {
  type: 'service' | 'edge';
  id: string;
  x: number;
  y: number;
}

/** Right-click menu of a service or edge: live faults, plus the usual edit actions. */
export function ContextMenu({
  target,
  onClose,
  onFault,
}: {
  target: MenuTarget;
  onClose: () => void;
  onFault: (f: FaultRequest) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const service = useAppStore((s) => s.diagram.services.find((x) => x.id === target.id));
  const state = useAppStore((s) => (target.type === 'service' ? s.sim.services[target.id] : undefined));
  const edgeState = useAppStore((s) => (target.type === 'edge' ? s.sim.edges[target.id] : undefined));
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
  const act = (f: FaultRequest) => {
    onFault(f);
    onClose();
  };
  const left = Math.min(target.x, window.innerWidth - 250);
  const top = Math.min(target.y, window.innerHeight - 300);
  const st = useAppStore.getState();
  return (
    <div
      ref={ref}
      className="ctx"
      role="menu"
      style={{ left, top }}
      data-testid="context-menu"
      aria-label="Actions"
    >
      {target.type === 'service' && service && (
        <>
          <div className="ctx__title">{service.name}</div>
          {state?.status === 'down' ? (
            <button
              role="menuitem"
              onClick={() => act({ clear: true, kinds: ['down'], target: target.id })}
              data-testid="fault-up"
            >
              ▲ Bring back up
            </button>
          ) : (
            <button
              role="menuitem"
              onClick={() => act({ kind: 'down', target: target.id })}
              data-testid="fault-down"
            >
              ▼ Take down
            </button>
          )}
          <NumberAction
            className="ctx__row"
            role="menuitem"
            {...FAULT_NUMBERS.slow}
            label="🐢 Slow down ×"
            onApply={(factor) => act({ kind: 'slow', target: target.id, factor })}
            testId="fault-slow"
          />
          <NumberAction
            className="ctx__row"
            role="menuitem"
            {...FAULT_NUMBERS.fail}
            label="⚡ Fail %"
            onApply={(percent) => act({ kind: 'error', target: target.id, rate: percent / 100 })}
            testId="fault-error"
          />
          {state && (state.slowFactor > 1 || state.injectedErrorRate > 0) && (
            <button
              role="menuitem"
              onClick={() => act({ clear: true, kinds: ['slow', 'error'], target: target.id })}
              data-testid="fault-normal"
            >
              ✓ Back to normal
            </button>
          )}
          <hr />
          <button role="menuitem" onClick={() => (st.setRenaming(target.id), onClose())}>
            Rename
          </button>
          <button
            role="menuitem"
            onClick={() => (st.select([target.id]), st.duplicateSelection(), onClose())}
          >
            Duplicate
          </button>
          <button
            role="menuitem"
            className="danger"
            onClick={() => (st.select([target.id]), st.deleteSelection(), onClose())}
          >
            Delete
          </button>
        </>
      )}
      {target.type === 'edge' && (
        <>
          <div className="ctx__title">Edge</div>
          {edgeState?.cut ? (
            <button
              role="menuitem"
              onClick={() => act({ clear: true, kinds: ['cut'], target: target.id })}
              data-testid="fault-restore"
            >
              ⛓ Restore link
            </button>
          ) : (
            <button
              role="menuitem"
              onClick={() => act({ kind: 'cut', target: target.id })}
              data-testid="fault-cut"
            >
              ✂ Cut (network partition)
            </button>
          )}
          <hr />
          <button
            role="menuitem"
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
