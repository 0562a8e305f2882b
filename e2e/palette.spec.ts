import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';

/** Opens the command palette with the shortcut a person knows from VS Code, Linear and Figma. */
async function openPalette(editor: EditorPage) {
  await editor.page.keyboard.press('ControlOrMeta+k');
  const palette = editor.page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  const field = palette.getByRole('combobox');
  await expect(field).toBeFocused();
  return { palette, field };
}

/** The option the field points at (aria-activedescendant). */
async function activeOption(editor: EditorPage): Promise<string> {
  const field = editor.page.getByTestId('cmdk-input');
  const id = await field.getAttribute('aria-activedescendant');
  expect(id, 'an active option').toBeTruthy();
  const option = editor.page.locator(`[id="${id}"]`);
  await expect(option).toHaveAttribute('aria-selected', 'true');
  return (await option.locator('.cmdk__label').textContent()) ?? '';
}

test('Ctrl/⌘+K, type a command, Enter runs it', async ({ editor }) => {
  const { palette, field } = await openPalette(editor);
  // Every command is there, with its shortcut.
  await expect(palette.getByTestId('cmdk-command-undo')).toContainText(/Ctrl\+Z|⌘Z/);
  await field.fill('keyb sho');
  expect(await activeOption(editor)).toBe('Keyboard shortcuts');
  await editor.page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  const shortcuts = editor.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts).toBeVisible();
  // The palette lists itself among the shortcuts.
  await expect(shortcuts.locator('.shortcut', { hasText: 'Command palette' })).toContainText(/Ctrl\+K|⌘K/);
});

test('type a service name, Enter selects it and brings it into view', async ({ editor }) => {
  // Far away first, so bringing it into view has to move the view.
  await editor.pan({ x: 0.5, y: 0.97 }, 0, -850);
  await expect(editor.serviceCard('payment')).not.toBeInViewport();
  const { palette, field } = await openPalette(editor);
  await field.fill('paymnt');
  expect(await activeOption(editor)).toBe('Payment Service');
  await editor.page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect.poll(() => editor.selection()).toEqual(['payment']);
  await editor.settled();
  await expect(editor.serviceCard('payment')).toBeInViewport();
  // The card has the focus, so the keyboard acts on it next (F2 renames it).
  await expect(editor.node('payment')).toBeFocused();
});

test('an edge is found by its ends and its message; arrows move through the results', async ({ editor }) => {
  const { field } = await openPalette(editor);
  await field.fill('order pay');
  expect(await activeOption(editor)).toBe('Order Service → Payment Service');
  await field.fill('topic');
  // The command's name says "topic" itself; the topic edges follow it, found by their kind.
  expect(await activeOption(editor)).toBe('Connect as topic');
  await editor.page.keyboard.press('ArrowDown');
  expect(await activeOption(editor)).toBe('Order Service → Inventory');
  await editor.page.keyboard.press('ArrowUp');
  expect(await activeOption(editor)).toBe('Connect as topic');
  // Up from the first goes round to the last.
  await editor.page.keyboard.press('ArrowUp');
  await expect(editor.page.getByRole('option').last()).toHaveAttribute('aria-selected', 'true');
  await editor.page.keyboard.press('ArrowDown');
  await editor.page.keyboard.press('ArrowDown');
  await editor.page.keyboard.press('ArrowDown');
  expect(await activeOption(editor)).toBe('Order Service → Email');
  await editor.page.keyboard.press('Enter');
  await expect.poll(() => editor.selection()).toEqual(['e-orders-email']);
});

test('Escape closes the palette and gives the focus back; nothing matching says so', async ({ editor }) => {
  const share = editor.command('share');
  await share.focus();
  const { palette, field } = await openPalette(editor);
  await field.fill('zzzzqq');
  await expect(palette.getByRole('option')).toHaveCount(0);
  await expect(palette.getByRole('status')).toContainText('Nothing called “zzzzqq”');
  await editor.page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
  await expect(share).toBeFocused();
  // Ctrl/⌘+K from a text field works too, and pressed again closes the palette.
  await editor.node('payment').click();
  await editor.field('name').focus();
  await openPalette(editor);
  await editor.page.keyboard.press('ControlOrMeta+k');
  await expect(palette).toHaveCount(0);
  await expect(editor.field('name')).toBeFocused();
});

test('the palette at three sizes, light and dark, compared with its baselines', async ({ editor }) => {
  // Six pictures on a busy machine.
  test.setTimeout(180_000);
  const page = editor.page;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of [
      { width: 1440, height: 900 },
      { width: 1280, height: 720 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      const { palette, field } = await openPalette(editor);
      await field.fill('pa');
      await expect(palette.getByRole('option').first()).toBeVisible();
      // The palette fits the window: its field and first result are on screen.
      await expect(field).toBeInViewport({ ratio: 1 });
      // 1280 lays out as 1440 does: compared at the largest and the phone's.
      if (size.width !== 1280) {
        await page.evaluate(() => document.fonts.ready);
        await expect(page).toHaveScreenshot(`palette-${size.width}-${scheme}.png`);
      }
      await page.keyboard.press('Escape');
      await expect(palette).toHaveCount(0);
    }
  }
});
