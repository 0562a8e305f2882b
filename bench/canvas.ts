/**
 * Canvas benchmark: `npm run -s bench:canvas -- [--json] [--seconds 4] [--runs 3] [--sizes 100,300] [--all] [--build]`.
 *
 * `--trace <prefix>` writes a Chrome trace per size. `--profile` also prints where the page's main thread spent its time.
 *
 * Serves the built app (building it first when dist/ is missing or --build is given), opens it in
 * Debian's headless Chromium, loads a generated diagram (100 services / 150 edges, then 300 / 450)
 * with 2,000+ messages in flight, drags a node round in circles while the run plays, and measures
 * frame times with requestAnimationFrame, from the press until half a second after the release.
 * Prints figures; asserts nothing. `--outDir <dir>` serves
 * another build instead of dist/. `--pan` drags the empty canvas instead (a pan), and `--zoom <z>`
 * zooms the view to z around its middle first (default: the whole diagram in view). `--all` measures
 * the three ways a person moves around a large diagram one after the other: a node dragged, a pan at
 * the fitted zoom, and a pan zoomed in to 80 %.
 *
 * `--metrics` opens the Metrics panel (docked under the canvas, charts updating while the run plays)
 * before measuring.
 *
 * Each case is measured `--runs` times (default 3), each in a fresh page, and printed as the median
 * with the fastest and slowest run, so a figure in the README comes with the range it was seen in.
 * `--sizes` lists the diagram sizes in services (edges are 1.5× as many; default 100,300; 1000 is
 * the "opens and stays interactive" case, where the longest frame matters most).
 *
 * The page must expose `window.__microsim` with `playback` (the Playback controller) and either
 * `loadDiagram(diagram)` or `store.getState().replaceDiagram(diagram)`; `fitView()` is used when present.
 */
import { cpus, loadavg } from 'node:os';
import type { Browser, Page } from '@playwright/test';
import { frameStats, range, type Range } from './frames';
import { buildIfNeeded, KEEP_NAMES_SHIM, settleAfterOpen, launchChromium, startPreview } from './serve';
import { benchDiagram } from './canvasDiagram';

/** One measurement of one case. */
interface Result {
  services: number;
  edges: number;
  inFlight: number;
  fps: number;
  p95FrameMs: number;
  maxFrameMs: number;
}

/** How the view moves while frames are counted. */
interface Mode {
  name: 'drag' | 'pan' | 'pan80';
  pan: boolean;
  zoom: number;
}

/** A case (a size and a mode) over all its runs. */
interface CaseResult {
  services: number;
  edges: number;
  mode: Mode['name'];
  inFlight: number;
  fps: Range;
  p95FrameMs: Range;
  maxFrameMs: Range;
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const seconds = flag('--seconds', 4);
const runs = Math.max(1, Math.floor(flag('--runs', 3)));
const sizesArg = args.indexOf('--sizes');
const sizes = (sizesArg >= 0 ? args[sizesArg + 1]! : '100,300').split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 2))
  throw new Error('--sizes takes services counts, e.g. 100,300,1000');
/** The mode `--pan` and `--zoom` ask for; a pan zoomed in is named for the 80 % case it measures. */
function singleMode(pan: boolean, zoom: number): Mode {
  return { name: pan ? (zoom > 0 ? 'pan80' : 'pan') : 'drag', pan, zoom };
}
/** `--pan` drags the empty canvas (pans the view) instead of a node; `--zoom <z>` zooms to z first. */
const modes: Mode[] = args.includes('--all')
  ? [
      { name: 'drag', pan: false, zoom: 0 },
      { name: 'pan', pan: true, zoom: 0 },
      { name: 'pan80', pan: true, zoom: 0.8 },
    ]
  : [singleMode(args.includes('--pan'), flag('--zoom', 0))];
const outDirArg = args.indexOf('--outDir');
/** Serve another build (e.g. a harness page) instead of the app's dist/. */
const outDir = outDirArg >= 0 ? args[outDirArg + 1] : undefined;
const warmSimMs = flag('--warm', 20_000);
/** How long frames are still counted after the pointer is released: the move's end is part of it. */
const SETTLE_MS = 500;
/** `--metrics`: measure with the Metrics panel open and updating. */
const withMetrics = args.includes('--metrics');
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
    async ({ diagram, warm, metrics }) => {
      type Handle = {
        loadDiagram?: (d: unknown) => void;
        store?: {
          getState(): {
            replaceDiagram?: (d: unknown, o?: unknown) => void;
            setMetricsPanel?: (p: { open: boolean; collapsed: boolean }) => void;
          };
        };
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
      if (metrics) {
        const open = ms.store?.getState().setMetricsPanel;
        if (!open) throw new Error('this build has no Metrics panel (store.setMetricsPanel)');
        open({ open: true, collapsed: false });
      }
      await new Promise((r) => setTimeout(r, 500));
      ms.fitView?.();
      // Start where the run is in its steady state instead of waiting for traffic to fill the edges.
      ms.playback.seek(warm);
      ms.playback.play();
    },
    { diagram, warm: warmSimMs, metrics: withMetrics },
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
function dragStart(page: Page, pan: boolean): Promise<{ x: number; y: number }> {
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

async function measure(page: Page, services: number, edges: number, mode: Mode): Promise<Result> {
  await loadAndPlay(page, services, edges);
  await page.waitForTimeout(1000);
  const durationMs = seconds * 1000;
  if (mode.zoom > 0) {
    await zoomViewTo(page, mode.zoom);
    await page.waitForTimeout(500);
  }
  const start = await dragStart(page, mode.pan);
  // Frames are counted from the press until the view has settled after the release (SETTLE_MS), so
  // the frame that shows the cards again when a move ends is counted too.
  const framesP = page.evaluate(
    ({ ms, settle }) =>
      new Promise<number[]>((resolve) => {
        const times: number[] = [];
        const start = performance.now();
        const page = window as unknown as { __benchReleasedAt?: number };
        delete page.__benchReleasedAt;
        const tick = (t: number) => {
          times.push(t);
          const released = page.__benchReleasedAt;
          const done = released !== undefined ? t > released + settle : t - start > ms + 10_000;
          if (!done) requestAnimationFrame(tick);
          else resolve(times);
        };
        requestAnimationFrame(tick);
      }),
    { ms: durationMs, settle: SETTLE_MS },
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
      .startTracing(page, { path: `${traceFile}-${services}-${mode.name}.json` });
  const dragP = dragInCircles(page, start, Date.now() + durationMs).then(() =>
    page.evaluate(() => {
      (window as unknown as { __benchReleasedAt?: number }).__benchReleasedAt = performance.now();
    }),
  );
  const [times] = await Promise.all([framesP, dragP]);
  if (traceFile) await page.context().browser()!.stopTracing();
  if (cdp) printProfile((await cdp.send('Profiler.stop')).profile, `${services}/${edges}`);
  const inFlight = await page.evaluate(
    () =>
      (
        window as unknown as { __microsim: { playback: { getSnapshot(): { inFlight: number } } } }
      ).__microsim.playback.getSnapshot().inFlight,
  );
  return { services, edges, inFlight, ...frameStats(times) };
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
  const share = (n: number) => `${((100 * n) / samples.length).toFixed(1).padStart(5)}%`;
  console.error(`\nmain-thread self time, ${label} (${samples.length} samples):`);
  for (const [k, n] of top) console.error(`${share(n)}  ${k}`);
  // By script too: which chunk (the canvas, a panel, React) the page's JavaScript time went to.
  const byScript = new Map<string, number>();
  for (const id of samples) {
    const url = byId.get(id)!.callFrame.url;
    const script = url ? (url.split('/').pop() ?? url) : '(native)';
    byScript.set(script, (byScript.get(script) ?? 0) + 1);
  }
  console.error(`\nby script:`);
  for (const [k, n] of [...byScript].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.error(`${share(n)}  ${k}`);
}

/** One run of one case, in a fresh page. */
async function runOnce(base: string, browser: Browser, services: number, mode: Mode): Promise<Result> {
  const edges = Math.round(services * 1.5);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    page.on('pageerror', (e) => log('page error:', e.message));
    await page.addInitScript({ content: KEEP_NAMES_SHIM });
    await page.goto(`${base}/?bench=1`);
    await waitFor(
      page,
      () => 'playback' in ((window as unknown as { __microsim?: object }).__microsim ?? {}),
      20_000,
    );
    await settleAfterOpen(page);
    return await measure(page, services, edges, mode);
  } finally {
    await page.close();
  }
}

/** Every run of one case, summarised. */
async function runCase(base: string, browser: Browser, services: number, mode: Mode): Promise<CaseResult> {
  const results: Result[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runOnce(base, browser, services, mode);
    log(
      `  ${services} services, ${mode.name}, run ${i + 1}: ${r.fps} fps, p95 ${r.p95FrameMs} ms, longest ${r.maxFrameMs} ms`,
    );
    results.push(r);
  }
  const summary: CaseResult = {
    services,
    edges: results[0]!.edges,
    mode: mode.name,
    inFlight: Math.min(...results.map((r) => r.inFlight)),
    fps: range(results.map((r) => r.fps)),
    p95FrameMs: range(results.map((r) => r.p95FrameMs)),
    maxFrameMs: range(results.map((r) => r.maxFrameMs)),
  };
  const f = (x: Range, unit: string) => `${x.median}${unit} (${x.min}–${x.max})`;
  log(
    `${services} services / ${summary.edges} edges, ${mode.name}: ${summary.inFlight}+ in flight, ` +
      `${f(summary.fps, ' fps')}, p95 frame ${f(summary.p95FrameMs, ' ms')}, longest ${f(summary.maxFrameMs, ' ms')}`,
  );
  return summary;
}

async function main() {
  if (!outDir) buildIfNeeded(args.includes('--build'), json, log);
  const { base, stop: stopServer } = await startPreview(outDir);
  try {
    const browser = await launchChromium();
    try {
      log(
        `${runs} runs per case, load average ${loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}, ${cpus().length} cores`,
      );
      const cases: CaseResult[] = [];
      for (const mode of modes)
        for (const services of sizes) cases.push(await runCase(base, browser, services, mode));
      if (json) console.log(JSON.stringify({ runs, metrics: withMetrics, loadAverage: loadavg(), cases }));
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
