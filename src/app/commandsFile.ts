import { emptyDiagram } from '../model/defaults';
import { openDiagram } from './persistence';
import type { Command } from './commands';

/** Opening, sharing and finding diagrams (new, examples, gallery, decision guide, share, recent). */
export const FILE_COMMANDS: Command[] = [
  {
    id: 'new',
    label: 'New diagram',
    group: 'File',
    run: ({ store }) => {
      const opened = openDiagram(
        store,
        emptyDiagram(),
        { origin: 'own' },
        { undoable: true, label: 'New diagram' },
      );
      if (!opened) return;
      store.getState().notify({
        tone: 'info',
        title: 'New empty diagram',
        detail: 'Undo (Ctrl+Z) brings the previous one back.',
      });
    },
  },
  {
    id: 'examples',
    label: 'Examples',
    group: 'File',
    run: ({ store }) => store.getState().setDialog('examples'),
  },
  {
    id: 'gallery',
    label: 'Pattern gallery',
    // View, not File: a phone's menu (every File command) is full; there the Examples dialog opens it.
    group: 'View',
    keys: ['g'],
    run: ({ store }) => store.getState().setDialog('gallery'),
  },
  {
    id: 'decision-guide',
    label: 'Decision guide',
    group: 'View',
    keys: ['shift+g'],
    run: ({ store }) => store.getState().setDialog('decision'),
  },
  {
    id: 'share',
    label: 'Share & export',
    group: 'File',
    keys: ['mod+shift+s'],
    run: ({ store }) => store.getState().setDialog('share'),
  },
  {
    id: 'recent',
    label: 'Recent diagrams',
    group: 'File',
    keys: ['mod+o'],
    run: ({ store }) => store.getState().setDialog('recent'),
  },
];
