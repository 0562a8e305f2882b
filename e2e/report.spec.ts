import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';
import { PlaybackPage } from './pages/PlaybackPage';

// The run report: the CLI's --json figures of the run on screen, in a dialog; copy and downloads.

/** What `npm run sim -- <file> --json` prints for the diagram the app has (same seed, same faults). */
function cliReport(diagram: unknown): Record<string, unknown> {
  const file = join(mkdtempSync(join(tmpdir(), 'microsim-report-')), 'diagram.json');
  writeFileSync(file, JSON.stringify(diagram));
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const r = spawnSync(tsx, ['src/cli/sim.ts', file, '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sim failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** Plays the diagram on screen to its end at the fastest speed. */
async function playToEnd(editor: EditorPage) {
  const run = new PlaybackPage(editor);
  await run.setSpeed(100);
  await run.button('play').click();
  await run.until('the run ended', (r) => r.status === 'ended', 60_000);
  return run;
}

test('the report of a finished run has the CLI figures for the same seed, and downloads them', async ({
  editor,
  page,
}) => {
  await playToEnd(editor);
  // The end is announced, with the way to the report.
  const notice = page.getByText('The run ended');
  await expect(notice).toBeVisible();
  await page.getByRole('button', { name: 'Run report' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Run report' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('report-body')).toBeVisible({ timeout: 30_000 });

  const expected = cliReport(await editor.diagram());
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByTestId('report-json').click(),
  ]);
  const downloaded = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Record<string, unknown>;
  // Every figure and name is the CLI's. The trace hash is left out: it folds in raw simulated times,
  // and Chromium's V8 and Node's differ in the last bit of Math.log, exp, pow, sin and cos for a few
  // per cent of inputs (measured on 2026-12-06: Chromium 156 against Node 20), which the sampled
  // latencies use. Every figure the report shows agrees.
  const { traceHash: _shown, ...figures } = downloaded;
  const { traceHash: _printed, ...cliFigures } = expected;
  expect(figures).toEqual(cliFigures);

  // The tables show the same figures, under the JSON's names.
  const services = expected.services as Record<string, { handled: number; latencyMs: { p95: number } }>;
  for (const [id, s] of Object.entries(services)) {
    const row = dialog.getByTestId('report-services').locator(`tr[data-id="${id}"]`);
    await expect(row.locator('td[data-figure="handled"]')).toHaveAttribute('data-value', String(s.handled));
    await expect(row.locator('td[data-figure="latencyMs.p95"]')).toHaveAttribute(
      'data-value',
      String(s.latencyMs.p95),
    );
  }
  const clients = expected.clients as Record<string, { succeeded: number }>;
  for (const [id, c] of Object.entries(clients)) {
    await expect(
      dialog.getByTestId('report-clients').locator(`tr[data-id="${id}"] td[data-figure="succeeded"]`),
    ).toHaveAttribute('data-value', String(c.succeeded));
  }
  await expect(dialog.getByTestId('report-summary')).toContainText(`Seed ${String(expected.seed)}, ended`);
  await expect(dialog.getByTestId('report-empty-sagas')).toContainText('No sagas');
  await expect(dialog.getByTestId('report-no-objectives')).toBeVisible();
  // The checklist's report card, as sim --json has it: an item missed shows the advice under it.
  const checklist = expected.checklist as { met: number; items: Array<{ id: string; met: boolean }> };
  const card = dialog.getByRole('region', { name: 'Checklist' });
  await expect(card.getByRole('heading')).toHaveText(`Checklist: ${checklist.met} of 10 items met`);
  const missed = card.locator('li[data-id="idempotent"]');
  await expect(missed.getByRole('img', { name: 'not met' })).toBeVisible();
  await expect(missed.locator('li[data-advice]').first()).toContainText('(fix: Make');
  await expect(card.locator('li[data-id="breaker"]').getByRole('img', { name: 'met' })).toBeVisible();

  const [csv] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('report-csv').click()]);
  const lines = readFileSync((await csv.path())!, 'utf8').split('\r\n');
  expect(lines[0]).toBe('section,id,figure,value');
  const orders = services.orders!;
  expect(lines).toContain(`services,orders,handled,${orders.handled}`);
  expect(lines).toContain(`checklist,all,met,${checklist.met}`);

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await dialog.getByTestId('report-copy').click();
  await expect(dialog.getByTestId('report-copy')).toHaveText('Copied ✓');
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toContain('# Run report: Checkout');
  expect(markdown).toContain('| id | name | received | handled |');
});

test('the report on request, mid-run, and for a diagram with no clients says why tables are empty', async ({
  editor,
  page,
}) => {
  await editor.command('new').click();
  await editor.dragFromPalette('service', { x: 0.4, y: 0.4 });
  await page.getByTestId('open-report').click();
  const dialog = page.getByRole('dialog', { name: 'Run report' });
  await expect(dialog.getByTestId('report-body')).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByTestId('report-summary')).toContainText('Nothing has run yet');
  await expect(dialog.getByTestId('report-empty-clients')).toContainText('No clients');
  await expect(dialog.getByTestId('report-empty-edges')).toContainText('No edges');
});

test('run bar badges: both invariants hold on the Checkout run, and say what they check', async ({
  editor,
  page,
}) => {
  await playToEnd(editor);
  const messages = page.getByTestId('invariant-conservation');
  await expect(messages).toHaveAttribute('data-state', 'ok');
  await messages.click();
  const popover = page.getByTestId('invariant-conservation-popover');
  await expect(popover).toContainText('every message the run created is in exactly one place');
  await expect(popover).toContainText(/Holds at 60\.0 s/);
  await page.getByTestId('invariant-sagas').click();
  await expect(page.getByTestId('invariant-sagas-popover')).toContainText('no sagas');
  // One popover at a time, and none left floating under a dialog that opens over it.
  await expect(popover).toHaveCount(0);
  await page.getByTestId('open-report').click();
  await expect(page.getByRole('dialog', { name: 'Run report' })).toBeVisible();
  await expect(page.getByTestId('invariant-sagas-popover')).toHaveCount(0);
});

test('a report table wider than the dialog says it scrolls sideways, until scrolled', async ({
  editor,
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await playToEnd(editor);
  await page.getByTestId('open-report').click();
  const dialog = page.getByRole('dialog', { name: 'Run report' });
  const table = dialog.getByRole('region', { name: 'Services table' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  const section = dialog.getByRole('region', { name: 'Services', exact: true });
  await expect(section.getByTestId('report-more-columns')).toHaveText('More columns → scroll sideways');
  await table.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect(section.getByTestId('report-more-columns')).toHaveText('← Scroll back for the first columns');
});
