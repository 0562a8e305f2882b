import { reloadIntoNewVersion, updateWaiting } from '../workshop/offline';
import type { Command } from './commands';

/** Help: updating the app, the command palette, the shortcuts. */
export const HELP_COMMANDS: Command[] = [
  {
    id: 'update-app',
    label: 'Reload into the new version',
    group: 'Help',
    // Offered by the "new version" notice; elsewhere (the palette) only while a version is waiting.
    enabled: () => updateWaiting(),
    run: () => reloadIntoNewVersion(),
  },
  {
    id: 'palette',
    label: 'Command palette',
    group: 'Help',
    keys: ['mod+k'],
    // From a field too (as in VS Code, Linear, Figma); pressed again, it closes the palette.
    whileTyping: true,
    run: ({ store }) => {
      const st = store.getState();
      st.setDialog(st.dialog === 'palette' ? null : 'palette');
    },
  },
  {
    id: 'shortcuts',
    label: 'Keyboard shortcuts',
    group: 'Help',
    keys: ['?', 'shift+/'],
    run: ({ store }) => store.getState().setDialog('shortcuts'),
  },
];
