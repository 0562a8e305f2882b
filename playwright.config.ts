import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// E2E_PORT and E2E_DIST let several suites run side by side, each on its own build and port.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const DIST = process.env.E2E_DIST ?? 'dist';
// Debian's Chromium where the machine has it (Playwright's own browsers can't be downloaded here);
// otherwise Playwright's bundled browser, for everyone else.
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  // Generous: CI machines are shared, and a busy 2-core machine runs a test several times slower.
  // These are guards against a hang, not speed limits: at a load average of 28 (two cores) the
  // drag-heavy build.spec tests took 100 s and a newly opened tab took over 8 s to settle.
  timeout: 180_000,
  expect: {
    timeout: 20_000,
    // Visual regression: small enough to catch a moved card or a changed colour, large enough for
    // font hinting and anti-aliasing to differ between runs.
    toHaveScreenshot: { maxDiffPixelRatio: 0.005, threshold: 0.25, animations: 'disabled', caret: 'hide' },
  },
  // One set of baselines, committed on purpose: CI runs on the same kind of machine as developers.
  snapshotPathTemplate: '{testDir}/__screenshots__/{testFilePath}/{arg}{ext}',
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    video: 'off',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath,
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Chromium's own address-bar popup (a WebUI page of about 150 scripts, loaded with every new
        // page): the tests' pages need those cores (see NO_OMNIBOX_POPUP in bench/serve.ts).
        '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } } },
  ],
  webServer: {
    command: `npx vite build --outDir ${DIST} --emptyOutDir && npx vite preview --outDir ${DIST} --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
