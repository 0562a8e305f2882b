import { replaceNote } from '../../model/edits';
import { Note } from '../../model/schema';
import { Section, SelectField, TextField } from './fields';
import { useEntityEdit } from './useEntityEdit';

/** A sticky note's text and colour. */
export function NoteInspector({ note }: { note: Note }) {
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
