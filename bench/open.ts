/**
 * `npm run -s bench:open [-- --json] [--runs 5] [--build] [--outDir <dir>]`: how fast the built app opens to a drawn
 * diagram, in Debian's headless Chromium, each run in a fresh browser context (a fresh profile:
 * empty cache and storage), for the home page (the Checkout example) and for a link to the
 * 20-service reference diagram (bench/diagrams/reference-20.json). Prints figures; asserts nothing.
 *
 * "Drawn" is the first frame in which every service of the diagram has its card in the DOM, laid
 * out and painted (React Flow hides a card whose size it doesn't know; the canvas gives it up front): a probe checks the cards in
 * each requestAnimationFrame callback and, once all are there, takes the time in the next task,
 * which runs after that frame was painted. Times are from the start of navigation.
 *
 * Initial JavaScript is the gzipped size of every script (workers included) whose response ended
 * before the diagram was drawn; total is every script in the build. Sizes are of dist/ files gzipped
 * here at zlib's default level, as vite's build report does. `--outDir <dir>` measures another build
 * (an older commit's, to compare under the same load) instead of dist/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { parseDiagram } from '../src/model/parse';
import { checkoutExample } from '../src/scenarios';
import { encodeLink } from '../src/share/link';
import { buildIfNeeded, KEEP_NAMES_SHIM, launchChromium, startPreview } from './serve';

const args = process.argv.slice(2);
const json = args.includes('--json');
const runsArg = args.indexOf('--runs');
const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 5;
const outDirArg = args.indexOf('--outDir');
const outDir = outDirArg >= 0 ? args[outDirArg + 1] : undefined;
const distDir = outDir ?? 'dist';
const log = (...m: unknown[]) => (json ? console.error(...m) : console.log(...m));

/** Median, fastest and slowest of a list of times, rounded to the millisecond. */
interface Spread {
  median: number;
  min: number;
  max: number;
}

/** One way of opening the app, measured `runs` times. */
interface OpenResult {
  services: number;
  drawnMs: Spread;
  initialJsGzipBytes: number;
  initialJsFiles: { file: string; gzipBytes: number }[];
}

/** A page to open and the service ids whose cards make it drawn. */
interface Target {
  name: 'home' | 'link';
  hash: string;
  serviceIds: string[];
}

function spread(times: number[]): Spread {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: Math.round(median), min: Math.round(sorted[0]!), max: Math.round(sorted.at(-1)!) };
}

/** Gzipped size of each script of the build, by its path under the build's folder. */
function distScriptSizes(): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const file of readdirSync(`${distDir}/assets`)) {
    if (file.endsWith('.js'))
      sizes.set(`assets/${file}`, gzipSync(readFileSync(`${distDir}/assets/${file}`)).length);
  }
  return sizes;
}

/**
 * Runs in the page before its own scripts: sets `window.__drawnAt` to the time (ms since navigation
 * start) just after the first frame painted with a visible card for every id in `ids`.
 */
function drawnProbe(ids: string[]) {
  const visible = (id: string) => {
    const el = document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`) as HTMLElement | null;
    if (!el || el.style.visibility === 'hidden') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const afterPaint = () => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      (window as unknown as { __drawnAt: number }).__drawnAt = performance.now();
    };
    channel.port2.postMessage(null);
  };
  const check = () => {
    if (ids.every(visible)) afterPaint();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** Opens `target` once in a fresh context; the time to drawn and the scripts fetched by then. */
async function openOnce(browser: Browser, base: string, target: Target) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => log('page error:', e.message));
    const scripts: { url: string; endEpochMs: number }[] = [];
    context.on('requestfinished', (request) => {
      const url = new URL(request.url());
      if (!url.pathname.endsWith('.js')) return;
      const t = request.timing();
      scripts.push({ url: url.pathname, endEpochMs: t.startTime + t.responseEnd });
    });
    await page.addInitScript({ content: KEEP_NAMES_SHIM });
    await page.addInitScript(drawnProbe, target.serviceIds);
    await page.goto(`${base}/${target.hash}`);
    await page.waitForFunction(() => '__drawnAt' in window, null, { timeout: 60_000 });
    const { drawnAt, origin } = await page.evaluate(() => ({
      drawnAt: (window as unknown as { __drawnAt: number }).__drawnAt,
      origin: performance.timeOrigin,
    }));
    const before = scripts
      .filter((s) => s.endEpochMs <= origin + drawnAt)
      .map((s) => s.url.replace(/^\//, ''));
    return { drawnMs: drawnAt, scripts: [...new Set(before)] };
  } finally {
    await context.close();
  }
}

async function measure(browser: Browser, base: string, target: Target, sizes: Map<string, number>) {
  // One untimed opening first, so the figures are not of the OS's cold file cache or a cold server.
  await openOnce(browser, base, target);
  const times: number[] = [];
  let scripts: string[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await openOnce(browser, base, target);
    times.push(r.drawnMs);
    scripts = r.scripts;
  }
  const initialJsFiles = scripts.map((file) => ({ file, gzipBytes: sizes.get(file) ?? 0 }));
  const result: OpenResult = {
    services: target.serviceIds.length,
    drawnMs: spread(times),
    initialJsGzipBytes: initialJsFiles.reduce((sum, f) => sum + f.gzipBytes, 0),
    initialJsFiles,
  };
  return result;
}

// Kilobytes of 1,000 bytes, as vite's build report counts them.
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function referenceLink(): { hash: string; serviceIds: string[] } {
  const parsed = parseDiagram(
    JSON.parse(readFileSync(new URL('./diagrams/reference-20.json', import.meta.url), 'utf8')),
  );
  if (!parsed.ok) throw new Error('bench/diagrams/reference-20.json is not a valid diagram');
  return { hash: `#${encodeLink(parsed.diagram)}`, serviceIds: parsed.diagram.services.map((s) => s.id) };
}

async function main() {
  if (!outDir) buildIfNeeded(args.includes('--build'), json, log);
  const sizes = distScriptSizes();
  const link = referenceLink();
  const targets: Target[] = [
    { name: 'home', hash: '', serviceIds: checkoutExample.services.map((s) => s.id) },
    { name: 'link', ...link },
  ];
  const loadAverage = loadavg().map((l) => Math.round(l * 100) / 100);
  const { base, stop } = await startPreview(outDir);
  const results: Partial<Record<Target['name'], OpenResult>> = {};
  try {
    const browser = await launchChromium();
    try {
      for (const target of targets) results[target.name] = await measure(browser, base, target, sizes);
    } finally {
      await browser.close();
    }
  } finally {
    stop();
  }
  const totalJsGzipBytes = [...sizes.values()].reduce((a, b) => a + b, 0);
  const report = {
    build: distDir,
    runs,
    cpus: cpus().length,
    loadAverage,
    home: results.home!,
    link: { ...results.link!, linkChars: link.hash.length - 1 },
    totalJsGzipBytes,
  };
  if (json) {
    console.log(JSON.stringify(report));
    return;
  }
  log(
    `Opening the app built in ${distDir}/, ${runs} runs each (fresh profile), load average ${loadAverage.join(' ')}:`,
  );
  for (const name of ['home', 'link'] as const) {
    const r = report[name];
    log(
      `  ${name.padEnd(5)} ${String(r.services).padStart(2)} services  drawn in ${r.drawnMs.median} ms ` +
        `(min ${r.drawnMs.min}, max ${r.drawnMs.max})  initial JS ${kb(r.initialJsGzipBytes)} gzipped`,
    );
    for (const f of r.initialJsFiles) log(`        ${kb(f.gzipBytes).padStart(9)}  ${f.file}`);
  }
  log(`  all JavaScript of the build: ${kb(totalJsGzipBytes)} gzipped`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
