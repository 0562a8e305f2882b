import { NodeResizer, type Node, type NodeProps } from '@xyflow/react';
import { memo, useState } from 'react';
import type { Note } from '../../model/schema';
import { useAppStore } from '../../store';

export type NoteNodeType = Node<{ note: Note }, 'note'>;

function NoteNodeView({ id, data, selected }: NodeProps<NoteNodeType>) {
  const n = data.note;
  // The embed is read-only: its notes are shown, never edited or resized.
  const readOnly = useAppStore((s) => s.mode === 'embed');
  const [editing, setEditing] = useState(false);
  const save = (text: string) => {
    useAppStore.getState().edit('Edit note', (d) => ({
      ...d,
      notes: d.notes.map((x) => (x.id === id ? { ...x, text: text.slice(0, 2000) } : x)),
    }));
    setEditing(false);
  };
  return (
    <div
      className={`note note--${n.color}`}
      data-testid={`note-${id}`}
      onDoubleClick={() => !readOnly && setEditing(true)}
    >
      <NodeResizer
        isVisible={selected && !readOnly}
        minWidth={60}
        minHeight={40}
        onResizeStart={() => useAppStore.getState().beginGesture('Resize note')}
        onResizeEnd={() => useAppStore.getState().endGesture()}
      />
      {editing && !readOnly ? (
        <textarea
          className="note__edit nodrag nowheel"
          aria-label="Note text"
          autoFocus
          defaultValue={n.text}
          maxLength={2000}
          onBlur={(e) => save(e.target.value)}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Escape') setEditing(false);
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) save(e.currentTarget.value);
          }}
        />
      ) : (
        <div className="note__text">
          {n.text || (!readOnly && <span className="muted">Double-click to write</span>)}
        </div>
      )}
    </div>
  );
}

/** A sticky note for workshop annotations: double-click to edit, resize when selected. */
export const NoteNode = memo(NoteNodeView);
