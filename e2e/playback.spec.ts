import { expect, test } from './fixtures';
import { EditorPage } from './pages/EditorPage';
import { PlaybackPage } from './pages/PlaybackPage';

/**
 * Live playback as a person meets it: press play and watch, break things while it runs, step
 * through, click a moving message. State is read from window.__microsim; actions are clicks and keys.
 * Runs held at a moment (seeked, then stepped) are compared with baselines in e2e/__screenshots__/.
 */

const playback = (editor: EditorPage) => new PlaybackPage(editor);

test('play: messages move on the canvas and the counts rise', async ({ editor }) => {
  const run = playback(editor);
  await expect(run.status).toHaveText('ready');
  // The example's own speed (0.25×) is slow enough to follow one request by eye.
  await run.key(' ');
  // On a busy machine it may add '· engine catching up'.
  await expect(run.status).toHaveText(/^playing/);
  // Paused and stepped event by event (as a person does with the . key), so the picture holds still
  // while it is read: a hop lasts a few frames, which a poll of screenshots on a busy machine misses.
  await run.key(' ');
  await run.stepUntilInFlight(1);
  let first = '';
  await expect
    .poll(async () => (first = await run.markDigest()), { message: 'a message is drawn' })
    .not.toBe('');
  let moved = false;
  for (let step = 0; step < 200 && !moved; step++) {
    const events = (await run.run()).events;
    await editor.page.keyboard.press('.');
    await expect.poll(async () => (await run.run()).events).toBeGreaterThan(events);
    const next = await run.markDigest();
    moved = next !== '' && next !== first;
  }
  expect(moved, 'the messages drawn move from one moment to the next').toBe(true);
  await run.button('play').click();
  const clockBefore = await run.clock.textContent();
  await run.setSpeed(5);
  const before = await run.run();
  await run.until('more requests sent', (r) => (r.requests?.sent ?? 0) > (before.requests?.sent ?? 0) + 2);
  await expect(run.clock).not.toHaveText(clockBefore!);
});

test('take Payment down: failures, and the circuit on the call to it opens', async ({ editor }) => {
  const run = playback(editor);
  // The example's call from Orders to Payment has a circuit breaker.
  expect((await editor.edge('e-orders-payment')).breaker).toMatchObject({ enabled: true });
  await run.setSpeed(5);
  await run.button('play').click();
  await run.until('traffic flows', (r) => (r.requests?.succeeded ?? 0) > 0);
  await run.liveFault(editor.node('payment'), 'fault-down');
  await expect(editor.serviceCard('payment').locator('.badge--down')).toBeVisible();
  // Metrics travel with every fourth panel refresh, so the wait covers both.
  const r = await run.until(
    'calls to Payment fail and its circuit opens',
    (r) =>
      (r.requests?.failed ?? 0) > 0 &&
      r.edges.some((e) => e.id === 'e-orders-payment' && e.circuit !== 'closed'),
  );
  expect(r.services.find((s) => s.id === 'payment')?.status).toBe('down');
  await expect(editor.page.getByTestId('circuit-e-orders-payment')).toBeVisible();
  // The fault is in the run's script, with its time, so the run replays.
  const live = r.faults.filter((f) => f.source === 'live');
  expect(live).toMatchObject([{ kind: 'down', target: 'payment' }]);
  await expect(editor.page.getByTestId(`timeline-fault-${live[0]!.id}`)).toBeAttached();
  // Time keeps moving after the fault.
  const t = (await run.run()).now;
  await run.until('time moves on', (x) => x.now > t + 500);
});

test('a failed saga step is undone in reverse order', async ({ editor }) => {
  const run = playback(editor);
  await run.openExample('order-saga');
  await run.setSpeed(40);
  await run.key(' ');
  const r = await run.until(
    'a saga compensated two steps',
    (r) => r.sagas.some((s) => s.compensatedSteps.length >= 2),
    40_000,
  );
  const saga = r.sagas.find((s) => s.compensatedSteps.length >= 2)!;
  expect(saga.failedStep).toBeGreaterThan(saga.compensatedSteps[0]!);
  // Steps done 1, 2 …; undone in reverse: …, 2, 1.
  expect(saga.compensatedSteps).toEqual([...saga.completedSteps].reverse());
  expect(saga.compensatedSteps).toEqual([...saga.compensatedSteps].sort((a, b) => b - a));
});

test('step, pause and speed', async ({ editor }) => {
  // Many steps, each waiting on what the page shows: on a busy machine that takes a while.
  test.slow();
  const run = playback(editor);
  // A run far longer than the test, so that even on a slow machine it cannot end (and turn Pause
  // into 'Play again') before the person pauses it.
  await editor.clickEmpty();
  await editor.inspector.getByLabel('Run length').fill('3600000');
  await run.until('the long run is loaded', (r) => r.untilMs === 3_600_000);
  await run.key('.');
  await expect(run.status).toHaveText('paused');
  const one = await run.until('one event', (r) => r.events >= 1);
  await run.key('.');
  const two = await run.until('the next event', (r) => r.events === one.events + 1);
  expect(two.now).toBeGreaterThanOrEqual(one.now);
  await run.button('step').click();
  const three = await run.until('one more event', (r) => r.events === two.events + 1);

  await run.setSpeed(1);
  await run.key(' ');
  // On a busy machine it may add '· engine catching up'.
  await expect(run.status).toHaveText(/^playing/);
  await run.until('time moves', (r) => r.now > three.now + 300);
  await run.key(' ');
  await expect(run.status).toHaveText('paused');
  const paused = await run.run();
  await editor.page.waitForTimeout(400);
  expect((await run.run()).now, 'time stands still while paused').toBe(paused.now);
  await expect(run.clock).toHaveText(/s$/);

  // Faster: simulated time runs away (the engine may trail a busy machine, so wait on what it shows).
  await run.setSpeed(50);
  await expect(editor.page.getByTestId('speed-value')).toHaveText('50×');
  await run.button('play').click();
  await run.until('many simulated seconds pass', (r) => r.now > paused.now + 5_000);
  await run.button('pause').click();
  await expect(run.status).toHaveText('paused');
  const fast = await run.run();
  expect(fast.now, 'time went on from the last pause').toBeGreaterThan(paused.now + 5_000);
  await editor.page.waitForTimeout(400);
  expect((await run.run()).now, 'a pause holds at 50× too').toBe(fast.now);

  await run.key('r');
  await expect(run.clock).toHaveText('0.000 s');
  await expect(run.status).toHaveText('ready');
});

test('click a moving message: the run pauses and shows its envelope', async ({ editor }) => {
  const run = playback(editor);
  await editor.clickEmpty();
  await run.clickFirstMessage();
  const id = await run.selectedMessage();
  expect(id).toBeTruthy();
  await expect(run.envelope.locator('[data-field="id"]')).toHaveText(id!);
  for (const field of ['type', 'correlationId', 'causationId', 'timestamp', 'payload'])
    await expect(run.envelope.locator(`[data-field="${field}"]`)).not.toBeEmpty();
  await expect(run.envelope.locator('[data-field="path"] li').first()).toBeVisible();
  // The first message of the run, held: the same picture every time.
  await editor.page.evaluate(() => document.fonts.ready);
  await expect(editor.page).toHaveScreenshot('envelope.png');
  await run.envelope.getByRole('button', { name: 'Close the envelope' }).click();
  await expect(run.envelope).toBeHidden();
});

test('live faults from the inspector: slow a service down and bring it back to normal', async ({
  editor,
}) => {
  const run = playback(editor);
  await run.setSpeed(5);
  await run.button('play').click();
  await editor.node('inventory').click();
  const faults = editor.inspector.getByTestId('live-faults');
  await faults.getByLabel('Slow-down factor').fill('8');
  await faults.getByTestId('live-slow').click();
  await expect(editor.serviceCard('inventory').locator('.badge--slow')).toHaveText('×8 slow');
  await expect(faults.getByTestId('live-state')).toHaveText('slowed ×8');
  await faults.getByTestId('live-normal').click();
  await expect(editor.serviceCard('inventory').locator('.badge--slow')).toBeHidden();
  const r = await run.run();
  expect(r.faults.filter((f) => f.source === 'live')).toMatchObject([{ kind: 'slow', target: 'inventory' }]);
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(scheme, () => {
    test.use({ colorScheme: scheme });

    test(`runs held mid-way look as they did, ${scheme}`, async ({ editor }) => {
      const run = playback(editor);
      // Seeked, then stepped event by event: the run is deterministic, so is the picture.
      const shoot = async (name: string, legend = false) => {
        if (legend) await editor.page.getByRole('button', { name: /Legend/ }).click();
        await editor.page.evaluate(() => document.fonts.ready);
        await editor.settled();
        await expect(editor.page).toHaveScreenshot(`${name}-${scheme}.png`);
        if (legend) await editor.page.getByRole('button', { name: /Legend/ }).click();
      };
      // Moments where the examples' seeds put messages on the wire within a few steps.
      await run.contextMenu(editor.node('bank'), 'fault-down');
      await run.scrubTo(4_500);
      await editor.clickEmpty();
      await run.stepUntilInFlight(2);
      await shoot('checkout-bank-down', true);

      await run.openExample('job-queue');
      await run.scrubTo(20_000);
      await editor.clickEmpty();
      await run.stepUntilInFlight(4);
      await shoot('job-queue');

      await run.openExample('order-saga');
      await run.scrubTo(16_900);
      await editor.clickEmpty();
      await run.stepUntilInFlight(4);
      await shoot('order-saga');
    });
  });
}

test('after using the speed slider, Space still plays and pauses; its own keys still move it', async ({
  editor,
}) => {
  const run = new PlaybackPage(editor);
  // A run far longer than the test: at 100× the example's minute ends in 0.6 s, before a busy
  // machine has seen it playing (or pressed Space again to pause it).
  await editor.clickEmpty();
  await editor.inspector.getByLabel('Run length').fill('3600000');
  await run.until('the long run is loaded', (r) => r.untilMs === 3_600_000);
  const slider = editor.page.getByTestId('speed-slider');
  await slider.click();
  await expect(slider).toBeFocused();
  await editor.page.keyboard.press('End');
  await expect.poll(async () => (await run.run()).speed).toBe(100);
  await editor.page.keyboard.press('Space');
  await expect.poll(async () => (await run.run()).status).toBe('playing');
  await editor.page.keyboard.press('Space');
  await expect.poll(async () => (await run.run()).status).toBe('paused');
  // The arrow and Page keys step through the speed ladder.
  await slider.focus();
  await editor.page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await run.run()).speed).toBe(50);
  await editor.page.keyboard.press('PageDown');
  await expect.poll(async () => (await run.run()).speed).toBe(5);
  await editor.page.keyboard.press('ArrowRight');
  await expect(editor.page.getByTestId('speed-value')).toHaveText('10×');
});

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`the first run: a request moves within a second of Play, big enough to see (${viewport.width} px)`, async ({
    page,
    editor,
  }, testInfo) => {
    await page.setViewportSize(viewport);
    await editor.settled();
    const run = playback(editor);
    const speed = (await run.run()).speed;
    // Watched from inside the page, frame by frame, so a slow test runner cannot miss it: the time
    // of Play, then the first frame with a message for the layer to draw, which holds the picture.
    await page.evaluate(() => {
      type Probe = { playedAt: number | null; drawnAt: number | null; simAt: number | null };
      const w = window as unknown as { __firstRun: Probe };
      const p = window.__microsim!.playback!;
      const probe: Probe = { playedAt: null, drawnAt: null, simAt: null };
      w.__firstRun = probe;
      const look = () => {
        if (probe.playedAt === null && p.getSnapshot().status === 'playing')
          probe.playedAt = performance.now();
        const f = p.frame();
        if (probe.playedAt !== null && f.messages.count > 0) {
          probe.drawnAt = performance.now();
          probe.simAt = f.time;
          p.pause();
          return;
        }
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await run.button('play').click();
    type Seen = { playedAt: number; drawnAt: number | null; simAt: number };
    const probe = () => page.evaluate(() => (window as unknown as { __firstRun: Seen }).__firstRun);
    await expect.poll(async () => (await probe()).drawnAt, { timeout: 15_000 }).not.toBeNull();
    const seen = await probe();
    // What the person saw at that moment (timing-dependent, so attached to the report, not compared).
    await testInfo.attach(`first-run-${viewport.width}`, {
      body: await page.screenshot(),
      contentType: 'image/png',
    });
    // A busy machine may slow the run down (the engine trails), but at the example's own speed the
    // first message flies within the first second's worth of simulated time.
    expect(seen.simAt / speed, 'wall ms from Play at this speed').toBeLessThan(1_000);

    // The first request, as it leaves the client, is big enough to see at the default zoom.
    await run.key('r');
    await run.stepUntilInFlight(1);
    const marks = await run.marks();
    await testInfo.attach(`first-message-${viewport.width}`, {
      body: await page.screenshot(),
      contentType: 'image/png',
    });
    expect(marks.length, 'a message is drawn where a person can see it').toBeGreaterThan(0);
  });
}

test('without Web Workers (a sandboxed page), the run plays on the page itself and says so', async ({
  page,
}) => {
  await page.addInitScript(() => {
    // As a sandbox that forbids workers leaves it: no Worker constructor at all.
    delete (window as { Worker?: unknown }).Worker;
  });
  const editor = new EditorPage(page);
  await editor.open();
  const run = playback(editor);
  const notice = page
    .getByTestId('notice-info')
    .filter({ hasText: 'The simulation runs on the page itself' });
  await expect(notice).toBeVisible();
  await run.setSpeed(5);
  await run.button('play').click();
  // The engine and its session are fetched on demand for this rare case; the run still goes on.
  await run.until('requests are answered', (r) => (r.requests?.succeeded ?? 0) > 0);
});
