import type { ReactFlowInstance } from '@xyflow/react';
import { errorLines } from '../model/parse';
import { downloadBlob, svgToPng } from '../share/image';
import { diagramFileName, exportDiagramJson, importDiagramFile } from '../share/json';
import type { AppStore } from '../store';
import { openDiagram } from './persistence';
import type { PictureContent } from './picture';

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
  if (await importComparisonFile(store, file)) return;
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

/**
 * Exports the diagram as a PNG or SVG picture in the current theme, cropped to the diagram: real SVG
 * shapes and text (the PNG is that SVG drawn at 2×). `content` 'running' adds the run's state as it
 * is now (badges, queue depths, circuits, cut edges); 'diagram' draws the diagram alone.
 */
export async function exportPicture(
  store: AppStore,
  flow: ReactFlowInstance | null,
  format: 'png' | 'svg',
  content: PictureContent = 'diagram',
) {
  const st = store.getState();
  if (!flow || st.diagram.services.length + st.diagram.notes.length === 0) {
    st.notify({ tone: 'info', title: 'Nothing to export', detail: 'The diagram is empty.' });
    return;
  }
  try {
    // Loaded on the first export: the first screen never draws a picture.
    const [{ sceneSvg }, { buildScene }] = await Promise.all([import('../share/svg'), import('./picture')]);
    const svg = sceneSvg(await buildScene(st.diagram, flow, st.sim, content));
    const name = diagramFileName(st.diagram, format);
    downloadBlob(name, format === 'svg' ? new Blob([svg], { type: 'image/svg+xml' }) : await svgToPng(svg));
  } catch (e) {
    st.notify({
      tone: 'error',
      title: `Could not export ${format.toUpperCase()}`,
      detail: String((e as Error).message ?? e),
    });
  }
}

/** A comparison file (issue 12) opens A, then its variant B beside it; returns false for any other file. */
async function importComparisonFile(store: AppStore, file: File): Promise<boolean> {
  // Comparison files are small; a large file is an ordinary diagram's business (and its size check).
  if (file.size > 20_000_000) return false;
  // Its reader comes with the link codec, which the first screen does not load.
  const reader = await import('../share/comparisonLink').catch(() => null);
  const r = reader && reader.readComparisonJson(await file.text().catch(() => ''));
  if (!r) return false;
  if (!r.ok) {
    store.getState().notify({
      tone: 'error',
      title: `Could not import ${file.name}`,
      detail: `${r.message} Your diagram was not changed.`,
      lines: errorLines(r.errors),
    });
    return true;
  }
  const label = `Import ${file.name}`;
  if (!openDiagram(store, r.a, { origin: 'file' }, { undoable: true, label })) return true;
  store.getState().openComparison(r.b);
  store.getState().notify({ tone: 'success', title: `Opened the comparison “${r.a.name}” / “${r.b.name}”` });
  return true;
}
