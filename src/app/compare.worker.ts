import { handleCompareRequest } from './compareWork';

// A comparison runs two whole runs: here, off the main thread, so the canvas never stutters.
self.onmessage = (event: MessageEvent) => {
  self.postMessage(handleCompareRequest(event.data));
};
