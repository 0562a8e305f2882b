import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * axe (WCAG rules: contrast, names, roles) finds no violation in the presentation a room sees and in
 * the presenter's window, in both themes (issue 15).
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

    test('the presentation and the presenter view', async ({ editor, context }) => {
      const page = editor.page;
      await page.keyboard.press('Shift+P');
      const presentation = page.getByRole('region', { name: 'Presentation' });
      await expect(presentation).toBeVisible();
      // Paused, so the scan sees a still page.
      await expect(page.getByTestId('present-run')).toContainText('playing');
      await page.keyboard.press('Space');
      await expect(page.getByTestId('present-run')).toContainText('paused');
      expect(await violations(page, '[data-testid="presentation"]')).toEqual([]);
      const [presenter] = await Promise.all([
        context.waitForEvent('page'),
        page.getByRole('button', { name: 'Presenter view' }).click(),
      ]);
      await expect(presenter.getByTestId('presenter-title')).toHaveText('Checkout');
      expect(await violations(presenter)).toEqual([]);
    });
  });
