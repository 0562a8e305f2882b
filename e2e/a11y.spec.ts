import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PlaybackPage } from './pages/PlaybackPage';

/**
 * axe (WCAG rules: contrast, names, roles, landmarks) finds no violation on the main screen and in
 * every dialog and panel, in both themes. A dialog or panel is checked on its own (the rest of the
 * page was checked once already, and a whole-page scan is slow on a busy machine).
 */
async function violations(page: Page, within?: string): Promise<string[]> {
  let axe = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  if (within) axe = axe.include(within);
  const result = await axe.analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  );
}

for (const colorScheme of ['light', 'dark'] as const)
  test.describe(`axe, ${colorScheme} theme`, () => {
    test.use({ colorScheme });
    // A scan takes seconds, and tens of seconds when the machine is busy.
    test.describe.configure({ timeout: 180_000 });

    test('the main screen, with the diagram inspector and the advisor', async ({ editor }) => {
      await expect(editor.page.locator('html')).toHaveAttribute('data-theme', colorScheme);
      await expect(editor.inspector.getByTestId('advisor')).toBeVisible();
      expect(await violations(editor.page)).toEqual([]);
    });

    test('the dialogs: examples, recent, share, shortcuts', async ({ editor }) => {
      const page = editor.page;
      await page.getByTestId('open-examples').click();
      await expect(page.getByTestId('examples-dialog')).toBeVisible();
      expect(await violations(page, '[data-testid="examples-dialog"]')).toEqual([]);
      // Opening another example puts the Checkout one in Recent.
      await page.getByTestId('example-order-saga').click();
      await expect(page.getByTestId('examples-dialog')).toBeHidden();

      for (const [command, dialog] of [
        ['recent', 'recent-dialog'],
        ['share', 'share-dialog'],
        ['shortcuts', 'shortcuts-dialog'],
      ] as const) {
        await editor.command(command).click();
        await expect(page.getByTestId(dialog)).toBeVisible();
        expect(await violations(page, `[data-testid="${dialog}"]`), dialog).toEqual([]);
        await page.keyboard.press('Escape');
        await expect(page.getByTestId(dialog)).toBeHidden();
      }
    });

    test('the inspector of a service and of an edge, and the context menu', async ({ editor }) => {
      await editor.node('payment').click();
      await expect(editor.inspector.getByTestId('inspector-service')).toBeVisible();
      expect(await violations(editor.page, '[data-testid="inspector"]'), 'service').toEqual([]);
      await editor.selectEdge('e-orders-payment');
      await expect(editor.inspector.getByTestId('inspector-edge')).toBeVisible();
      expect(await violations(editor.page, '[data-testid="inspector"]'), 'edge').toEqual([]);
      await editor.node('orders').click({ button: 'right' });
      await expect(editor.page.getByTestId('context-menu')).toBeVisible();
      expect(await violations(editor.page, '[data-testid="context-menu"]'), 'menu').toEqual([]);
    });

    test('the message details while paused, and the legend', async ({ editor }) => {
      const run = new PlaybackPage(editor);
      await editor.clickEmpty();
      await run.stepUntilInFlight(1);
      // The request and reply colours of the legend, in this theme.
      const colors = colorScheme === 'dark' ? ['#60a5fa', '#4ade80'] : undefined;
      const [mark] = await run.marks(colors);
      await editor.page.mouse.click(mark!.x, mark!.y);
      await expect(run.envelope.locator('[data-field="id"]')).toBeVisible();
      expect(await violations(editor.page, '.envelope-dock'), 'message details').toEqual([]);
      await editor.page.getByRole('button', { name: /^Legend/ }).click();
      await expect(editor.page.locator('.legend-dock.is-open')).toBeVisible();
      expect(await violations(editor.page, '.legend-dock'), 'legend').toEqual([]);
      // The run bar and the canvas while paused mid-run (queue depths, waiting badges).
      expect(await violations(editor.page, '.runbar'), 'run bar').toEqual([]);
    });
  });
