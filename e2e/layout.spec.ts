import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { EditorPage } from './pages/EditorPage';
import { PlaybackPage } from './pages/PlaybackPage';
import { SharePage } from './pages/SharePage';

/**
 * The app at every common width: nothing spills sideways, every top-bar command can be reached
 * (as a button, or from the menu on a phone), and on a phone the inspector is a bottom sheet, the
 * run bar takes a thumb and the canvas pans by touch.
 */

/** What the desktop top bar offers, by command id; each must be reachable at every width. */
const TOPBAR = ['new', 'examples', 'recent', 'undo', 'redo', 'tidy', 'share', 'theme', 'shortcuts'];
const BUTTON_TEST_ID: Record<string, string> = { examples: 'open-examples', theme: 'theme-toggle' };
const topbarButton = (page: Page, id: string) =>
  page.locator('.topbar').getByTestId(BUTTON_TEST_ID[id] ?? `cmd-${id}`);

/** How far the page lays out past the window's width, in pixels (0 when nothing spills over). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const [width, height] of [
  [390, 844],
  [768, 1024],
  [1024, 768],
  [1440, 900],
] as const) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height } });

    test('nothing overflows sideways and every top-bar command is reachable', async ({ editor }) => {
      const page = editor.page;
      expect(await overflow(page), 'horizontal overflow').toBe(0);
      const menuButton = page.getByRole('button', { name: 'Menu' });
      for (const id of TOPBAR) {
        const button = topbarButton(page, id);
        if (await button.isVisible()) {
          await expect(button, `${id} in the top bar`).toBeInViewport({ ratio: 1 });
          continue;
        }
        await expect(menuButton, `${id} is hidden, so there is a menu`).toBeInViewport({ ratio: 1 });
        if ((await menuButton.getAttribute('aria-expanded')) !== 'true') await menuButton.click();
        const menu = page.getByRole('menu', { name: 'Menu' });
        // The menu scrolls when it is taller than the screen (a phone held sideways, or many commands).
        const item = menu.getByTestId(`menu-${id}`);
        await item.scrollIntoViewIfNeeded();
        await expect(item, `${id} in the menu`).toBeInViewport({ ratio: 1 });
      }
      // Opening the menu or a dialog must not make the page wider either.
      expect(await overflow(page)).toBe(0);
    });
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  // Several gestures each; a busy machine makes them slow, not wrong.
  test.describe.configure({ timeout: 90_000 });

  test('the top bar has a menu with the commands, which run from there', async ({ editor }) => {
    const page = editor.page;
    const button = page.getByRole('button', { name: 'Menu' });
    await expect(button).toHaveAttribute('aria-haspopup', 'menu');
    await button.tap();
    const menu = page.getByRole('menu', { name: 'Menu' });
    await expect(menu).toBeVisible();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    for (const label of ['New diagram', 'Examples', 'Recent diagrams', 'Undo', 'Tidy up layout'])
      await expect(menu.getByRole('menuitem', { name: label })).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: 'Undo' })).toBeDisabled();
    // Keyboard too: the first item has the focus, arrows move it, Escape closes.
    await expect(menu.getByRole('menuitem').first()).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(button).toBeFocused();

    await button.tap();
    await menu.getByRole('menuitem', { name: 'Examples' }).tap();
    const dialog = page.getByTestId('examples-dialog');
    await expect(dialog).toBeInViewport({ ratio: 1 });
    expect(await overflow(page)).toBe(0);
  });

  test('the inspector is a bottom sheet: opens on a tap, closes by its button or a drag down', async ({
    editor,
  }) => {
    const page = editor.page;
    await expect(editor.inspector).toHaveCount(0);
    // The first view on a phone starts where requests enter: the client and the gateway are in it.
    await editor.node('gateway').tap();
    await expect(editor.inspector).toBeVisible();
    await expect(editor.field('name')).toHaveValue('API Gateway');
    const sheet = await editor.inspector.boundingBox();
    expect(sheet!.y + sheet!.height, 'at the bottom of the screen').toBeCloseTo(844, 0);
    expect(sheet!.width).toBe(390);
    // What is being edited stays in sight above the sheet.
    await expect
      .poll(async () => {
        const node = await editor.node('gateway').boundingBox();
        const top = (await editor.inspector.boundingBox())!.y;
        return node!.y > 110 && node!.y + node!.height <= top;
      }, 'the selected service is above the sheet')
      .toBe(true);
    await compare(page, 'phone-inspector');

    await editor.inspector.getByRole('button', { name: 'Close the inspector' }).tap();
    await expect(editor.inspector).toHaveCount(0);
    expect(await editor.selection(), 'closing the sheet keeps the selection').toEqual(['gateway']);

    // Another selection opens it again; dragging its grip down dismisses it.
    await editor.node('client').tap();
    await expect(editor.field('name')).toHaveValue('Web Client');
    await touchDrag(page, editor.page.getByTestId('inspector-grip'), 0, 160);
    await expect(editor.inspector).toHaveCount(0);
    // A short drag is not a dismissal. On a busy machine the synthesized tap can reach the page late
    // enough to read as a long press (no click, no selection): tapped again until the sheet is up.
    await expect(async () => {
      await editor.node('gateway').tap();
      await expect(editor.page.getByTestId('inspector-grip')).toBeVisible({ timeout: 3000 });
    }).toPass();
    await touchDrag(page, editor.page.getByTestId('inspector-grip'), 0, 20);
    await expect(editor.inspector).toBeVisible();

    // With nothing selected, the menu shows the diagram's settings and the advisor.
    await page.getByRole('button', { name: 'Menu' }).tap();
    await page.getByRole('menuitem', { name: 'Diagram settings & advisor' }).tap();
    await expect(editor.inspector.getByTestId('inspector-diagram')).toBeVisible();
    await expect(editor.inspector.getByTestId('advisor')).toBeAttached();
    expect(await editor.selection()).toEqual([]);
  });

  test('the first view is readable: names of 11 px or more, from where requests enter', async ({
    editor,
  }) => {
    const zoom = (await editor.viewportTransform()).zoom;
    const name = editor.serviceCard('client').locator('.svc__name');
    const size = await name.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size * zoom).toBeGreaterThanOrEqual(11);
    await expect(editor.serviceCard('client')).toBeInViewport({ ratio: 1 });
    await expect(editor.serviceCard('gateway')).toBeInViewport({ ratio: 1 });
    // The rest of the diagram is there to pan to, not squeezed in.
    await expect(editor.serviceCard('bank')).not.toBeInViewport();
    expect(await coveredCards(editor.page)).toEqual([]);
  });

  test('a selected service shows a ⋯ button that opens its menu, with no long-press to know', async ({
    editor,
  }) => {
    const page = editor.page;
    await expect(page.getByTestId('menu-button-gateway')).toHaveCount(0);
    await editor.node('gateway').tap();
    const button = page.getByRole('button', { name: 'Actions for API Gateway' });
    await expect(button).toBeInViewport({ ratio: 1 });
    await button.tap();
    const menu = page.getByTestId('context-menu');
    await expect(menu).toBeInViewport({ ratio: 1 });
    await expect(menu).toHaveAccessibleName('Actions for API Gateway');
    await expect(menu.getByTestId('fault-down')).toBeVisible();
    expect(await editor.selection(), 'the tap kept the selection').toEqual(['gateway']);
    await compare(page, 'phone-menu');
  });

  test('tapping a palette item adds the service in view, on a free spot', async ({ editor }) => {
    const page = editor.page;
    const canvas = (await editor.canvas.boundingBox())!;
    for (let i = 0; i < 3; i++) {
      const before = await editor.diagram();
      await page.getByTestId('palette-service').tap();
      await expect
        .poll(async () => (await editor.diagram()).services.length)
        .toBe(before.services.length + 1);
    }
    await editor.settled();
    const boxes = await Promise.all(
      (await page.locator('.react-flow__node').all()).map(async (n) => (await n.boundingBox())!),
    );
    const added = boxes.slice(-3);
    for (const [i, b] of added.entries()) {
      expect(b.x, 'in view').toBeGreaterThanOrEqual(canvas.x);
      expect(b.x + b.width, 'in view').toBeLessThanOrEqual(canvas.x + canvas.width);
      for (const [j, other] of boxes.entries()) {
        if (j === boxes.length - 3 + i) continue;
        const apart =
          b.x + b.width <= other.x ||
          other.x + other.width <= b.x ||
          b.y + b.height <= other.y ||
          other.y + other.height <= b.y;
        expect(apart, `new card ${i} is clear of card ${j}`).toBe(true);
      }
    }
  });

  test('the run bar takes a thumb, and the canvas pans by touch', async ({ editor }) => {
    const page = editor.page;
    for (const id of ['play-button', 'step-button', 'reset-button']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box!.width, id).toBeGreaterThanOrEqual(44);
      expect(box!.height, id).toBeGreaterThanOrEqual(44);
    }
    await expect(page.getByTestId('speed-slider')).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('seed-input')).toBeInViewport({ ratio: 1 });

    const before = await editor.viewportTransform();
    await touchDrag(page, editor.canvas, -120, 90, { x: 0.5, y: 0.85 });
    await editor.settled();
    const after = await editor.viewportTransform();
    expect(after.x - before.x).toBeCloseTo(-120, -1);
    expect(after.y - before.y).toBeCloseTo(90, -1);
    expect(after.zoom).toBeCloseTo(before.zoom, 5);
    expect(await overflow(page)).toBe(0);

    await page.getByTestId('play-button').tap();
    await expect(page.getByTestId('pause-button')).toBeVisible();
    await page.getByTestId('pause-button').tap();
  });
});

test.describe('a small laptop, 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('every example opens with no card under the minimap or the zoom buttons', async ({ editor }) => {
    const run = new PlaybackPage(editor);
    for (const id of ['checkout', 'order-saga', 'job-queue', 'choreography']) {
      if (id !== 'checkout') await run.openExample(id);
      await editor.settled();
      expect(await coveredCards(editor.page), id).toEqual([]);
    }
  });

  for (const [how, via] of [
    ['Fit view (F)', (page: Page) => new PlaybackPage(new EditorPage(page)).key('f')],
    ["The zoom buttons' fit", (page: Page) => page.getByRole('button', { name: 'Fit View' }).click()],
  ] as const)
    test(`${how} shows every example whole with no card under the minimap`, async ({ editor }) => {
      const run = new PlaybackPage(editor);
      for (const id of ['checkout', 'order-saga', 'job-queue', 'choreography']) {
        if (id !== 'checkout') await run.openExample(id);
        await editor.settled();
        // Somewhere else first, so the fit has to move the view.
        await editor.page.getByRole('button', { name: 'Zoom in' }).click();
        await editor.settled();
        await via(editor.page);
        await editor.settled();
        expect(await coveredCards(editor.page), id).toEqual([]);
        const canvas = (await editor.canvas.boundingBox())!;
        for (const node of await editor.page.locator('.react-flow__node').all()) {
          const n = (await node.boundingBox())!;
          const inside = n.x >= canvas.x && n.y >= canvas.y && n.x + n.width <= canvas.x + canvas.width + 0.5;
          expect(inside && n.y + n.height <= canvas.y + canvas.height + 0.5, `${id}: whole`).toBe(true);
        }
      }
    });
});

test('a selected edge shows a ⋯ button beside its label that opens its menu', async ({ editor }) => {
  await editor.selectEdge('e-payment-bank');
  await editor.page.getByTestId('menu-button-e-payment-bank').click();
  const menu = editor.page.getByTestId('context-menu');
  await expect(menu).toHaveAccessibleName('Actions for the edge');
  await expect(menu).toBeInViewport({ ratio: 1 });
  expect(await editor.selection()).toEqual(['e-payment-bank']);
});

test('the message details are a card over the canvas, not see-through', async ({ editor }) => {
  const run = new PlaybackPage(editor);
  await editor.clickEmpty();
  await run.stepUntilInFlight(1);
  const [mark] = await run.marks();
  await editor.page.mouse.click(mark!.x, mark!.y);
  await expect(run.envelope).toBeVisible();
  const dock = editor.page.locator('.envelope-dock');
  const look = await dock.evaluate((el) => {
    const cs = getComputedStyle(el);
    return { background: cs.backgroundColor, shadow: cs.boxShadow, border: cs.borderTopWidth };
  });
  expect(look.background, 'an opaque background').toMatch(/^rgb\(/);
  expect(look.shadow, 'a shadow').not.toBe('none');
  expect(parseFloat(look.border), 'a border').toBeGreaterThan(0);
  // Nothing of the diagram (edge labels, cards) draws over it: its whole box is its own.
  const box = (await dock.boundingBox())!;
  const covered = await editor.page.evaluate(({ x, y, width, height }) => {
    const hits: string[] = [];
    for (let i = 1; i < 8; i++)
      for (let j = 1; j < 8; j++) {
        const el = document.elementFromPoint(x + (width * i) / 8, y + (height * j) / 8);
        if (el && !el.closest('.envelope-dock')) hits.push(el.className.toString());
      }
    return hits;
  }, box);
  expect(covered).toEqual([]);
});

test.describe('the embed at 800×450', () => {
  test.use({ viewport: { width: 800, height: 450 } });

  test('no control sits on the diagram; zoom is in the bar', async ({ editor, page }) => {
    const share = new SharePage(editor);
    await share.openShare();
    const link = await share.link();
    await page.goto('about:blank');
    await page.goto(`/#/embed/${link.slice(link.indexOf('#') + 1)}`);
    await expect(page.getByTestId('embed')).toBeVisible();
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await editor.settled();
    expect(await coveredCards(page)).toEqual([]);
    const before = await editor.viewportTransform();
    await page.locator('.embed__bar').getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(async () => (await editor.viewportTransform()).zoom).toBeGreaterThan(before.zoom);
  });
});

for (const colorScheme of ['light', 'dark'] as const)
  for (const [width, height] of [
    [390, 844],
    [768, 1024],
    [1280, 720],
    [1440, 900],
  ] as const)
    test.describe(`${width}×${height}, ${colorScheme}`, () => {
      test.use({ viewport: { width, height }, colorScheme });

      test('the example, then a service in the inspector', async ({ editor }) => {
        // The API Gateway is in every first view; on a phone Payment is off to the right (the person
        // pans to it), and a click on a card outside the view lands on nothing.
        await expect(editor.node('gateway')).toBeInViewport();
        await editor.node('gateway').click();
        await expect(editor.field('name')).toBeVisible();
        expect(await overflow(editor.page)).toBe(0);
        // visual.spec.ts compares 1440×900 (the inspector, both themes) and the phone; these two here.
        if (width === 768 || width === 1280)
          await compare(editor.page, `layout-${width}-${colorScheme}-service`);
      });
    });

/** Which cards or notes a panel drawn over the canvas (minimap, zoom buttons) covers, as text. */
async function coveredCards(page: Page): Promise<string[]> {
  const covered: string[] = [];
  const overlays = await page.locator('.react-flow__panel:not(.react-flow__attribution)').all();
  for (const overlay of overlays) {
    if (!(await overlay.isVisible())) continue;
    const o = (await overlay.boundingBox())!;
    for (const node of await page.locator('.react-flow__node').all()) {
      const n = await node.boundingBox();
      if (!n) continue;
      const apart =
        o.x + o.width <= n.x || n.x + n.width <= o.x || o.y + o.height <= n.y || n.y + n.height <= o.y;
      if (!apart)
        covered.push(`${await overlay.getAttribute('class')} covers ${await node.getAttribute('data-id')}`);
    }
  }
  return covered;
}

/**
 * Compares the page with its committed baseline (e2e/__screenshots__/layout.spec.ts/), once fonts
 * are in and the canvas has stopped moving; the tolerance is playwright.config.ts's.
 */
async function compare(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await new EditorPage(page).settled();
  await expect(page).toHaveScreenshot(`${name}.png`);
}

/**
 * A one-finger drag by (dx, dy), as the touch screen sends it (touch events through the DevTools
 * protocol: Playwright's touchscreen only taps). Starts at the middle of `on`, or at a fraction of it.
 */
async function touchDrag(page: Page, on: Locator, dx: number, dy: number, at = { x: 0.5, y: 0.5 }) {
  const box = await on.boundingBox();
  if (!box) throw new Error('nothing to drag on');
  const x = box.x + box.width * at.x;
  const y = box.y + box.height * at.y;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  const steps = 8;
  for (let i = 1; i <= steps; i++)
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x: x + (dx * i) / steps, y: y + (dy * i) / steps }],
    });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}
