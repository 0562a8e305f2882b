import { moveElements } from '../model/edits';
import { motionMs } from '../canvas/motion';
import { fitDiagram } from '../canvas/useDiagramView';
import type { AppState } from '../store';
import type { Command } from './commands';

const hasSelection = (s: AppState) => s.selection.length > 0;

/** Editing the diagram: undo and redo, the clipboard, selection, renaming, notes, tidying. */
export const EDIT_COMMANDS: Command[] = [
  {
    id: 'undo',
    menu: true,
    label: 'Undo',
    group: 'Edit',
    keys: ['mod+z'],
    enabled: (s) => s.history.past.length > 0,
    run: ({ store }) => store.getState().undo(),
  },
  {
    id: 'redo',
    menu: true,
    label: 'Redo',
    group: 'Edit',
    keys: ['mod+shift+z', 'mod+y'],
    enabled: (s) => s.history.future.length > 0,
    run: ({ store }) => store.getState().redo(),
  },
  {
    id: 'delete',
    label: 'Delete',
    group: 'Edit',
    keys: ['delete', 'backspace'],
    enabled: hasSelection,
    run: ({ store }) => store.getState().deleteSelection(),
  },
  {
    id: 'copy',
    label: 'Copy',
    group: 'Edit',
    keys: ['mod+c'],
    enabled: hasSelection,
    run: ({ store }) => store.getState().copySelection(),
  },
  {
    id: 'paste',
    label: 'Paste',
    group: 'Edit',
    keys: ['mod+v'],
    enabled: (s) => s.clipboard !== null,
    run: ({ store }) => store.getState().paste(),
  },
  {
    id: 'duplicate',
    label: 'Duplicate',
    group: 'Edit',
    keys: ['mod+d'],
    enabled: hasSelection,
    run: ({ store }) => store.getState().duplicateSelection(),
  },
  {
    id: 'select-all',
    label: 'Select all',
    group: 'Edit',
    keys: ['mod+a'],
    run: ({ store }) => store.getState().selectAll(),
  },
  {
    id: 'deselect',
    label: 'Clear selection',
    group: 'Edit',
    keys: ['escape'],
    readOnly: true,
    run: ({ store }) => {
      store.getState().select([]);
      store.getState().selectMessage(null);
    },
  },
  {
    id: 'rename',
    label: 'Rename service',
    group: 'Edit',
    keys: ['f2', 'enter'],
    enabled: (s) => s.selection.length === 1 && s.diagram.services.some((x) => x.id === s.selection[0]),
    run: ({ store }) => store.getState().setRenaming(store.getState().selection[0] ?? null),
  },
  {
    id: 'add-note',
    label: 'Add sticky note',
    group: 'Edit',
    keys: ['n'],
    run: ({ store, flow }) => {
      const at = flow?.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 }) ?? {
        x: 0,
        y: 0,
      };
      store.getState().addNote({ x: at.x - 100, y: at.y - 60 });
    },
  },
  {
    id: 'tidy',
    menu: true,
    label: 'Tidy up layout',
    group: 'View',
    keys: ['shift+l'],
    enabled: (s) => s.diagram.services.length > 0,
    // The layout code (dagre) is loaded on the first tidy up: the first screen never lays out.
    run: ({ store, flow }) =>
      void import('../canvas/layout').then(({ tidyLayout }) => {
        const st = store.getState();
        const positions = tidyLayout(st.diagram, st.measured);
        st.edit('Tidy up', (d) => moveElements(d, positions));
        window.setTimeout(() => flow && void fitDiagram(flow, motionMs(300)), 30);
      }),
  },
];
