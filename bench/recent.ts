/**
 * `npm run -s bench:recent [-- --json] [--entries 20000] [--build]`: the time from a click on
 * "Recent" to the list of recent diagrams on screen, with an index of that many entries (default
 * 20,000) in local storage. Serves the built app (building it when dist/ is missing or --build is
 * given) in Debian's headless Chromium. Prints figures; asserts nothing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort, waitForHttp } from './serve';
import { chromium, type Page } from '@playwright/test';

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
  if (args.includes('--build') || !existsSync('dist/index.html')) {
    log('building the app (npx vite build)…');
    const b = spawnSync('npx', ['vite', 'build'], {
      stdio: json ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    });
    if (b.status !== 0) throw new Error('vite build failed');
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { stdio: 'ignore', detached: true },
  );
  try {
    await waitForHttp(base, 30_000);
    const browser = await chromium.launch({
      executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
      args: ['--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.on('pageerror', (e) => log('page error:', e.message));
      await page.addInitScript({ content: 'window.__name = (f) => f;' });
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
    if (server.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
