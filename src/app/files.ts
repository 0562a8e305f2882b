import type { ReactFlowInstance } from '@xyflow/react';
import { errorLines } from '../model/parse';
import { diagramFileName, downloadBlob, exportDiagramJson, exportImage, importDiagramFile } from '../share';
import type { AppStore } from '../store';
import { openDiagram } from './persistence';

/** Downloads the diagram as JSON in the published schema. */
export function exportJson(store: AppStore) {
  const d = store.getState().diagram;
  downloadBlob(diagramFileName(d, 'json'), new Blob([exportDiagramJson(d)], { type: 'application/json' }));
}

/**
 * Imports a diagram file: every problem is shown with its path and nothing changes; a good file
 * replaces the diagram (undoable) after the current one is kept in Recent diagrams.
 */
export async function importJsonFile(store: AppStore, file: File) {
  const r = await importDiagramFile(file);
  if (!r.ok) {
    store.getState().notify({
      tone: 'error',
      title: `Could not import ${file.name}`,
      detail: `${r.message} Your diagram was not changed.`,
      lines: errorLines(r.errors),
    });
    return;
  }
  const st = store.getState();
  const label = `Import ${file.name}`;
  if (!openDiagram(store, r.diagram, { origin: 'file' }, { undoable: true, label })) return;
  st.notify({
    tone: 'success',
    title: `Imported “${r.diagram.name}”`,
    detail: 'Undo (Ctrl+Z) brings back the diagram you had.',
  });
}

/** Opens the file picker for a diagram JSON file. */
export function pickJsonFile(store: AppStore) {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = 'application/json,.json';
  input.onchange = () => {
    const f = input.files?.[0];
    if (f) void importJsonFile(store, f);
  };
  input.click();
}

/** Exports the diagram as a PNG or SVG image in the current theme, cropped to the diagram. */
export async function exportPicture(store: AppStore, flow: ReactFlowInstance | null, format: 'png' | 'svg') {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  const nodes = flow?.getNodes() ?? [];
  if (!viewport || !flow || nodes.length === 0) {
    store.getState().notify({ tone: 'info', title: 'Nothing to export', detail: 'The diagram is empty.' });
    return;
  }
  const background =
    getComputedStyle(document.documentElement).getPropertyValue('--canvas').trim() || '#ffffff';
  // A large diagram takes seconds (each element's computed style is read and copied): say so first.
  const busy =
    nodes.length > SLOW_PICTURE_NODES
      ? store.getState().notify({
          tone: 'info',
          title: `Drawing the picture of ${nodes.length} elements…`,
          detail: 'A diagram this large takes a few seconds; the page pauses meanwhile.',
        })
      : null;
  // Everything, in full detail: a zoomed-out canvas draws an overview and only what is on screen.
  store.getState().setExportingPicture(true);
  try {
    await nextFrames(2);
    const image = await exportImage(viewport, {
      format,
      bounds: flow.getNodesBounds(nodes),
      background,
      // The edges' arrowheads are defined outside the viewport.
      inline: document.querySelectorAll('svg.edge-markers'),
      // Editing affordances: connection handles and the wide invisible hit areas of edges.
      exclude: (el) =>
        el.classList.contains('react-flow__handle') || el.classList.contains('react-flow__edge-interaction'),
    });
    downloadBlob(diagramFileName(store.getState().diagram, format), image);
  } catch (e) {
    store.getState().notify({
      tone: 'error',
      title: `Could not export ${format.toUpperCase()}`,
      detail: String((e as Error).message ?? e),
    });
  } finally {
    store.getState().setExportingPicture(false);
    if (busy !== null) store.getState().dismiss(busy);
  }
}

/** Above this many services and notes, exporting a picture says it is working (it takes seconds). */
const SLOW_PICTURE_NODES = 60;

/** Resolves after `n` animation frames, once React has drawn what the store just asked for. */
function nextFrames(n: number): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  });
}
