import { useEffect } from 'react';
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
  useEffect(() => {
    if (!picker) return;
    const onKey = (e: KeyboardEvent) => {
      const idx = ['1', '2', '3', '4'].indexOf(e.key);
      if (idx >= 0) {
        e.preventDefault();
        e.stopPropagation();
        choose(EDGE_KINDS[idx]!);
      } else if (e.key === 'Escape' || e.key === 'Enter') {
        e.preventDefault();
        e.stopPropagation();
        close();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });
  if (!picker || !edge) return null;
  function close() {
    useAppStore.getState().openKindPicker(null);
  }
  function choose(kind: EdgeKind) {
    const st = useAppStore.getState();
    if (picker) st.changeEdgeKind(picker.edgeId, kind);
    close();
  }
  const left = Math.min(picker.x + 12, window.innerWidth - 230);
  const top = Math.min(picker.y + 12, window.innerHeight - 210);
  return (
    <div
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
        >
          <EdgeSwatch kind={k} />
          <span>{EDGE_KIND_INFO[k].label}</span>
          <kbd>{i + 1}</kbd>
        </button>
      ))}
    </div>
  );
}
