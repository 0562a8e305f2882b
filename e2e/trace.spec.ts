import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';
import { PlaybackPage } from './pages/PlaybackPage';

/**
 * The Trace view reached from the canvas (issue 13): a paused message's details open its request's
 * trace. State is read from window.__microsim and the page's roles; actions are clicks. No fixed waits.
 */

const trace = (editor: EditorPage) => editor.page.getByRole('region', { name: 'Trace' });

test("a paused message's details open the trace of its request", async ({ editor }) => {
  const run = new PlaybackPage(editor);
  await editor.clickEmpty();
  await run.stepUntilInFlight(1);
  const marks = await run.marks();
  expect(marks.length, 'a message is drawn somewhere').toBeGreaterThan(0);
  await editor.page.mouse.click(marks[0]!.x, marks[0]!.y);
  await expect(run.envelope).toBeVisible();
  await expect(run.status).toHaveText('paused');
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
