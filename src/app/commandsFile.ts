import { emptyDiagram } from '../model/defaults';
import type { Command } from './commands';
import { withPersistence } from './persistenceLoader';

/** Opening, sharing and finding diagrams (new, examples, gallery, decision guide, share, recent). */
export const FILE_COMMANDS: Command[] = [
  {
    id: 'new',
    label: 'New diagram',
    group: 'File',
    // The diagram on screen goes to Recent first: with the storage code (at once when it is in).
    run: ({ store }) =>
      withPersistence(
        (p) => {
          const opened = p.openDiagram(
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
        () =>
          store.getState().notify({
            tone: 'error',
            title: 'Nothing else was opened',
            detail:
              'Part of Microsim did not load (what keeps your diagram first). Reload the page to try again.',
          }),
      ),
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
