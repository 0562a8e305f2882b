import { decodeLink } from '../share/link';

// A long link is read here, off the main thread: whatever it holds, the page keeps responding, and
// the app can stop a read that takes too long (linkDecoder.ts).
self.onmessage = (event: MessageEvent<string>) => {
  self.postMessage(decodeLink(event.data));
};
// Loaded: the time budget starts now, so a slow start on a busy machine doesn't count against it.
self.postMessage('ready');
