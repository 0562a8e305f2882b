import { handleTraceRequest } from './traceWork';

// The event log and the trace view replay the run headless here, off the main thread: the engine is
// deterministic, so the replay's records are exactly the run on screen's (traceWork.ts keeps one
// replay and moves it forward while the same run goes on).
self.onmessage = (event: MessageEvent) => {
  self.postMessage(handleTraceRequest(event.data));
};
