import { expect, test } from './fixtures';
import { PlaybackPage } from './pages/PlaybackPage';

/**
 * Breakpoints (issue 13), as a person sets them: select the edge to Payment, press B, play the
 * Checkout example, take Payment down; the run pauses where the circuit opens, says which breakpoint
 * did it, and the timeline marks the moment. No fixed waits: the run's state is polled.
 */
test('a breakpoint on "circuit opens" stops the run there and says so', async ({ editor }) => {
  const run = new PlaybackPage(editor);
  const page = editor.page;
  await editor.selectEdge('e-orders-payment');
  await page.keyboard.press('b');
  await expect(page.getByText('Added breakpoint: Circuit opens on')).toBeVisible();
  await editor.clickEmpty();
  const list = page.getByTestId('breakpoint-list');
  await expect(list.getByRole('checkbox', { name: /Circuit opens on/ })).toBeChecked();

  await run.setSpeed(5);
  await run.button('play').click();
  await run.until('traffic flows', (r) => (r.requests?.succeeded ?? 0) > 3);
  await run.liveFault(editor.node('payment'), 'fault-down');
  const paused = await run.until(
    'paused by the breakpoint',
    (r) => r.status === 'paused' && r.breakHit !== null,
    60_000,
  );
  expect(paused.breakHit).toMatchObject({ kind: 'circuit-open', edgeId: 'e-orders-payment' });
  // Paused at the exact event: the circuit is open, at the moment it opened.
  expect(paused.now).toBe(paused.breakHit!.atMs);
  expect(paused.edges.find((e) => e.id === 'e-orders-payment')?.circuit).toBe('open');
  await expect(page.getByTestId('break-hit')).toContainText('Paused at breakpoint: Circuit opens on');
  await expect(page.getByTestId('timeline-break-hit')).toBeVisible();
  // Time stays there while paused.
  await expect.poll(async () => (await run.run()).now).toBe(paused.now);

  // Turned off, it no longer pauses the run; undo turns it back on.
  await list.getByRole('checkbox', { name: /Circuit opens on/ }).uncheck();
  await run.button('play').click();
  await run.until('playing on past the breakpoint', (r) => r.status === 'playing' && r.now > paused.now);
  await expect(page.getByTestId('break-hit')).toBeHidden();
  await run.button('pause').click();
  await page.keyboard.press('Control+z');
  await expect(list.getByRole('checkbox', { name: /Circuit opens on/ })).toBeChecked();
});
