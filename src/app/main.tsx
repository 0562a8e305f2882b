import '@xyflow/react/dist/style.css';
import './styles.css';
import './responsive.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { bootstrap } from './bootstrap';
import { startOffline } from '../workshop/offline';

bootstrap();
startOffline();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
