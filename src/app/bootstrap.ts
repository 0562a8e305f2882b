import { checkoutExample } from '../scenarios';
import { useAppStore } from '../store';
import { restoreSaved, startAutosave } from './persistence';
import { connectPlayback } from './run';
import { savedTheme } from './theme';

/** Puts the first diagram on screen: the saved one, or the example on a first visit. */
export function bootstrap() {
  const st = useAppStore.getState();
  st.setTheme(savedTheme());
  const restored = restoreSaved();
  st.replaceDiagram(restored.diagram ?? checkoutExample, { undoable: false });
  if (restored.notice) st.notify(restored.notice);
  startAutosave(useAppStore);
  connectPlayback(useAppStore);
  // Tests and the canvas benchmark drive the app through this handle.
  (window as unknown as { __microsim: unknown }).__microsim = { store: useAppStore };
}
