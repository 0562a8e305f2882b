import type { TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';
import { PlaybackPage } from './pages/PlaybackPage';
import { paymentDownFor10s } from './pages/scenarios';

/**
 * The Trace view reached from the canvas (issue 13): a paused message's details open its request's
 * trace. State is read from window.__microsim and the page's roles; actions are clicks. No fixed waits.
 */

const trace = (editor: EditorPage) => editor.page.getByRole('region', { name: 'Trace' });

/**
 * Pictures for a person to look at (attachments of the test's report; no spec compares them), at
 * the three sizes the rules ask for, in the colour scheme of the test. SHOTS_DIR keeps a copy.
 */
async function shots(editor: EditorPage, name: string, info: TestInfo): Promise<void> {
  const page = editor.page;
  const scheme = await page.evaluate(() =>
    matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
  );
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    const file = `${name}-${scheme}-${size.width}.png`;
    await page.screenshot({ path: info.outputPath(file) });
    await info.attach(file, { path: info.outputPath(file), contentType: 'image/png' });
    if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/${file}` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("a paused message's details open the trace of its request", async ({ editor }) => {
  const run = new PlaybackPage(editor);
  await editor.clickEmpty();
  await run.clickFirstMessage();
  const correlation = run.envelope.locator('[data-field="correlationId"]');
  await expect(correlation).not.toBeEmpty();
  const id = (await correlation.textContent())!;

  await run.envelope.getByRole('button', { name: "Open this request's trace" }).click();
  await expect(trace(editor)).toBeVisible();
  await expect(trace(editor).getByRole('tab', { name: 'Trace' })).toHaveAttribute('aria-selected', 'true');
  await expect(trace(editor).getByRole('heading', { name: `Request ${id}` })).toBeVisible({
    timeout: 20_000,
  });
  await expect(trace(editor).getByTestId('waterfall-row').first()).toBeVisible();
  await expect(trace(editor).getByRole('img', { name: `Sequence diagram of request ${id}` })).toBeVisible();
});

test('fork from here: a copy held at the moment, a fault injected there changes the run from then on', async ({
  editor,
}) => {
  const run = new PlaybackPage(editor);
  const page = editor.page;
  const original = (await editor.diagram()).name;
  // A moment on the scrubber's steps (a 60 s run moves it by 60 ms).
  await run.scrubTo(12_000);
  await expect(run.status).toHaveText('paused');
  await page.getByTestId('fork-button').click();
  await expect(page.getByText('Forked at 12.000 s')).toBeVisible();
  await expect.poll(async () => (await editor.diagram()).name).toBe(`${original} (fork at 12.000 s)`);
  await expect(page.getByRole('region', { name: 'Comparison' })).toBeVisible();
  // The same run, still held at the moment.
  const held = await run.run();
  expect(held).toMatchObject({ status: 'paused', now: 12_000 });

  await run.liveFault(editor.node('payment'), 'fault-down');
  await expect
    .poll(async () => (await editor.diagram()).faults)
    .toEqual([expect.objectContaining({ kind: 'down', target: 'payment', atMs: 12_000, source: 'live' })]);
  const originalFaults = await page.evaluate(
    () => window.__microsim!.store.getState().comparison?.aside.diagram.faults.length,
  );
  expect(originalFaults, 'the original keeps its own script').toBe(0);
  await run.setSpeed(20);
  await run.button('play').click();
  await run.until('requests fail after the fork', (r) => (r.requests?.failed ?? 0) > 0 && r.now > 12_000);
});

test("a request picked in the trace lights its path on the canvas and dims the rest, until it's cleared", async ({
  editor,
}) => {
  const page = editor.page;
  await paymentDownFor10s(editor);
  const run = new PlaybackPage(editor);
  await run.scrubTo(25_020);
  await run.until('held with failed requests', (r) => r.status === 'paused' && (r.requests?.failed ?? 0) > 1);
  await editor.clickEmpty();
  await page.keyboard.press('Shift+T');
  await trace(editor).getByRole('button', { name: 'A failed one' }).click();
  await expect(trace(editor).getByTestId('waterfall-row').first()).toBeVisible({ timeout: 20_000 });

  const mark = (id: string) => editor.serviceCard(id);
  const edge = (id: string) => page.getByTestId(`edge-path-${id}`);
  // Failed while Payment was down (refused there, or cut short by the open circuit): the bank and
  // the order's event were never reached.
  for (const id of ['client', 'gateway', 'orders'])
    await expect(mark(id), id).toHaveAttribute('data-trace-path', 'on');
  for (const id of ['bank', 'inventory', 'email']) {
    await expect(mark(id), id).toHaveAttribute('data-trace-path', 'off');
    await expect(mark(id)).toHaveClass(/is-path-off/);
  }
  for (const id of ['e-client-gw', 'e-gw-orders'])
    await expect(edge(id), id).toHaveAttribute('data-trace-path', 'on');
  for (const id of ['e-payment-bank', 'e-orders-email'])
    await expect(edge(id), id).toHaveAttribute('data-trace-path', 'off');

  await trace(editor).getByRole('button', { name: 'Clear' }).click();
  await expect(page.locator('[data-trace-path]')).toHaveCount(0);
  await expect(mark('bank')).not.toHaveClass(/is-path-off/);
});

test('the trace of a request still in flight grows while the run plays', async ({ editor }) => {
  const run = new PlaybackPage(editor);
  await editor.clickEmpty();
  await run.stepUntilInFlight(1);
  const marks = await run.marks();
  await editor.page.mouse.click(marks[0]!.x, marks[0]!.y);
  await run.envelope.getByRole('button', { name: "Open this request's trace" }).click();
  const rows = trace(editor).getByTestId('waterfall-row');
  await expect(rows.first()).toBeVisible({ timeout: 20_000 });
  // Its first hop, still on the wire.
  await expect(rows.filter({ hasText: 'still open' }).first()).toBeVisible();
  const before = await rows.count();
  await run.button('play').click();
  await expect
    .poll(async () => rows.count(), {
      message: 'the waterfall grows as the request goes on',
      timeout: 30_000,
    })
    .toBeGreaterThan(before);
  expect((await run.run()).status, 'without pausing the run').toBe('playing');
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(scheme, () => {
    test.use({ colorScheme: scheme });
    test(`pictures of the fork button and a lit path, ${scheme}`, async ({ editor }, info) => {
      await paymentDownFor10s(editor);
      const run = new PlaybackPage(editor);
      await run.scrubTo(25_020);
      await expect(editor.page.getByTestId('fork-button')).toBeVisible();
      await editor.clickEmpty();
      await editor.page.keyboard.press('Shift+T');
      await trace(editor).getByRole('button', { name: 'A failed one' }).click();
      await expect(trace(editor).getByTestId('waterfall-row').first()).toBeVisible({ timeout: 20_000 });
      await expect(editor.serviceCard('email')).toHaveAttribute('data-trace-path', 'off');
      await shots(editor, 'trace-path', info);
    });
  });
}
