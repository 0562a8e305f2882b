import { expect, test } from './fixtures';

/**
 * A deck of scenes, as a presenter builds it (issue 15): capture the diagram as scenes, rename one,
 * reorder, delete and undo, then present the deck with the keyboard only, PageDown through it.
 */
test('build a deck in the Scenes dialog, then present it scene by scene with the keyboard', async ({
  editor,
}) => {
  const page = editor.page;
  await page.keyboard.press('Shift+S');
  const dialog = page.getByRole('dialog', { name: 'Scenes' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('scenes-empty')).toBeVisible();
  const add = dialog.getByRole('button', { name: 'Add scene from current view' });
  await add.click();
  await add.click();
  await add.click();
  const rows = dialog.getByTestId('scene-row');
  await expect(rows).toHaveCount(3);
  await dialog.getByRole('textbox', { name: 'Title of scene 1' }).fill('Healthy');
  await dialog.getByRole('textbox', { name: 'Narration of scene 1' }).fill('Orders flow.');
  await dialog.getByRole('textbox', { name: 'Title of scene 3' }).fill('Finale');
  await dialog.getByRole('button', { name: 'Move scene 3 up' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Title of scene 2' })).toHaveValue('Finale');
  await dialog.getByRole('button', { name: 'Delete scene 3' }).click();
  await expect(rows).toHaveCount(2);
  // Every change to the deck is undoable.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await editor.command('undo').click();
  await page.keyboard.press('Shift+S');
  await expect(rows).toHaveCount(3);
  await dialog.getByRole('button', { name: 'Present the deck' }).click();

  const presentation = page.getByTestId('presentation');
  await expect(presentation).toBeVisible();
  await expect(page.getByTestId('scene-counter')).toHaveText('Scene 1 of 3');
  await expect(page.getByTestId('scene-title')).toHaveText('Healthy');
  await expect(presentation).toContainText('Orders flow.');
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('scene-counter')).toHaveText('Scene 2 of 3');
  await expect(page.getByTestId('scene-title')).toHaveText('Finale');
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('scene-counter')).toHaveText('Scene 3 of 3');
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('scene-counter')).toHaveText('Scene 2 of 3');
  await page.keyboard.press('Escape');
  await expect(presentation).toHaveCount(0);
  // The deck is part of the diagram: it is still there after presenting.
  expect((await editor.diagram()).scenes.map((s) => s.title)).toEqual([
    'Healthy',
    'Finale',
    expect.any(String),
  ]);
});
