import type { PluginOption } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * `npm run build:report` (vite build --mode report) also writes what each module and dependency
 * costs in each chunk, raw and gzipped: a treemap in bench/out/bundle.html and a plain list in
 * bench/out/bundle.txt (both git-ignored). Imported only then, so a checkout whose node_modules
 * predates this dev dependency still builds.
 */
async function bundleReport(): Promise<PluginOption[]> {
  const { visualizer } = await import('rollup-plugin-visualizer');
  return [
    visualizer({ filename: 'bench/out/bundle.html', template: 'treemap', gzipSize: true }),
    visualizer({ filename: 'bench/out/bundle.txt', template: 'list', gzipSize: true }),
  ];
}

export default defineConfig(({ mode }) => ({
  // Vite awaits a plugin given as a promise.
  plugins: [react(), mode === 'report' && bundleReport()],
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1200 },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // A guard against hangs, not a speed limit: the heaviest tests (reference-20 seeks) took 38 s in
    // a clean-clone CI on a machine at load 28, and the suite must pass on a busy machine.
    testTimeout: 120_000,
  },
}));
