import { handleReportRequest } from './reportWork';

// The run report and the invariant checks replay the run headless: here, off the main thread, so a
// long run's replay never stutters the canvas (reportWork.ts keeps one engine and moves it forward).
self.onmessage = (event: MessageEvent) => {
  self.postMessage(handleReportRequest(event.data));
};
