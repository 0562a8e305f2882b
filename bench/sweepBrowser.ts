import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { parseDiagram } from '../src/model/parse';
import { encodeLink } from '../src/share/link';
import { buildIfNeeded, KEEP_NAMES_SHIM, launchChromium, startPreview } from './serve';

/**
 * `npm run -s bench:sweep:browser [-- --json] [--build]`: issue 12's load-test benchmark in the app, the
 * browser figure beside `bench:sweep`'s command-line one. Opens the 20-service reference diagram
 * from a link in headless Chromium, selects its web client, and runs the Load test dialog with the
 * same plan (20 loads from 10 % to 150 % of the estimated capacity, 3 seeds, 60 s simulated each) on
 * the app's Web Workers (as many as the browser reports cores). Prints the wall time from the click
 * on "Run load test" to the summary; asserts nothing.
 */
const args = process.argv.slice(2);
const json = args.includes('--json');
const log = (...m: unknown[]) => (json ? console.error(...m) : console.log(...m));

async function main(): Promise<void> {
  buildIfNeeded(args.includes('--build'), json, log);
  const parsed = parseDiagram(
    JSON.parse(readFileSync(new URL('./diagrams/reference-20.json', import.meta.url), 'utf8')),
  );
  if (!parsed.ok) throw new Error('bench/diagrams/reference-20.json is not a valid diagram');
  const preview = await startPreview();
  const browser = await launchChromium();
  const loadBefore = loadavg()[0]!;
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript({ content: KEEP_NAMES_SHIM });
    await page.goto(`${preview.base}/#${encodeLink(parsed.diagram)}`);
    await page.locator('.react-flow__node[data-id="web"]').click();
    await page.getByRole('button', { name: 'Load test' }).click();
    const dialog = page.getByRole('dialog', { name: 'Load test' });
    for (const [id, value] of [
      ['loadtest-from', '10'],
      ['loadtest-to', '150'],
      ['loadtest-points', '20'],
      ['loadtest-seeds', '3'],
      ['loadtest-duration', '60'],
    ] as const)
      await dialog.getByTestId(id).fill(value);
    const workers = await page.evaluate(() => navigator.hardwareConcurrency);
    const start = Date.now();
    await dialog.getByRole('button', { name: 'Run load test' }).click();
    await dialog.getByTestId('loadtest-summary').waitFor({ timeout: 600_000 });
    const seconds = Math.round((Date.now() - start) / 10) / 100;
    const result = {
      points: 20,
      seeds: 3,
      simulatedSecondsPerRun: 60,
      workers,
      seconds,
      loadAverage: { before: round(loadBefore), after: round(loadavg()[0]!) },
      cores: cpus().length,
    };
    if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else
      log(
        `load test of reference-20 (web) in the app: 20 points × 3 seeds × 60 s simulated on ${workers} Web Workers\n` +
          `  ${seconds} s from "Run load test" to the summary; load average ${result.loadAverage.before} before, ${result.loadAverage.after} after`,
      );
  } finally {
    await browser.close();
    preview.stop();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

void main();
