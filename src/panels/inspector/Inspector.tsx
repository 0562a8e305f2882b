import { Note } from '../../model/schema';
import { replaceNote } from '../../model/edits';
import { useAppStore } from '../../store';
import { lazy, Suspense } from 'react';
import { DiagramInspector } from './DiagramInspector';
import { Section, SelectField, TextField } from './fields';
import { useEntityEdit } from './useEntityEdit';

// Loaded on the first selection: the first screen shows the diagram's own settings.
const ServiceInspector = lazy(() =>
  import('./ServiceInspector').then((m) => ({ default: m.ServiceInspector })),
);
const EdgeInspector = lazy(() => import('./EdgeInspector').then((m) => ({ default: m.EdgeInspector })));

/** The right-hand panel: edits whatever is selected, or the diagram itself when nothing is. */
export function Inspector() {
  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      <InspectorBody />
    </aside>
  );
}

/** What the inspector shows, without its frame (a side panel, or a bottom sheet on a phone). */
export function InspectorBody() {
  const diagram = useAppStore((s) => s.diagram);
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
    ) : (
      <DiagramInspector diagram={diagram} />
    );
  }
  return <Suspense fallback={<p className="muted">Loading…</p>}>{body}</Suspense>;
}

function NoteInspector({ note }: { note: Note }) {
  const field = useEntityEdit(Note, note, replaceNote, 'Edit note');
  return (
    <div data-testid="inspector-note">
      <Section title="Sticky note">
        <TextField
          label="Text"
          multiline
          value={note.text}
          onCommit={field('text')}
          testId="field-note-text"
        />
        <SelectField
          label="Colour"
          value={note.color}
          options={['yellow', 'blue', 'green', 'pink'] as const}
          onCommit={field('color')}
        />
      </Section>
    </div>
  );
}
