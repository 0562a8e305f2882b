/**
 * Shared by the browser benchmarks: building the app when needed, serving dist/ with vite preview on
 * a free port, and launching Debian's headless Chromium the same way every time.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser, type Page } from '@playwright/test';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once `url` answers 200, polling every 200 ms; throws after `ms`. */
export async function waitForHttp(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer at ${url}`);
}

/** Builds the app (npx vite build) when `force` or when dist/ has no build; `quiet` keeps stdout clean. */
export function buildIfNeeded(force: boolean, quiet: boolean, log: (...m: unknown[]) => void): void {
  if (!force && existsSync('dist/index.html')) return;
  log('building the app (npx vite build)…');
  const b = spawnSync('npx', ['vite', 'build'], {
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  if (b.status !== 0) throw new Error('vite build failed');
}

/** A running `vite preview` of a build: its address, and how to stop it. */
export interface Preview {
  base: string;
  stop(): void;
}

/** Serves a build (dist/, or `outDir`) with vite preview on a free port, once it answers. */
export async function startPreview(outDir?: string): Promise<Preview> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const previewArgs = ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'];
  if (outDir) previewArgs.push('--outDir', outDir);
  // Its own process group, so stopping it stops npx and vite both.
  const server = spawn('npx', previewArgs, { stdio: 'ignore', detached: true });
  const stop = () => {
    if (!server.pid) return;
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  try {
    await waitForHttp(base, 30_000);
  } catch (err) {
    stop();
    throw err;
  }
  return { base, stop };
}

/**
 * Chromium's own address-bar popup, a WebUI page that headless Chromium 15x loads (about 150 scripts)
 * in the first second of every new page, on the same two cores as the page measured: without this,
 * it took a third of that second's CPU and delayed our first script by about 200 ms.
 */
export const NO_OMNIBOX_POPUP = '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup';

/** Headless Chromium (/usr/bin/chromium where it exists, else Playwright's), without GPU, QUIC or address-bar popup. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      NO_OMNIBOX_POPUP,
    ],
  });
}

/** tsx compiles with keepNames, which wraps inner functions of page.evaluate callbacks in __name(). */
export const KEEP_NAMES_SHIM = 'window.__name = (f) => f;';

/**
 * Waits until a freshly opened page has settled: its service worker (registered once the first
 * diagram is drawn) has cached the app, and the page has had an idle moment. Without it, a frame
 * rate measured in a page's first seconds measured that caching too, on the same two cores.
 */
export async function settleAfterOpen(page: Page, maxMs = 30_000): Promise<void> {
  await page.evaluate(async (maxMs) => {
    const worker = navigator.serviceWorker;
    if (worker) {
      const active = worker.ready.then((r) => r.active?.state === 'activated');
      await Promise.race([active, new Promise((r) => setTimeout(r, maxMs))]);
    }
    await new Promise((r) => requestIdleCallback(r, { timeout: 2000 }));
  }, maxMs);
}
