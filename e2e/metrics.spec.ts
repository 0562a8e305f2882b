import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';

/** The Metrics panel, found as a screen reader finds it: the region named "Metrics". */
const panel = (editor: EditorPage) => editor.page.getByRole('region', { name: 'Metrics' });

test('the panel opens from the top bar, the M key and the command palette, and says why it is empty', async ({
  editor,
}) => {
  const page = editor.page;
  await expect(panel(editor)).toHaveCount(0);
  // The top bar's button.
  await page.getByTestId('metrics-toggle').click();
  await expect(panel(editor)).toBeVisible();
  await expect(page.getByTestId('metrics-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(panel(editor).getByTestId('metrics-empty')).toContainText('Nothing has run yet');
  await page.getByTestId('metrics-toggle').click();
  await expect(panel(editor)).toHaveCount(0);
  // The shortcut, with the focus on the canvas.
  await editor.clickEmpty();
  await page.keyboard.press('m');
  await expect(panel(editor)).toBeVisible();
  await page.keyboard.press('m');
  await expect(panel(editor)).toHaveCount(0);
  // The command palette.
  await page.keyboard.press('ControlOrMeta+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('metrics');
  await expect(palette.getByTestId('cmdk-command-metrics')).toContainText('M');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(panel(editor)).toBeVisible();
});

test('its open, folded and height state is remembered across a reload', async ({ editor }) => {
  const page = editor.page;
  await page.getByTestId('metrics-toggle').click();
  const handle = panel(editor).getByRole('separator', { name: 'Resize the metrics panel' });
  await expect(handle).toBeVisible();
  const before = (await panel(editor).boundingBox())!.height;
  // Keyboard-resizable: the arrow keys on the focused edge.
  await handle.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await panel(editor).boundingBox())!.height).toBeCloseTo(before + 48, -1);
  const height = Number(await handle.getAttribute('aria-valuenow'));
  await page.reload();
  await editor.ready();
  await expect(panel(editor)).toBeVisible();
  await expect(panel(editor).getByRole('separator')).toHaveAttribute('aria-valuenow', String(height));
  // Folded to its header, and still folded after a reload.
  await panel(editor).getByTestId('metrics-fold').click();
  await expect(panel(editor).getByTestId('metrics-body')).toHaveCount(0);
  await page.reload();
  await editor.ready();
  await expect(panel(editor).getByTestId('metrics-fold')).toHaveAttribute('aria-expanded', 'false');
  // Closed stays closed.
  await panel(editor).getByTestId('metrics-close').click();
  await page.reload();
  await editor.ready();
  await expect(panel(editor)).toHaveCount(0);
});

for (const colorScheme of ['light', 'dark'] as const)
  test(`axe finds no violation in the open panel, ${colorScheme} theme`, async ({ editor }) => {
    test.setTimeout(180_000);
    await editor.page.emulateMedia({ colorScheme });
    await editor.page.getByTestId('metrics-toggle').click();
    await expect(panel(editor).getByTestId('metrics-empty')).toBeVisible();
    const result = await new AxeBuilder({ page: editor.page })
      .include('[data-testid="metrics-panel"]')
      .options({ resultTypes: ['violations'] })
      .analyze();
    expect(result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))).toEqual(
      [],
    );
  });
