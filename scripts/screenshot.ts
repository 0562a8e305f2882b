import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';

/**
 * Regenerates docs/screenshot.png, the README's picture: the Checkout example mid-run just after
 * Payment Service was taken down (failures, the circuit open). `npm run screenshot`.
 */
async function main() {
  const outDir = join(tmpdir(), 'microsim-screenshot-dist');
  const docs = fileURLToPath(new URL('../docs/', import.meta.url));
  mkdirSync(docs, { recursive: true });
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 4391, strictPort: true },
  });
  const executablePath =
    process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({ executablePath, args: ['--disable-gpu', '--disable-quic'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 860 }, colorScheme: 'light' });
    await page.goto('http://127.0.0.1:4391/');
    await page.waitForFunction(() => '__microsim' in window);
    await page.waitForTimeout(800);
    // Busier than the example's 2 requests/s, so the picture shows traffic on every edge.
    await page.getByTestId('service-client').click();
    await page.getByTestId('field-rate').fill('25');
    await page.mouse.click(700, 700);
    await page.getByTestId('speed-slider').fill('233'); // about 0.5×
    await page.getByTestId('play-button').click();
    await page.waitForTimeout(5000);
    await page.getByTestId('service-payment').click({ button: 'right' });
    await page.getByTestId('fault-down').click();
    await page.waitForTimeout(2000);
    await page.getByTestId('pause-button').click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(docs, 'screenshot.png') });
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
}

await main();
