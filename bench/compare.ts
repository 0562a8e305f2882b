import { cpus, loadavg } from 'node:os';
import type { Browser, Page } from '@playwright/test';
import { frameStats, range } from './frames';
import { buildIfNeeded, KEEP_NAMES_SHIM, settleAfterOpen, launchChromium, startPreview } from './serve';

/**
 * `npm run -s bench:compare [-- --json] [--runs 3] [--seconds 4] [--build]`: issue 12's frame-rate
 * target for comparing ("≥ 55 fps with the Checkout example playing at 10×"). Opens the app on the
 * Checkout example in headless Chromium, presses Compare (variant B on the canvas, the Comparison
 * region docked under it, both whole runs computed in the comparison worker), plays at 10× and counts
 * frames with requestAnimationFrame; then switches the canvas to A and measures again. Microsim shows
 * one canvas with an A/B switch, so "both canvases playing" is the one canvas playing either design.
 * Each case runs `--runs` times in a fresh page: median, lowest and highest. Prints; asserts nothing.
 */
const args = process.argv.slice(2);
const json = args.includes('--json');
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const runs = Math.max(1, Math.floor(flag('--runs', 3)));
const seconds = flag('--seconds', 4);
const log = (...m: unknown[]) => (json ? console.error(...m) : console.log(...m));

/** Frames per second and the 95th-percentile frame time over `ms` of wall time. */
async function frames(page: Page, ms: number): Promise<{ fps: number; p95FrameMs: number }> {
  const times = await page.evaluate(
    (ms) =>
      new Promise<number[]>((resolve) => {
        const times: number[] = [];
        const tick = (t: number) => {
          times.push(t);
          if (t - times[0]! < ms) requestAnimationFrame(tick);
          else resolve(times);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
  return frameStats(times);
}

/** Plays the design on the canvas at 10× from the start, and measures while it plays. */
async function playAndMeasure(page: Page) {
  await page.evaluate(() => {
    type Handle = { playback: { seek(t: number): void; setSpeed(s: number): void; play(): void } };
    const playback = (window as unknown as { __microsim: Handle }).__microsim.playback;
    playback.seek(0);
    playback.setSpeed(10);
    playback.play();
  });
  await page.waitForTimeout(500);
  return frames(page, seconds * 1000);
}

/** One run: B on the canvas, then A, in a fresh page. */
async function runOnce(browser: Browser, base: string) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.addInitScript({ content: KEEP_NAMES_SHIM });
    await page.goto(base);
    await settleAfterOpen(page);
    await page.getByRole('button', { name: 'Compare' }).click();
    const region = page.getByRole('region', { name: 'Comparison' });
    await region.getByTestId('comparison-verdict').waitFor({ timeout: 60_000 });
    const b = await playAndMeasure(page);
    await region.getByRole('button', { name: /^A / }).click();
    const a = await playAndMeasure(page);
    return { a, b };
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  buildIfNeeded(args.includes('--build'), json, log);
  const preview = await startPreview();
  const browser = await launchChromium();
  try {
    log(`${runs} runs, load average ${loadavg()[0]!.toFixed(2)}, ${cpus().length} cores`);
    const results = [];
    for (let i = 0; i < runs; i++) {
      const r = await runOnce(browser, preview.base);
      log(
        `  run ${i + 1}: B ${r.b.fps} fps (p95 ${r.b.p95FrameMs} ms), A ${r.a.fps} fps (p95 ${r.a.p95FrameMs} ms)`,
      );
      results.push(r);
    }
    const summary = {
      runs,
      speed: 10,
      b: { fps: range(results.map((r) => r.b.fps)), p95FrameMs: range(results.map((r) => r.b.p95FrameMs)) },
      a: { fps: range(results.map((r) => r.a.fps)), p95FrameMs: range(results.map((r) => r.a.p95FrameMs)) },
      loadAverage: loadavg()[0],
    };
    if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else
      for (const side of ['b', 'a'] as const)
        log(
          `Checkout compared, ${side.toUpperCase()} on the canvas at 10×: ${summary[side].fps.median} fps ` +
            `(${summary[side].fps.min}–${summary[side].fps.max}), p95 frame ${summary[side].p95FrameMs.median} ms`,
        );
  } finally {
    await browser.close();
    preview.stop();
  }
}

void main();
