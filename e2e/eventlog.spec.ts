import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';
import { PlaybackPage } from './pages/PlaybackPage';
import { paymentDownFor10s, paymentSlowedFrom2s } from './pages/scenarios';

/** The dock's two tabs, found as a screen reader finds them: the regions named "Event log" and "Trace". */
const log = (editor: EditorPage) => editor.page.getByRole('region', { name: 'Event log' });
const trace = (editor: EditorPage) => editor.page.getByRole('region', { name: 'Trace' });

/**
 * Opens the trace of the oldest request the filtered log lists: the list is taken to its first row
 * with the Home key (it follows the newest rows), whose request has had time to play out.
 */
async function traceOldestRequest(editor: EditorPage): Promise<void> {
  await log(editor).getByLabel('Log rows').focus();
  await editor.page.keyboard.press('Home');
  await expect(log(editor).getByRole('listitem').first()).toHaveAttribute('aria-posinset', '1');
  await log(editor).locator('.el-corr:visible').first().click();
}

/**
 * Checkout with Payment down from 20 s for 10 s (the fault script), held at 25 s: requests have failed.
 * A seek, not a live fault while playing, so a slow machine cannot run past the moment (busy-machine CI).
 */
async function failPayment(editor: EditorPage): Promise<PlaybackPage> {
  await paymentDownFor10s(editor);
  const run = new PlaybackPage(editor);
  await run.scrubTo(25_000);
  await run.until(
    'held with failed requests',
    (r) => r.status !== 'playing' && (r.requests?.failed ?? 0) > 1,
  );
  return run;
}

test('the event log lists the run, filters to errors, and a row selects its element and seeks there', async ({
  editor,
}) => {
  const page = editor.page;
  const run = await failPayment(editor);
  await editor.clickEmpty();
  await page.keyboard.press('l');
  await expect(log(editor)).toBeVisible();
  await expect(log(editor).getByTestId('log-row').first()).toBeVisible();
  await expect(log(editor).getByTestId('log-summary')).toContainText('shown of the last');
  await log(editor).getByRole('checkbox', { name: 'Errors only' }).check();
  await log(editor).getByRole('combobox', { name: 'Service' }).selectOption('payment');
  const refused = log(editor).getByTestId('log-row').filter({ hasText: 'refused' }).first();
  await expect(refused).toBeVisible();
  const at = (await run.run()).now;
  await refused.click();
  await expect
    .poll(async () => editor.page.evaluate(() => window.__microsim!.store.getState().selection))
    .toEqual(['e-orders-payment']);
  await run.until('the run went back to the row', (r) => r.now < at);
});

test('a failed request: its waterfall and sequence diagram show Payment refusing and the error going back', async ({
  editor,
}) => {
  const page = editor.page;
  await failPayment(editor);
  await editor.clickEmpty();
  // Click a failed request in the log: Payment's refusals, then the request id of one.
  await page.keyboard.press('l');
  await log(editor).getByRole('combobox', { name: 'Type' }).selectOption('refused');
  const refused = log(editor).getByTestId('log-row').first();
  await expect(refused).toBeVisible();
  await traceOldestRequest(editor);
  await expect(trace(editor)).toBeVisible();
  const rows = trace(editor).getByTestId('waterfall-row');
  await expect(rows.first()).toBeVisible({ timeout: 20_000 });
  // The caller's call to Payment ends in an error, and Payment's own span says why.
  await expect(
    rows.filter({ hasText: 'ChargeCard · Order Service → Payment Service' }).first(),
  ).toContainText('error');
  await expect(rows.filter({ hasText: 'refused: down' }).first()).toContainText('Payment Service');
  const sequence = trace(editor).getByRole('img', { name: /Sequence diagram of request c\d+/ });
  await expect(sequence).toContainText('Waiting…');
  await expect(sequence).toContainText('refused: down');
  await expect(sequence).toContainText('error: POST /orders');
  await expect(trace(editor).getByTestId('envelope-panel').first()).toBeVisible();
});

test("a slow Payment: the caller's timeout ends its call at 1,500 ms while Payment works on, then the retry", async ({
  editor,
}) => {
  const page = editor.page;
  await paymentSlowedFrom2s(editor);
  const run = new PlaybackPage(editor);
  await run.scrubTo(9_000);
  await run.until('held after timeouts', (r) => r.status !== 'playing' && r.now >= 9_000);
  await editor.clickEmpty();
  await page.keyboard.press('l');
  await log(editor).getByRole('combobox', { name: 'Type' }).selectOption('timed-out');
  await log(editor).getByRole('combobox', { name: 'Edge' }).selectOption('e-orders-payment');
  await expect(log(editor).getByTestId('log-row').first()).toContainText('Order Service → Payment Service');
  await traceOldestRequest(editor);
  const rows = trace(editor).getByTestId('waterfall-row');
  await expect(rows.first()).toBeVisible({ timeout: 20_000 });
  // The article's point: the caller gives up at its timeout, Orders' 1,500 ms on the call to Payment…
  await expect(
    rows.filter({ hasText: 'ChargeCard · Order Service → Payment Service · 1,500 ms · timed out' }).first(),
  ).toBeVisible();
  // …while Payment, slow but up, works on (its own span is no error)…
  await expect(
    rows.filter({ hasText: /^ChargeCard · Payment Service · [\d,.]+ ms( · still open)?$/ }).first(),
  ).toBeVisible();
  // …then waits its backoff and tries again.
  await expect(rows.filter({ hasText: 'backoff before attempt 2' }).first()).toBeVisible();
  const sequence = trace(editor).getByRole('img', { name: /Sequence diagram of request c\d+/ });
  await expect(sequence).toContainText('timed out after 1,500 ms');
});

test('the dock is resized by dragging its top edge or with the keys on it, and keeps its height after a reload', async ({
  editor,
}) => {
  const page = editor.page;
  const dock = () => page.locator('.el-dock');
  await editor.clickEmpty();
  await page.keyboard.press('l');
  await expect(log(editor)).toBeVisible();
  const before = (await dock().boundingBox())!.height;
  const handle = dock().getByRole('separator', { name: 'Resize the event log and trace' });
  // Before any resize the separator already tells the dock's own height (a dock opened after the page).
  await expect.poll(async () => Number(await handle.getAttribute('aria-valuenow'))).toBeCloseTo(before, 0);
  const box = (await handle.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y - 50, { steps: 5 });
  await page.mouse.move(x, y - 100, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await dock().boundingBox())!.height).toBeCloseTo(before + 100, -1);
  // The keys on the focused edge: one step is 24 px.
  await handle.focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await dock().boundingBox())!.height).toBeCloseTo(before + 76, -1);
  const height = Number(await handle.getAttribute('aria-valuenow'));
  await page.reload();
  await editor.ready();
  await editor.clickEmpty();
  await page.keyboard.press('l');
  await expect(log(editor)).toBeVisible();
  await expect(handle).toHaveAttribute('aria-valuenow', String(height));
  await expect.poll(async () => (await dock().boundingBox())!.height).toBeCloseTo(height, -1);
});

/** A picture for a person to look at (an attachment; no spec compares it; SHOTS_DIR keeps a copy). */
async function shot(page: EditorPage['page'], path: string, name: string): Promise<string> {
  await page.screenshot({ path });
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}.png` });
  return path;
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(scheme, () => {
    test.use({ colorScheme: scheme });
    for (const size of [
      { width: 1440, height: 900 },
      { width: 1280, height: 720 },
      { width: 390, height: 844 },
    ]) {
      test(`the log and the trace at ${size.width}×${size.height}`, async ({ editor }, info) => {
        const page = editor.page;
        await failPayment(editor);
        // The set-up uses the inspector, which a phone shows as a drawer; the picture is taken after it.
        await page.setViewportSize(size);
        await editor.clickEmpty();
        await page.keyboard.press('l');
        await expect(log(editor).getByTestId('log-row').first()).toBeVisible();
        await info.attach(`log-${scheme}-${size.width}`, {
          path: await shot(page, info.outputPath('log.png'), `log-${scheme}-${size.width}`),
          contentType: 'image/png',
        });
        await page.keyboard.press('Shift+T');
        await trace(editor).getByRole('button', { name: 'A failed one' }).click();
        await expect(trace(editor).getByTestId('waterfall-row').first()).toBeVisible({ timeout: 20_000 });
        await info.attach(`trace-${scheme}-${size.width}`, {
          path: await shot(page, info.outputPath('trace.png'), `trace-${scheme}-${size.width}`),
          contentType: 'image/png',
        });
      });
    }
  });
}
