import { useAppStore, useDiagramContent } from '../../store';
import { lazy, Suspense } from 'react';
import { Section } from './Section';

// Each is loaded when first shown, so the first screen's script holds none of them: the diagram's
// settings (with the advisor and its checklist) once the diagram is drawn, the others on selection.
const ServiceInspector = lazy(() =>
  import('./ServiceInspector').then((m) => ({ default: m.ServiceInspector })),
);
const EdgeInspector = lazy(() => import('./EdgeInspector').then((m) => ({ default: m.EdgeInspector })));
const NoteInspector = lazy(() => import('./NoteInspector').then((m) => ({ default: m.NoteInspector })));
const DiagramInspector = lazy(() =>
  import('./DiagramInspector').then((m) => ({ default: m.DiagramInspector })),
);

const LOADING = <p className="muted">Loading…</p>;

/** Whether the diagram's settings may load: not before the diagram itself is drawn. */
interface InspectorProps {
  diagramDrawn: boolean;
}

/** The right-hand panel: edits whatever is selected, or the diagram itself when nothing is. */
export function Inspector({ diagramDrawn }: InspectorProps) {
  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      <InspectorBody diagramDrawn={diagramDrawn} />
    </aside>
  );
}

/** What the inspector shows, without its frame (a side panel, or a bottom sheet on a phone). */
export function InspectorBody({ diagramDrawn }: InspectorProps) {
  const diagram = useDiagramContent();
  const selection = useAppStore((s) => s.selection);
  let body;
  if (selection.length > 1) {
    body = (
      <Section title={`${selection.length} items selected`}>
        <p className="muted">Move them together, or use Duplicate (Ctrl+D) and Delete.</p>
        <div className="btn-row">
          <button className="btn btn--small" onClick={() => useAppStore.getState().duplicateSelection()}>
            Duplicate
          </button>
          <button
            className="btn btn--small btn--danger"
            onClick={() => useAppStore.getState().deleteSelection()}
          >
            Delete
          </button>
        </div>
      </Section>
    );
  } else {
    const id = selection[0];
    const service = diagram.services.find((s) => s.id === id);
    const edge = diagram.edges.find((e) => e.id === id);
    const note = diagram.notes.find((n) => n.id === id);
    body = service ? (
      <ServiceInspector key={service.id} service={service} />
    ) : edge ? (
      <EdgeInspector key={edge.id} edge={edge} />
    ) : note ? (
      <NoteInspector key={note.id} note={note} />
    ) : diagramDrawn ? (
      <DiagramInspector diagram={diagram} />
    ) : (
      LOADING
    );
  }
  return <Suspense fallback={LOADING}>{body}</Suspense>;
}
