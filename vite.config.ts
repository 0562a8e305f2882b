import type { PluginOption } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { firstScreenChunk } from './scripts/firstScreenChunk.ts';
import { linkPreload } from './scripts/linkPreload.ts';

/**
 * `npm run build:report` (vite build --mode report) also writes what each module and dependency
 * costs in each chunk, raw and gzipped: a treemap in bench/out/bundle.html and a plain list in
 * bench/out/bundle.txt (both git-ignored), and prints the first screen's JavaScript, gzipped, per
 * script (also in bench/out/initial-js.txt). Imported only then, so a checkout whose node_modules
 * predates this dev dependency still builds.
 */
async function bundleReport(): Promise<PluginOption[]> {
  const { visualizer } = await import('rollup-plugin-visualizer');
  const { initialJsReport } = await import('./bench/initialJs.ts');
  return [
    initialJsReport('bench/out/initial-js.txt'),
    visualizer({ filename: 'bench/out/bundle.html', template: 'treemap', gzipSize: true }),
    visualizer({ filename: 'bench/out/bundle.txt', template: 'list', gzipSize: true }),
  ];
}

/**
 * Installable and offline once loaded (issue 15: a workshop's network may fail). vite-plugin-pwa
 * generates the service worker with Workbox (precaching every built file, so links, decks and Recent
 * work offline: they live in the URL and in local storage) and the web app manifest. 'prompt': a new
 * version waits until the person reloads (src/workshop/offline.ts), never under a running demo.
 */
const offline = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  includeAssets: ['favicon.svg'],
  manifest: {
    name: 'Microsim',
    short_name: 'Microsim',
    description: 'A playground for microservices communication: sync, queue, topic and saga, simulated.',
    theme_color: '#4f46e5',
    background_color: '#f6f7fb',
    display: 'standalone',
    start_url: './',
    scope: './',
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,woff2,json}'],
    // The engine and the charts are large chunks; all of them must be there offline.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    navigateFallback: 'index.html',
  },
});

const firstScreen = firstScreenChunk();

export default defineConfig(({ mode }) => ({
  // Vite awaits a plugin given as a promise.
  plugins: [react(), firstScreen.plugin, linkPreload(), offline, mode === 'report' && bundleReport()],
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'first-screen', test: firstScreen.test }] } },
    },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // A guard against hangs, not a speed limit: the heaviest tests (reference-20 seeks) took 38 s in
    // a clean-clone CI on a machine at load 28, and the suite must pass on a busy machine.
    testTimeout: 120_000,
  },
}));
