import type { ReactFlowInstance } from '@xyflow/react';
import { useCallback, useEffect, useState } from 'react';
import { motionMs } from '../canvas/motion';
import { useAppStore } from '../store';

/**
 * Whether the phone's inspector sheet is open: it opens when something is selected and stays closed
 * once dismissed for that selection; with nothing selected it shows the diagram when asked to.
 */
export function useInspectorSheet() {
  const selectionKey = useAppStore((s) => s.selection.join(','));
  const [state, setState] = useState({ key: selectionKey, dismissed: false, diagram: false });
  // A new selection is a new question: adjusted during render (React's advice), not in an effect.
  if (state.key !== selectionKey) setState({ key: selectionKey, dismissed: false, diagram: false });
  const open = selectionKey ? !state.dismissed : state.diagram;
  const close = useCallback(() => setState((s) => ({ ...s, dismissed: true, diagram: false })), []);
  const openDiagram = useCallback(() => {
    useAppStore.getState().select([]);
    setState({ key: '', dismissed: false, diagram: true });
  }, []);
  return { open, close, openDiagram };
}

/**
 * While the sheet is open, a selected service, note or edge label it would cover is panned up into
 * the part of the canvas still in view: the person sees what they are editing.
 */
export function useSelectionAboveSheet(flow: ReactFlowInstance, active: boolean) {
  const selected = useAppStore((s) => (s.selection.length === 1 ? s.selection[0]! : null));
  useEffect(() => {
    if (!active || !selected) return;
    const id = CSS.escape(selected);
    const element =
      document.querySelector(`.react-flow__node[data-id="${id}"]`) ??
      document.querySelector(`[data-testid="edge-label-${id}"]`);
    const sheet = document.querySelector('.sheet');
    const canvas = document.querySelector('.canvas');
    if (!element || !sheet || !canvas) return;
    const box = element.getBoundingClientRect();
    const top = canvas.getBoundingClientRect().top;
    const bottom = sheet.getBoundingClientRect().top;
    if (box.top >= top + 8 && box.bottom <= bottom - 8) return;
    const shift = (top + bottom) / 2 - (box.top + box.bottom) / 2;
    const v = flow.getViewport();
    void flow.setViewport({ ...v, y: v.y + shift }, { duration: motionMs(200) });
  }, [flow, active, selected]);
}
