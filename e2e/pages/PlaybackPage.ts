import { expect, type Locator, type Page } from '@playwright/test';
import type { EditorPage } from './EditorPage';
import { readRun, type RunView } from './run';

/** Where a moving message was drawn, in page pixels. */
export interface Mark {
  x: number;
  y: number;
}

/**
 * The run as a person drives it: the time controls in the footer, keyboard shortcuts, the context
 * menu on services and edges, clicks on moving messages. The run's state is only read.
 */
export class PlaybackPage {
  readonly page: Page;
  readonly layer: Locator;
  readonly clock: Locator;
  readonly status: Locator;
  readonly envelope: Locator;

  constructor(readonly editor: EditorPage) {
    this.page = editor.page;
    this.layer = editor.page.getByTestId('message-layer');
    this.clock = editor.page.getByTestId('sim-clock');
    this.status = editor.page.getByTestId('playback-status');
    this.envelope = editor.page.getByTestId('envelope-panel');
  }

  button(name: 'play' | 'pause' | 'step' | 'reset'): Locator {
    return this.page.getByTestId(`${name}-button`);
  }

  /** Presses a shortcut with the focus on the canvas (Space plays/pauses, . steps, R resets). */
  async key(key: string) {
    await this.editor.clickEmpty();
    await this.page.keyboard.press(key);
  }

  /** Sets the speed slider, as dragging it would (log scale: 0 is 0.1×, 1000 is 100×). */
  async setSpeed(speed: number) {
    const position = Math.round(((Math.log10(speed) + 1) / 3) * 1000);
    await this.page.getByTestId('speed-slider').fill(String(position));
    await expect.poll(async () => (await this.run()).speed).toBeCloseTo(speed, 0);
  }

  /** Drags the timeline to simulated time `ms` (it seeks there). */
  async scrubTo(ms: number) {
    await this.page.getByTestId('time-scrubber').fill(String(ms));
    await this.until(`at ${ms} ms`, (r) => Math.abs(r.now - ms) < 50);
  }

  /** Opens a built-in example from the Examples dialog. */
  async openExample(id: string) {
    await this.page.getByTestId('open-examples').click();
    await this.page.getByTestId(`example-${id}`).click();
    await expect(this.page.getByTestId('examples-dialog')).toBeHidden();
    await this.editor.settled();
  }

  /** Right-clicks a service or an edge and picks a menu item (by its test id, e.g. fault-down). */
  async contextMenu(target: Locator, item: string) {
    await target.click({ button: 'right' });
    const menu = this.page.getByTestId('context-menu');
    await expect(menu).toBeVisible();
    await menu.getByTestId(item).click();
    await expect(menu).toBeHidden();
  }

  /**
   * Applies a live fault from the context menu with the run paused around it, then plays on if it
   * was playing: on a busy machine a right-click can outlast the run's remaining seconds, and the
   * fault items are disabled once a run has ended (eventlog.spec failed so in a clean-clone CI).
   */
  async liveFault(target: Locator, item: string) {
    const playing = (await this.run()).status === 'playing';
    if (playing) {
      await this.button('pause').click();
      await this.until('paused', (r) => r.status === 'paused');
    }
    await this.contextMenu(target, item);
    if (playing) await this.button('play').click();
  }

  /** The run's panel state. */
  run(): Promise<RunView> {
    return readRun(this.page);
  }

  /**
   * Steps until a message is in flight and clicks the first one drawn, as a person clicks a moving
   * dot: the run pauses and the message's details open.
   */
  async clickFirstMessage(): Promise<void> {
    await this.stepUntilInFlight(1);
    const marks = await this.marks();
    expect(marks.length, 'a message is drawn somewhere').toBeGreaterThan(0);
    await this.page.mouse.click(marks[0]!.x, marks[0]!.y);
    await expect(this.envelope).toBeVisible();
    await expect(this.status).toHaveText('paused');
  }

  /** The message the store says is picked. */
  async selectedMessage(): Promise<string | null> {
    return this.page.evaluate(() => window.__microsim!.store.getState().selectedMessage);
  }

  /**
   * Where messages are drawn, found as a person finds them: by looking at the screen over the
   * canvas for blobs in the request and reply colours (the legend's, light theme). Centres, in page
   * pixels. (The layer may be drawn by a worker, so its pixels are read from a screenshot.)
   */
  async marks(colors = ['#2563eb', '#16a34a']): Promise<Mark[]> {
    const box = await this.layer.boundingBox();
    if (!box) throw new Error('message layer not visible');
    const png = (await this.page.screenshot({ clip: box })).toString('base64');
    const found = await this.page.evaluate(
      async ({ png, colors }) => {
        const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
        const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const c = new OffscreenCanvas(image.width, image.height);
        const g = c.getContext('2d')!;
        g.drawImage(image, 0, 0);
        const rgb = colors.map((color) => {
          const probe = new OffscreenCanvas(1, 1).getContext('2d')!;
          probe.fillStyle = color;
          probe.fillRect(0, 0, 1, 1);
          return [...probe.getImageData(0, 0, 1, 1).data.slice(0, 3)];
        });
        const { width, height } = c;
        const data = g.getImageData(0, 0, width, height).data;
        const blobs: { x: number; y: number; n: number }[] = [];
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            const i = (y * width + x) * 4;
            const hit = rgb.some(
              ([r, gr, b]) =>
                Math.abs(data[i]! - r!) < 20 &&
                Math.abs(data[i + 1]! - gr!) < 20 &&
                Math.abs(data[i + 2]! - b!) < 20,
            );
            if (!hit) continue;
            const blob = blobs.find((q) => Math.abs(q.x / q.n - x) < 10 && Math.abs(q.y / q.n - y) < 10);
            if (blob) {
              blob.x += x;
              blob.y += y;
              blob.n++;
            } else blobs.push({ x, y, n: 1 });
          }
        }
        // A mark is a solid blob of some size; stray anti-aliased pixels are not.
        return blobs.filter((q) => q.n >= 12).map((q) => ({ x: q.x / q.n, y: q.y / q.n }));
      },
      { png, colors },
    );
    return found.map((p) => ({ x: box.x + p.x, y: box.y + p.y }));
  }

  /** Where the marks are, as one string that changes when any of them moves. */
  async markDigest(): Promise<string> {
    return (await this.marks()).map((m) => `${Math.round(m.x)},${Math.round(m.y)}`).join(' ');
  }

  /** Steps event by event (the . key) until at least `min` messages are in flight; paused there. */
  async stepUntilInFlight(min = 1, limit = 200): Promise<RunView> {
    for (let i = 0; i < limit; i++) {
      const r = await this.run();
      if (r.inFlight >= min && r.status === 'paused') return r;
      const events = r.events;
      await this.page.keyboard.press('.');
      await expect.poll(async () => (await this.run()).events).toBeGreaterThan(events);
    }
    throw new Error(`no ${min} messages in flight within ${limit} steps`);
  }

  /** Plays until at least `min` messages are in flight, then pauses there. */
  async pauseWithMessages(min: number, timeout = 30_000): Promise<RunView> {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      const status = (await this.run()).status;
      if (status === 'ended') throw new Error(`the run ended before ${min} messages were in flight`);
      if (status !== 'playing') await this.button('play').click();
      await this.until(`${min} in flight`, (r) => r.inFlight >= min, Math.max(1, end - Date.now()));
      await this.button('pause').click();
      const r = await this.until('paused', (x) => x.status === 'paused');
      if (r.inFlight >= min) return r;
    }
    throw new Error(`never paused with ${min} messages in flight`);
  }

  /** Waits until the run's state satisfies `test`, failing with `what` after the timeout. */
  async until(what: string, test: (r: RunView) => boolean, timeout = 20_000): Promise<RunView> {
    let last: RunView | null = null;
    await expect
      .poll(
        async () => {
          last = await this.run();
          return test(last);
        },
        { message: what, timeout },
      )
      .toBe(true);
    return last!;
  }
}
