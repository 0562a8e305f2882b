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
