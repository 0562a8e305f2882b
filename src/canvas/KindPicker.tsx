import { useEffect, useRef } from 'react';
import { isTyping } from '../lib/dom';
import { sagaStepNote } from '../model/advice';
import { EDGE_KIND_INFO } from '../model/defaults';
import { EDGE_KINDS, type EdgeKind } from '../model/schema';
import { useAppStore } from '../store';
import { EdgeSwatch } from './icons';

/**
 * Offered where a new connection was dropped: pick the edge's kind with a click or 1–4; Enter or
 * Escape keeps the default the edge was made with.
 */
export function KindPicker() {
  const picker = useAppStore((s) => s.kindPicker);
  const edge = useAppStore((s) => s.diagram.edges.find((e) => e.id === s.kindPicker?.edgeId));
  // Offered from any service, with a word on what a saga step from a non-orchestrator means.
  const sagaNote = useAppStore((s) => (edge ? sagaStepNote(s.diagram, edge.from) : null));
  const box = useRef<HTMLDivElement>(null);
  const open = !!picker && !!edge;
  useEffect(() => {
    // The edge went away (undo, delete): the picker goes with it, handlers included.
    if (picker && !edge) close();
  }, [picker, edge]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      // Keys typed into a form field (the inspector) are the field's, not the picker's.
      if (isTyping(e.target) && !box.current?.contains(e.target as Node)) return;
      const idx = ['1', '2', '3', '4'].indexOf(e.key);
      if (idx >= 0 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        e.stopPropagation();
        choose(EDGE_KINDS[idx]!);
      } else if (e.key === 'Escape' || e.key === 'Enter') {
        e.preventDefault();
        e.stopPropagation();
        close();
      }
    };
    const onPointer = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) close();
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', onPointer, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', onPointer, true);
    };
  }, [open]);
  if (!picker || !edge) return null;
  const left = Math.min(picker.x + 12, window.innerWidth - 230);
  const top = Math.min(picker.y + 12, window.innerHeight - (sagaNote ? 250 : 210));
  return (
    <div
      ref={box}
      className="kind-picker"
      role="menu"
      aria-label="Edge kind"
      style={{ left, top }}
      data-testid="kind-picker"
    >
      <div className="kind-picker__title">Connect as…</div>
      {EDGE_KINDS.map((k, i) => (
        <button
          key={k}
          role="menuitemradio"
          aria-checked={edge.kind === k}
          className={`kind-picker__item${edge.kind === k ? ' is-current' : ''}`}
          onClick={() => choose(k)}
          data-testid={`pick-${k}`}
          autoFocus={edge.kind === k}
          aria-label={EDGE_KIND_INFO[k].label}
          aria-describedby={k === 'saga' && sagaNote ? 'kind-picker-saga-note' : undefined}
        >
          <EdgeSwatch kind={k} />
          <span>{EDGE_KIND_INFO[k].label}</span>
          <kbd>{i + 1}</kbd>
          {k === 'saga' && sagaNote ? (
            <span className="kind-picker__note" id="kind-picker-saga-note" data-testid="saga-note">
              {sagaNote}
            </span>
          ) : null}
        </button>
      ))}
    </div>
  );
}

function close() {
  useAppStore.getState().openKindPicker(null);
}

function choose(kind: EdgeKind) {
  const st = useAppStore.getState();
  if (st.kindPicker) st.changeEdgeKind(st.kindPicker.edgeId, kind);
  close();
}
