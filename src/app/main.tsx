import '@xyflow/react/dist/style.css';
import './styles.css';
import './responsive.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { bootstrap } from './bootstrap';
import { startOffline } from '../workshop/offline';
import { PRESENTER_ROUTE } from '../workshop/presenterChannel';
import { PresenterView } from '../workshop/PresenterView';
import { savedTheme } from './theme';

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
      <PresenterView />
    </StrictMode>,
  );
} else {
  bootstrap();
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
