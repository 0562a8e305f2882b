import { decodeLink } from '../share';
import { checkoutExample } from '../scenarios';
import { useAppStore } from '../store';
import { openLink, parseRoute, reportLinkError } from './links';
import { restoreSaved, startAutosave } from './persistence';
import { connectPlayback, playback } from './run';
import { savedTheme } from './theme';

function clearFragment() {
  history.replaceState(null, '', `${location.pathname}${location.search}`);
}

/**
 * Puts the first diagram on screen: a shared link if the address has one, else the diagram saved on
 * this device, else the Checkout example. The embed shows only its link and never touches storage.
 */
export function bootstrap() {
  const st = useAppStore.getState();
  st.setTheme(savedTheme());
  const route = parseRoute(location.hash);
  (window as unknown as { __microsim: unknown }).__microsim = { store: useAppStore };
  if (route.embed) {
    st.setMode('embed');
    const r = route.link ? decodeLink(route.link) : null;
    if (r?.ok) st.replaceDiagram(r.diagram, { undoable: false });
    else if (r) reportLinkError(useAppStore, r.error);
    else st.replaceDiagram(checkoutExample, { undoable: false });
    connectPlayback(useAppStore);
    if (r?.ok && r.autoplay) playback().play();
    return;
  }
  const restored = restoreSaved();
  st.replaceDiagram(restored.diagram ?? checkoutExample, { undoable: false });
  if (restored.notice) st.notify(restored.notice);
  let autoplay = false;
  if (route.link) {
    autoplay = openLink(useAppStore, route.link).autoplay;
    clearFragment();
  }
  startAutosave(useAppStore);
  connectPlayback(useAppStore);
  if (autoplay) playback().play();
  // A link pasted into the address bar of an open tab opens too.
  window.addEventListener('hashchange', () => {
    const next = parseRoute(location.hash);
    if (!next.link || next.embed) return;
    const r = openLink(useAppStore, next.link);
    clearFragment();
    if (r.autoplay) playback().play();
  });
}
