import type { LayerMessage } from './painter';
import { fitCanvas, LayerPainter } from './painter';

/*
 * The message layer's drawing worker: the page hands it an OffscreenCanvas and then only what
 * changed, and it draws here, so rasterizing thousands of marks never costs the page a frame.
 */
type InitMessage = { type: 'init'; canvas: OffscreenCanvas };

interface WorkerScope {
  addEventListener(type: 'message', listener: (ev: MessageEvent<LayerMessage | InitMessage>) => void): void;
  requestAnimationFrame?: (cb: () => void) => number;
}

const scope = self as unknown as WorkerScope;
const painter = new LayerPainter();
let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;
let scheduled = false;
// Drawing waits for the next display frame, so a burst of messages is drawn once.
const schedule = scope.requestAnimationFrame
  ? (cb: () => void) => scope.requestAnimationFrame!(cb)
  : (cb: () => void) => setTimeout(cb, 16);

function draw() {
  scheduled = false;
  if (!canvas || !ctx) return;
  const size = painter.canvasSize();
  if (size) fitCanvas(canvas, size);
  painter.paint(ctx);
}

scope.addEventListener('message', (ev) => {
  const m = ev.data;
  if (m.type === 'init') {
    canvas = m.canvas;
    ctx = canvas.getContext('2d');
    return;
  }
  painter.handle(m);
  if (m.type === 'frame' && !scheduled) {
    scheduled = true;
    schedule(draw);
  }
});
