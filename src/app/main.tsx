import '@xyflow/react/dist/style.css';
import './styles.css';
import './responsive.css';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { bootstrap } from './bootstrap';
import { loadEmbedView, whenIdle } from './lazyParts';
import { loadLinkCodec } from './linkCodec';
import { parseRoute } from './links';
import { loadPersistence, loadPersistenceWithReader, storageNeededAtStart } from './persistenceLoader';
import { startOffline } from '../workshop/offline';
import { PRESENTER_ROUTE } from '../workshop/presenterRoute';
import { savedTheme } from './theme';

// Only the presenter's own window shows it.
const PresenterView = lazy(() =>
  import('../workshop/PresenterView').then((m) => ({ default: m.PresenterView })),
);

// The service worker's install fetches every script of the app to cache it: started with the page,
// it competed with the first draw (bench:open on this 2-core machine: the reference link drawn
// 588–640 ms after, 684–765 before). The editor starts it once its diagram is drawn and the page idle (App); the
// presenter's window and the embed, which draw no editor, once the page has loaded and is idle.
const startOfflineAfterLoad = () => {
  if (document.readyState === 'complete') whenIdle(startOffline);
  else window.addEventListener('load', () => whenIdle(startOffline), { once: true });
};
const root = createRoot(document.getElementById('root')!);
if (location.hash === PRESENTER_ROUTE) {
  // The presenter's window: it follows the audience window and touches no diagram or storage.
  const theme = savedTheme();
  const dark = theme === 'dark' || (theme === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.title = 'Microsim: presenter view';
  startOfflineAfterLoad();
  root.render(
    <StrictMode>
      <Suspense fallback={null}>
        <PresenterView />
      </Suspense>
    </StrictMode>,
  );
} else {
  // A link in the address still opens before the first draw: its codec (not in the first script)
  // loads first, with the embed's player for an embed link. If it cannot load, opening the link
  // says so, and the app starts all the same.
  // Not a top-level await: the codec's chunk imports the first screen's, which would then wait on
  // itself (a module awaiting an import of a module that imports it never finishes).
  const start = () => {
    bootstrap();
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  };
  // What is stored on this device is read before the first draw too, with the storage code and the
  // diagram parser (zod and the schema), neither in the first script: a first visit, opening on the
  // built-in example, loads them after (issue 10). A link needs the storage code to keep the
  // person's diagram in Recent. If they cannot load, the app says so and saves nothing over what is
  // stored. The embed touches no storage.
  const route = parseRoute(location.hash);
  const first: Promise<unknown>[] = [];
  if (route.link || route.embed) first.push(loadLinkCodec());
  if (route.embed) {
    first.push(loadEmbedView());
    startOfflineAfterLoad();
  }
  const stored = !route.embed && storageNeededAtStart();
  if (stored) first.push(loadPersistenceWithReader());
  else if (route.link && !route.embed) first.push(loadPersistence());
  if (first.length) void Promise.allSettled(first).then(start);
  else start();
}
