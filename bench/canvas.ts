/**
 * Canvas benchmark: `npm run -s bench:canvas -- [--json] [--seconds 4] [--build]`.
 *
 * `--trace <prefix>` writes a Chrome trace per size. `--profile` also prints where the page's main thread spent its time.
 *
 * Serves the built app (building it first when dist/ is missing or --build is given), opens it in
 * Debian's headless Chromium, loads a generated diagram (100 services / 150 edges, then 300 / 450)
 * with 2,000+ messages in flight, drags a node round in circles while the run plays, and measures
 * frame times with requestAnimationFrame. Prints figures; asserts nothing. `--outDir <dir>` serves
 * another build instead of dist/. `--pan` drags the empty canvas instead (a pan), and `--zoom <z>`
 * zooms the view to z around its middle first (default: the whole diagram in view).
 *
 * The page must expose `window.__microsim` with `playback` (the Playback controller) and either
 * `loadDiagram(diagram)` or `store.getState().replaceDiagram(diagram)`; `fitView()` is used when present.
 */
import type { Page } from '@playwright/test';
import { buildIfNeeded, KEEP_NAMES_SHIM, launchChromium, startPreview } from './serve';
import { benchDiagram } from './canvasDiagram';

interface Result {
  services: number;
  edges: number;
  inFlight: number;
  fps: number;
  p95FrameMs: number;
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const seconds = flag('--seconds', 4);
/** `--pan`: drag the empty canvas (pan the view) instead of a node. */
const pan = args.includes('--pan');
/** `--zoom <z>`: zoom to z around the middle of the view before measuring. */
const zoomTo = flag('--zoom', 0);
const outDirArg = args.indexOf('--outDir');
/** Serve another build (e.g. a harness page) instead of the app's dist/. */
const outDir = outDirArg >= 0 ? args[outDirArg + 1] : undefined;
const warmSimMs = flag('--warm', 20_000);
/** `--profile`: record the page's main-thread CPU profile while measuring, and print where time went. */
const profile = args.includes('--profile');
/** `--trace <file>`: write a Chrome trace of the measurement (open it in chrome://tracing or Perfetto). */
const traceArg = args.indexOf('--trace');
const traceFile = traceArg >= 0 ? args[traceArg + 1] : undefined;
const log = (...m: unknown[]) => {
  if (!json) console.log(...m);
  else console.error(...m);
};

/** Polls `test` in the page until it holds. */
async function waitFor(page: Page, test: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  let last = '';
  while (Date.now() < end) {
    try {
      if (await page.evaluate(test)) return;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const state = await page
    .evaluate(() =>
      JSON.stringify({
        keys: Object.keys((window as unknown as { __microsim?: object }).__microsim ?? {}),
        html: document.body.innerHTML.length,
        url: location.href,
      }),
    )
    .catch(String);
  throw new Error(`timed out waiting for the page (${state})${last ? `: ${last}` : ''}`);
}

async function loadAndPlay(page: Page, services: number, edges: number): Promise<void> {
  const diagram = benchDiagram(services, edges);
  await page.evaluate(
    async ({ diagram, warm }) => {
      type Handle = {
        loadDiagram?: (d: unknown) => void;
        store?: { getState(): { replaceDiagram?: (d: unknown, o?: unknown) => void } };
        playback?: { seek(t: number): void; play(): void; pause(): void };
        fitView?: () => void;
      };
      const ms = (window as unknown as { __microsim?: Handle }).__microsim;
      if (!ms?.playback) throw new Error('window.__microsim.playback is missing: the app must expose it');
      ms.playback.pause();
      if (ms.loadDiagram) ms.loadDiagram(diagram);
      else if (ms.store?.getState().replaceDiagram)
        ms.store.getState().replaceDiagram!(diagram, { undoable: false });
      else throw new Error('window.__microsim.loadDiagram is missing');
      await new Promise((r) => setTimeout(r, 500));
      ms.fitView?.();
      // Start where the run is in its steady state instead of waiting for traffic to fill the edges.
      ms.playback.seek(warm);
      ms.playback.play();
    },
    { diagram, warm: warmSimMs },
  );
  await waitFor(
    page,
    () =>
      (
        window as unknown as { __microsim: { playback: { getSnapshot(): { inFlight: number } } } }
      ).__microsim.playback.getSnapshot().inFlight >= 2000,
    30_000,
  );
}

/** Drags from `at` in circles until `until` (wall ms), one mouse move per ~16 ms. */
async function dragInCircles(page: Page, at: { x: number; y: number }, until: number): Promise<void> {
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  let a = 0;
  while (Date.now() < until) {
    a += 0.12;
    await page.mouse.move(at.x + Math.cos(a) * 80 - 80, at.y + Math.sin(a) * 60);
    await new Promise((r) => setTimeout(r, 16));
  }
  await page.mouse.up();
}

/** The view's zoom (React Flow's viewport transform). */
function currentZoom(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a,
  );
}

/** Wheel-zooms around the middle of the canvas until the zoom is `target`. */
async function zoomViewTo(page: Page, target: number): Promise<void> {
  const box = (await page.locator('.react-flow').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 6; i++) {
    const now = await currentZoom(page);
    if (Math.abs(now - target) < 0.005) return;
    // React Flow zooms by 2^(-deltaY * 0.002) per wheel event.
    await page.mouse.wheel(0, -Math.log2(target / now) / 0.002);
    await page.waitForTimeout(400);
  }
}

/**
 * Where the drag starts: the service nearest the middle of the view (one at the edge would make
 * React Flow auto-pan, which measures panning rather than a drag), or with --pan the empty spot
 * of the canvas nearest its middle.
 */
function dragStart(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate((pan) => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const cx = pane.left + pane.width / 2;
    const cy = pane.top + pane.height / 2;
    let best = { x: cx, y: cy };
    let bestD = Infinity;
    const consider = (x: number, y: number) => {
      const d = Math.hypot(x - cx, y - cy);
      if (d < bestD) [best, bestD] = [{ x, y }, d];
    };
    if (pan) {
      for (let y = pane.top + 100; y < pane.bottom - 100; y += 6)
        for (let x = pane.left + 150; x < pane.right - 150; x += 6)
          if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) consider(x, y);
    } else {
      for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
        const r = el.getBoundingClientRect();
        consider(r.left + r.width / 2, r.top + r.height / 2);
      }
    }
    if (bestD === Infinity) throw new Error(pan ? 'no empty spot of the canvas to pan from' : 'no node');
    return best;
  }, pan);
}

async function measure(page: Page, services: number, edges: number): Promise<Result> {
  await loadAndPlay(page, services, edges);
  await page.waitForTimeout(1000);
  const durationMs = seconds * 1000;
  if (zoomTo > 0) {
    await zoomViewTo(page, zoomTo);
    await page.waitForTimeout(500);
  }
  const start = await dragStart(page);
  const framesP = page.evaluate(
    (ms) =>
      new Promise<number[]>((resolve) => {
        const times: number[] = [];
        const start = performance.now();
        const tick = (t: number) => {
          times.push(t);
          if (t - start < ms) requestAnimationFrame(tick);
          else resolve(times);
        };
        requestAnimationFrame(tick);
      }),
    durationMs,
  );
  const cdp = profile ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  if (traceFile)
    await page
      .context()
      .browser()!
      .startTracing(page, { path: `${traceFile}-${services}.json` });
  const dragP = dragInCircles(page, start, Date.now() + durationMs);
  const [times] = await Promise.all([framesP, dragP]);
  if (traceFile) await page.context().browser()!.stopTracing();
  if (cdp) printProfile((await cdp.send('Profiler.stop')).profile, `${services}/${edges}`);
  const inFlight = await page.evaluate(
    () =>
      (
        window as unknown as { __microsim: { playback: { getSnapshot(): { inFlight: number } } } }
      ).__microsim.playback.getSnapshot().inFlight,
  );
  const deltas = times.slice(1).map((t, i) => t - times[i]!);
  const sorted = [...deltas].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
  const span = (times[times.length - 1]! - times[0]!) / 1000;
  return {
    services,
    edges,
    inFlight,
    fps: Math.round((deltas.length / span) * 10) / 10,
    p95FrameMs: Math.round(p95 * 10) / 10,
  };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
}

/** The functions that took the most self time, as shares of all samples. */
function printProfile(p: CpuProfile, label: string) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = p.samples ?? [];
  for (const id of samples) {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.error(`\nmain-thread self time, ${label} (${samples.length} samples):`);
  for (const [k, n] of top) console.error(`${((100 * n) / samples.length).toFixed(1).padStart(5)}%  ${k}`);
}

async function main() {
  if (!outDir) buildIfNeeded(args.includes('--build'), json, log);
  const { base, stop: stopServer } = await startPreview(outDir);
  try {
    const browser = await launchChromium();
    try {
      const results: Result[] = [];
      for (const [services, edges] of [
        [100, 150],
        [300, 450],
      ] as const) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        page.on('pageerror', (e) => log('page error:', e.message));
        await page.addInitScript({ content: KEEP_NAMES_SHIM });
        await page.goto(`${base}/?bench=1`);
        await waitFor(
          page,
          () => 'playback' in ((window as unknown as { __microsim?: object }).__microsim ?? {}),
          20_000,
        );
        const r = await measure(page, services, edges);
        log(
          `${services} services / ${edges} edges: ${r.inFlight} in flight, ${r.fps} fps, p95 frame ${r.p95FrameMs} ms`,
        );
        results.push(r);
        await page.close();
      }
      const [main, large] = results;
      if (json) console.log(JSON.stringify({ ...main, large }));
    } finally {
      await browser.close();
    }
  } finally {
    stopServer();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
