import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';
import { PlaybackPage } from './pages/PlaybackPage';
import { SharePage } from './pages/SharePage';

/**
 * Visual regression: the key states, compared with the committed baselines in
 * `e2e/__screenshots__/`. A difference fails the test; a change of looks on purpose is accepted with
 * `npx playwright test e2e/visual.spec.ts --update-snapshots`, after looking at the new pictures.
 * The tolerance (playwright.config.ts) survives font hinting, not a moved card or a changed colour.
 */

const EXAMPLES = ['checkout', 'order-saga', 'job-queue', 'choreography'] as const;

/**
 * Waits until fonts are in and the canvas has stopped moving, then compares the whole page. `mask`
 * covers what differs from machine to machine (a link carries the server's port).
 */
async function compare(editor: EditorPage, name: string, mask: Locator[] = []) {
  await editor.page.evaluate(() => document.fonts.ready);
  await editor.settled();
  await expect(editor.page).toHaveScreenshot(`${name}.png`, { mask });
}

/** Opens a built-in example and waits until it is drawn and fitted. */
async function openExample(editor: EditorPage, id: string) {
  await new PlaybackPage(editor).openExample(id);
}

/** Seeks the run to `ms` (paused there): the same picture every time, since the run is deterministic. */
async function runTo(editor: EditorPage, ms: number) {
  const playback = new PlaybackPage(editor);
  await playback.scrubTo(ms);
  await playback.until('held there', (r) => r.status !== 'playing' && Math.abs(r.now - ms) < 50);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(scheme, () => {
    test.use({ colorScheme: scheme });

    test('the Checkout example, idle', async ({ editor }) => {
      await compare(editor, `checkout-idle-${scheme}`);
    });

    test('the Checkout example, running (paused at 3 s)', async ({ editor }) => {
      await runTo(editor, 3000);
      await compare(editor, `checkout-running-${scheme}`);
    });

    test('the inspector with a service selected', async ({ editor }) => {
      await editor.node('payment').click();
      await expect(editor.inspector.getByTestId('inspector-service')).toBeVisible();
      await compare(editor, `inspector-service-${scheme}`);
    });

    test('the Metrics panel: the order saga at 50 s, its two faults shaded', async ({ editor }) => {
      await openExample(editor, 'order-saga');
      await editor.page.getByTestId('metrics-toggle').click();
      await runTo(editor, 50_000);
      const panel = editor.page.getByRole('region', { name: 'Metrics' });
      await expect(panel.getByTestId('metrics-faults')).toContainText('down');
      await expect(panel.getByTestId('metrics-time')).toContainText('50');
      await compare(editor, `metrics-panel-${scheme}`);
    });

    test('the share dialog', async ({ editor }) => {
      const share = new SharePage(editor);
      await share.openShare();
      // The link and the embed code start with this server's address, which differs between runs.
      await compare(editor, `share-dialog-${scheme}`, [
        share.dialog.getByTestId('share-link'),
        share.dialog.getByTestId('share-embed'),
      ]);
    });
  });
}

test.describe('every example', () => {
  test.use({ colorScheme: 'light' });
  for (const id of EXAMPLES.slice(1)) {
    test(`the ${id} example`, async ({ editor }) => {
      await openExample(editor, id);
      await compare(editor, `example-${id}`);
    });
  }
});

test.describe('other places', () => {
  test.use({ colorScheme: 'light' });

  test('the inspector with an edge selected', async ({ editor }) => {
    await editor.selectEdge('e-payment-bank');
    await expect(editor.inspector.getByTestId('inspector-edge')).toBeVisible();
    await compare(editor, 'inspector-edge');
  });

  test('the empty canvas after New', async ({ editor }) => {
    await editor.command('new').click();
    await expect(editor.canvas.locator('.react-flow__node')).toHaveCount(0);
    await compare(editor, 'empty-canvas');
  });
});

test.describe('a phone', () => {
  test.use({ colorScheme: 'light', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the Checkout example on a phone', async ({ editor }) => {
    await compare(editor, 'phone-checkout');
  });
});

test('the embed at 800×450', async ({ editor, browser }) => {
  const share = new SharePage(editor);
  await share.openShare();
  const link = new URL(await share.link());
  const context = await browser.newContext({ viewport: { width: 800, height: 450 }, colorScheme: 'light' });
  const page: Page = await context.newPage();
  await page.goto(`${link.pathname}#/embed/${link.hash.slice(1)}`);
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  await expect(page).toHaveScreenshot('embed-800x450.png');
  await context.close();
});
