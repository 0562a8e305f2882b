import { useReactFlow } from '@xyflow/react';
import { EDGE_KIND_INFO, SERVICE_KIND_INFO } from '../model/defaults';
import type { ServiceKind } from '../model/schema';
import { EDGE_KINDS, SERVICE_KINDS } from '../model/schemaConstants';
import { useAppStore } from '../store';
import { PALETTE_MIME } from './Canvas';
import { SERVICE_SIZE } from './geometry';
import { EdgeSwatch, ServiceIcon } from './icons';
import { paletteSpot } from './placeNew';

/** A new sticky note's size (the schema's default). */
const NOTE_SIZE = { width: 200, height: 120 };

/** Service kinds to drag onto the canvas (or press Enter on), and the edge kinds with their looks. */
export function Palette() {
  const flow = useReactFlow();
  const defaultKind = useAppStore((s) => s.defaultEdgeKind);
  const addInView = (kind: ServiceKind | 'note') => {
    const r = document.querySelector('.canvas')?.getBoundingClientRect();
    const topLeft = flow.screenToFlowPosition({ x: r?.left ?? 0, y: r?.top ?? 0 });
    const bottomRight = flow.screenToFlowPosition({
      x: (r?.left ?? 0) + (r?.width ?? 800),
      y: (r?.top ?? 0) + (r?.height ?? 600),
    });
    const view = { ...topLeft, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
    const st = useAppStore.getState();
    const size = kind === 'note' ? NOTE_SIZE : SERVICE_SIZE;
    // Beside the selected service, or in the middle of the view; never on top of another card.
    const at = paletteSpot(st.diagram, st.measured, st.selection, view, size);
    if (kind === 'note') st.addNote(at);
    else st.addService(kind, at);
  };
  return (
    <aside className="palette" aria-label="Palette">
      <h2 className="panel-title">Add</h2>
      <ul className="palette__list">
        {SERVICE_KINDS.map((k) => (
          <li key={k}>
            <button
              className={`palette__item palette__item--${k}`}
              draggable
              data-testid={`palette-${k}`}
              title={`${SERVICE_KIND_INFO[k].label}: ${SERVICE_KIND_INFO[k].hint}. Drag onto the canvas, or press Enter.`}
              aria-label={`Add ${SERVICE_KIND_INFO[k].label}`}
              onDragStart={(e) => {
                e.dataTransfer.setData(PALETTE_MIME, k);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => addInView(k)}
            >
              <span className={`palette__icon svc-tint--${k}`}>
                <ServiceIcon kind={k} size={18} />
              </span>
              <span className="palette__label">{SERVICE_KIND_INFO[k].label}</span>
            </button>
          </li>
        ))}
        <li>
          <button
            className="palette__item"
            draggable
            data-testid="palette-note"
            title="Sticky note: an annotation for workshops"
            aria-label="Add sticky note"
            onDragStart={(e) => e.dataTransfer.setData(PALETTE_MIME, 'note')}
            onClick={() => addInView('note')}
          >
            <span className="palette__icon palette__icon--note">✎</span>
            <span className="palette__label">Sticky note</span>
          </button>
        </li>
      </ul>
      <h2 className="panel-title">Connect as</h2>
      <div role="radiogroup" aria-label="Default edge kind" className="palette__kinds">
        {EDGE_KINDS.map((k) => (
          <button
            key={k}
            role="radio"
            aria-checked={defaultKind === k}
            className={`palette__kind${defaultKind === k ? ' is-current' : ''}`}
            onClick={() => useAppStore.getState().setDefaultEdgeKind(k)}
            title={`${EDGE_KIND_INFO[k].label}: ${EDGE_KIND_INFO[k].hint} (shortcut ${EDGE_KIND_INFO[k].shortcut})`}
            aria-label={EDGE_KIND_INFO[k].label}
            data-testid={`default-kind-${k}`}
          >
            <EdgeSwatch kind={k} />
            <span className="palette__kind-label">{EDGE_KIND_INFO[k].label}</span>
            <kbd>{EDGE_KIND_INFO[k].shortcut}</kbd>
          </button>
        ))}
      </div>
      <p className="palette__hint">Drag from a service's right handle to another's left handle to connect.</p>
    </aside>
  );
}
