import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { parseDiagram } from '../src/model/parse';
import { encodeLink } from '../src/share/link';
import { frameStats, range } from './frames';
import { buildIfNeeded, KEEP_NAMES_SHIM, settleAfterOpen, launchChromium, startPreview } from './serve';

/**
 * `npm run -s bench:eventlog:browser [-- --json] [--runs 3] [--seconds 4] [--build] [--outDir <dir>]`: issue 13's
 * "the log panel scrolls 100,000 rows at ≥ 55 fps while a run plays". Opens a link to the 20-service
 * reference diagram in headless Chromium, seeks its run to 20 s (about 400,000 trace records, so the
 * log holds its full 100,000), plays it, opens the Event log and scrolls the list through all its
 * rows, 40 rows a frame, while counting frames with requestAnimationFrame; first the same run
 * playing with the log closed, for comparison on the same machine at the same load. Each run in a fresh page:
 * median, lowest and highest. Prints figures; asserts nothing. `--outDir <dir>` measures another build
 * (say, the commit before, built into its own folder) instead of dist/, so two builds are compared in turn.
 */
const args = process.argv.slice(2);
const json = args.includes('--json');
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const runs = Math.max(1, Math.floor(flag('--runs', 3)));
const seconds = flag('--seconds', 4);
const outDirArg = args.indexOf('--outDir');
const outDir = outDirArg >= 0 ? args[outDirArg + 1] : undefined;
const log = (...m: unknown[]) => (json ? console.error(...m) : console.log(...m));
/** How far the run is sought before the log opens, and the rows the log must hold by then. */
const SEEK_MS = 20_000;
const ROWS_WANTED = 100_000;
/** A log row's height in CSS pixels (LOG_ROW_HEIGHT): the list scrolls 40 rows a frame. */
const ROW_PX = 26;

/** Frame stats over `ms`; with `step`, the log's list scrolls that many pixels a frame (wrapping). */
async function countFrames(page: Page, ms: number, step = 0) {
  const times = await page.evaluate(
    ({ ms, step }) =>
      new Promise<number[]>((resolve) => {
        const list = document.querySelector<HTMLElement>('.el-scroll');
        const times: number[] = [];
        const tick = (t: number) => {
          times.push(t);
          const next = (list?.scrollTop ?? 0) + step;
          if (list && step) list.scrollTop = next >= list.scrollHeight - list.clientHeight ? 0 : next;
          if (t - times[0]! < ms) requestAnimationFrame(tick);
          else resolve(times);
        };
        requestAnimationFrame(tick);
      }),
    { ms, step },
  );
  return frameStats(times);
}

/** One run: the reference diagram's link, sought, playing, the log open and scrolled. */
async function runOnce(browser: Browser, url: string) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.addInitScript({ content: KEEP_NAMES_SHIM });
    await page.goto(url);
    await page.waitForFunction(() => 'playback' in ((window as { __microsim?: object }).__microsim ?? {}));
    await settleAfterOpen(page);
    await page.evaluate((at) => {
      type Handle = { playback: { seek(t: number): void; play(): void } };
      const playback = (window as unknown as { __microsim: Handle }).__microsim.playback;
      playback.seek(at);
      playback.play();
    }, SEEK_MS);
    // The same run playing with the log closed: what the machine gives without it.
    const without = await countFrames(page, seconds * 1000);
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('l');
    await page.waitForFunction(
      (wanted) => Number(document.querySelector('.el-rows')?.getAttribute('aria-rowcount') ?? 0) >= wanted,
      ROWS_WANTED,
      { timeout: 120_000 },
    );
    const rows = Number(await page.locator('.el-rows').getAttribute('aria-rowcount'));
    return { rows, without, ...(await countFrames(page, seconds * 1000, ROW_PX * 40)) };
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  if (!outDir) buildIfNeeded(args.includes('--build'), json, log);
  const diagram = parseDiagram(JSON.parse(readFileSync('bench/diagrams/reference-20.json', 'utf8')));
  if (!diagram.ok) throw new Error('bench/diagrams/reference-20.json does not parse');
  const preview = await startPreview(outDir);
  const browser = await launchChromium();
  try {
    log(`${runs} runs, load average ${loadavg()[0]!.toFixed(2)}, ${cpus().length} cores`);
    const results = [];
    for (let i = 0; i < runs; i++) {
      const r = await runOnce(browser, `${preview.base}#${encodeLink(diagram.diagram)}`);
      log(
        `  run ${i + 1}: ${r.rows} rows scrolled, ${r.fps} fps (p95 frame ${r.p95FrameMs} ms); ` +
          `log closed ${r.without.fps} fps`,
      );
      results.push(r);
    }
    const summary = {
      runs,
      rows: range(results.map((r) => r.rows)),
      fps: range(results.map((r) => r.fps)),
      p95FrameMs: range(results.map((r) => r.p95FrameMs)),
      logClosedFps: range(results.map((r) => r.without.fps)),
      loadAverage: loadavg()[0],
    };
    if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else
      log(
        `Event log scrolled through ${summary.rows.median} rows while playing: ${summary.fps.median} fps ` +
          `(${summary.fps.min}–${summary.fps.max}), p95 frame ${summary.p95FrameMs.median} ms; ` +
          `the same run with the log closed ${summary.logClosedFps.median} fps`,
      );
  } finally {
    await browser.close();
    preview.stop();
  }
}

void main();
