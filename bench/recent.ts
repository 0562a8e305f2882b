/**
 * `npm run -s bench:recent [-- --json] [--entries 20000] [--build]`: the time from a click on
 * "Recent" to the list of recent diagrams on screen, with an index of that many entries (default
 * 20,000) in local storage. Serves the built app (building it when dist/ is missing or --build is
 * given) in Debian's headless Chromium. Prints figures; asserts nothing.
 */
import type { Page } from '@playwright/test';
import { buildIfNeeded, KEEP_NAMES_SHIM, launchChromium, startPreview } from './serve';

const args = process.argv.slice(2);
const json = args.includes('--json');
const entriesArg = args.indexOf('--entries');
const entries = entriesArg >= 0 ? Number(args[entriesArg + 1]) : 20_000;
const log = (...m: unknown[]) => (json ? console.error(...m) : console.log(...m));

/** An index as the app writes it: `n` of the person's own diagrams, newest first. */
function recentIndex(n: number): string {
  const list = Array.from({ length: n }, (_, i) => ({
    id: `k${i.toString(36)}`,
    name: `Diagram ${n - i}`,
    openedAt: 1_700_000_000_000 - i * 60_000,
    savedAt: 1_700_000_000_000 - i * 60_000,
    services: 7,
    edges: 6,
    fingerprint: `f${i.toString(36)}`,
    origin: 'own',
    base: null,
    rev: `r${i.toString(36)}`,
  }));
  return JSON.stringify(list);
}

/** Milliseconds from the click on Recent to its list painted. */
async function openRecent(page: Page): Promise<number> {
  const ms = await page.evaluate(async () => {
    const start = performance.now();
    (document.querySelector('[data-testid="cmd-recent"]') as HTMLElement).click();
    while (!document.querySelector('[data-testid="recent-dialog"] [data-testid="recent-item"]')) {
      await new Promise((r) => setTimeout(r, 0));
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - start;
  });
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="recent-dialog"]', { state: 'detached' });
  return ms;
}

async function main() {
  buildIfNeeded(args.includes('--build'), json, log);
  const { base, stop } = await startPreview();
  try {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.on('pageerror', (e) => log('page error:', e.message));
      await page.addInitScript({ content: KEEP_NAMES_SHIM });
      await page.goto(`${base}/favicon.svg`);
      await page.evaluate((index) => localStorage.setItem('microsim:recent', index), recentIndex(entries));
      await page.goto(`${base}/`);
      await page.waitForSelector('[data-testid="cmd-recent"]');
      const times: number[] = [];
      for (let i = 0; i < 3; i++) times.push(await openRecent(page));
      const best = Math.round(Math.min(...times));
      const first = Math.round(times[0]!);
      log(
        `Recent with a ${entries.toLocaleString('en')}-entry index: opens in ${first} ms (best of 3: ${best} ms)`,
      );
      if (json) console.log(JSON.stringify({ entries, firstMs: first, bestMs: best }));
    } finally {
      await browser.close();
    }
  } finally {
    stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
