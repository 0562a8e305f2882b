import '@xyflow/react/dist/style.css';
import './styles.css';
import './responsive.css';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { bootstrap } from './bootstrap';
import { loadLinkCodec } from './linkCodec';
import { parseRoute } from './links';
import { holdsDiagrams } from './persistence';
import { loadDiagramReader } from '../storage';
import { startOffline } from '../workshop/offline';
import { PRESENTER_ROUTE } from '../workshop/presenterRoute';
import { savedTheme } from './theme';

// Only the presenter's own window shows it.
const PresenterView = lazy(() =>
  import('../workshop/PresenterView').then((m) => ({ default: m.PresenterView })),
);

startOffline();
const root = createRoot(document.getElementById('root')!);
if (location.hash === PRESENTER_ROUTE) {
  // The presenter's window: it follows the audience window and touches no diagram or storage.
  const theme = savedTheme();
  const dark = theme === 'dark' || (theme === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.title = 'Microsim: presenter view';
  root.render(
    <StrictMode>
      <Suspense fallback={null}>
        <PresenterView />
      </Suspense>
    </StrictMode>,
  );
} else {
  // A link in the address still opens before the first draw: its codec (not in the first script)
  // loads first. If it cannot load, opening the link says so, and the app starts all the same.
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
  // A diagram stored on this device is read before the first draw too, with the diagram parser (zod
  // and the schema, not in the first script either: a first visit, opening on the built-in example,
  // does without it; issue 10). If it cannot load, the app says so and saves nothing over the
  // stored diagram. The embed touches no storage.
  const route = parseRoute(location.hash);
  const first: Promise<unknown>[] = [];
  if (route.link || route.embed) first.push(loadLinkCodec());
  if (!route.embed && holdsDiagrams()) first.push(loadDiagramReader());
  if (first.length) void Promise.allSettled(first).then(start);
  else start();
}
