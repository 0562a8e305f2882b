import { createEngine } from '../runtime';
import type { WorkerScope } from './host';
import { serveSession } from './sessionHosts';

// The engine runs here, off the main thread, so a hard-working run never costs the canvas a frame.
serveSession(self as unknown as WorkerScope, createEngine);
