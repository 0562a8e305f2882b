import { exposeTestHook, seriesForHook } from './testHook';
import type { Diagram } from '../model/schema';
import { checkoutExample } from '../scenarios/checkout';
import { useAppStore } from '../store';
import { drawingFault } from './CrashBoundary';
import { beginPresenting, leavePresenting } from '../workshop/present';
import { codecUnavailable, linkCodecIfLoaded } from './linkCodec';
import { embedProblem, openLink, parseRoute, type LinkOpened } from './links';
import {
  autosaveGuard,
  loadPersistence,
  persistenceIfLoaded,
  storageNeededAtStart,
  whenPersistenceLoads,
} from './persistenceLoader';
import { connectPlayback, playback } from './run';
import { persistMetricsPanel, savedMetricsPanel } from './metricsPanelPrefs';
import { savedTheme } from './theme';

function clearFragment() {
  history.replaceState(null, '', `${location.pathname}${location.search}`);
}

/**
 * A file dropped anywhere but the canvas must not make the browser leave the app to show the file.
 * In the editor such a drop imports the file as the canvas would; the embed takes no files.
 */
function guardFileDrops(embed: boolean) {
  const hasFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
  window.addEventListener('dragover', (e) => {
    if (!hasFiles(e) || e.defaultPrevented) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = embed ? 'none' : 'copy';
  });
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e) || e.defaultPrevented) return;
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    // The file importer (with the JSON reader) is not in the first script: it loads on the first drop.
    if (file && !embed) void import('./files').then((files) => files.importJsonFile(useAppStore, file));
  });
}

/**
 * Whether `d` differs from `was` in more than its viewport: the first view's fit moves the camera
 * before the first draw, and must not pull the storage code in ahead of it.
 */
function editedSince(d: Diagram, was: Diagram): boolean {
  const fields = Object.keys(d) as (keyof Diagram)[];
  return d !== was && fields.some((field) => field !== 'viewport' && d[field] !== was[field]);
}

/** What an opened link asks for: presenting its deck from scene 1 (which plays), or playing. */
function startLink(opened: LinkOpened) {
  if (!opened.opened) return;
  if (opened.present) beginPresenting();
  else if (opened.autoplay) playback().play();
}

/**
 * Puts the first diagram on screen: a shared link if the address has one, else the diagram saved on
 * this device, else the Checkout example. The embed shows only its link and never touches storage
 * (it reads its link on this thread, before the first draw: the decoder's limits bound the work).
 * The editor reads links in a worker, showing the person's own diagram meanwhile.
 */
export function bootstrap() {
  const st = useAppStore.getState();
  const route = parseRoute(location.hash);
  exposeTestHook({
    store: useAppStore,
    failDrawing: (name) => drawingFault.set(name),
    series: () => seriesForHook(useAppStore),
  });
  guardFileDrops(route.embed);
  if (route.embed) {
    st.setMode('embed');
    // main.tsx loaded the link codec before this; if it could not, the embed says so.
    const codec = linkCodecIfLoaded();
    const r = !route.link ? null : codec ? codec.decodeLink(route.link) : codecUnavailable('not loaded');
    if (r?.ok) {
      st.replaceDiagram(r.diagram, { undoable: false });
      useAppStore.setState({ checkFirstView: true });
    } else if (r) embedProblem.error = r.error;
    else st.replaceDiagram(checkoutExample, { undoable: false });
    connectPlayback(useAppStore);
    if (r?.ok && r.autoplay) playback().play();
    return;
  }
  st.setTheme(savedTheme());
  st.setMetricsPanel(savedMetricsPanel());
  persistMetricsPanel(useAppStore);
  const persistence = persistenceIfLoaded();
  if (persistence) {
    const restored = persistence.startAfterCrash(persistence.restoreSaved());
    if (!restored.diagram) persistence.documentSession().begin(checkoutExample, 'example');
    st.replaceDiagram(restored.diagram ?? checkoutExample, { undoable: false });
    for (const notice of restored.notices) st.notify(notice);
    // Autosave starts before a link opens, so the link's diagram starts its own document.
    persistence.startAutosave(useAppStore);
  } else {
    // A first visit (main.tsx found nothing stored): the example, and the storage code once the
    // page is drawn and idle (lazyParts.tsx) or at the first edit, whichever comes first; its
    // autosave then takes the changes made meanwhile.
    st.replaceDiagram(checkoutExample, { undoable: false });
    if (storageNeededAtStart()) {
      // Something is stored, but the storage code did not load: nothing may be saved over it.
      autosaveGuard.paused = true;
      st.notify({
        tone: 'warning',
        title: 'Your saved diagram could not be opened',
        detail:
          'Part of Microsim did not load. Reload the page to try again. Starting with the example; nothing will be saved over your diagram.',
      });
    }
    const atStart = useAppStore.getState();
    whenPersistenceLoads((p) => {
      p.documentSession().begin(checkoutExample, 'example');
      p.startAutosave(useAppStore, atStart);
    });
    const off = useAppStore.subscribe((state) => {
      if (!editedSince(state.diagram, atStart.diagram)) return;
      off();
      void loadPersistence().catch(() => {});
    });
  }
  // A long link is read in a worker: the person's own diagram shows meanwhile, and stays if it fails.
  let connected = false;
  let waiting = null as LinkOpened | null;
  // The link leaves the address bar once it has been read (opened or refused), not before: a
  // reload while a long link is read in the worker opens it again instead of losing it.
  if (route.link) {
    openLink(useAppStore, route.link, (opened) => {
      clearFragment();
      if (opened.opened) useAppStore.setState({ checkFirstView: true });
      // A short link is read at once, before the run is connected: it starts once it is.
      if (connected) startLink(opened);
      else waiting = opened;
    });
  }
  connectPlayback(useAppStore);
  connected = true;
  if (waiting) startLink(waiting);
  // A link pasted into the address bar of an open tab opens too. While presenting, the presentation
  // ends first: the person's own diagram (kept aside while the scenes show) goes to Recent, not a scene.
  window.addEventListener('hashchange', () => {
    const next = parseRoute(location.hash);
    if (!next.link || next.embed) return;
    openLink(
      useAppStore,
      next.link,
      (opened) => {
        clearFragment();
        startLink(opened);
      },
      leavePresenting,
    );
  });
}
