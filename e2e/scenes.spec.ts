import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { openGallery } from './pages/scenarios';

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

test('Export deck… downloads the deck; Import deck… adds a file’s scenes in one undo step, and says what is wrong with a broken one', async ({
  editor,
}) => {
  const page = editor.page;
  await page.keyboard.press('Shift+S');
  const dialog = page.getByRole('dialog', { name: 'Scenes' });
  await expect(dialog.getByRole('button', { name: 'Export deck…' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Add scene from current view' }).click();
  await dialog.getByRole('button', { name: 'Add scene from current view' }).click();
  await dialog.getByRole('textbox', { name: 'Title of scene 1' }).fill('Opening');
  await dialog.getByRole('textbox', { name: 'Title of scene 2' }).fill('Closing');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export deck…' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('checkout-deck.json');
  const file = readFileSync((await download.path())!, 'utf8');
  const deck = JSON.parse(file);
  expect(deck.scenes.map((s: { title: string }) => s.title)).toEqual(['Opening', 'Closing']);

  const importFile = async (name: string, text: string) => {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      dialog.getByRole('button', { name: 'Import deck…' }).click(),
    ]);
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  };
  const titles = async () => (await editor.diagram()).scenes.map((s) => s.title);

  // A broken file: a specific message, the deck as it was.
  const broken = structuredClone(deck);
  broken.scenes[1].diagram.edges[0].to = 'nowhere';
  await importFile('broken-deck.json', JSON.stringify(broken));
  const outcome = dialog.getByTestId('deck-import-outcome');
  await expect(outcome).toHaveAttribute('role', 'alert');
  await expect(outcome).toContainText('broken-deck.json: This deck file has one problem');
  await expect(outcome).toContainText('scenes[1].diagram.edges[0].to');
  await expect(outcome).toContainText('Your deck was not changed.');
  await importFile('truncated-deck.json', file.slice(0, 200));
  await expect(outcome).toContainText('not valid JSON');
  expect(await titles()).toEqual(['Opening', 'Closing']);

  // The good file: its scenes come after the deck's, the open diagram stays.
  const services = (await editor.diagram()).services.length;
  await importFile('checkout-deck.json', file);
  await expect(outcome).toContainText('Added 2 scenes from checkout-deck.json');
  await expect(dialog.getByTestId('scene-row')).toHaveCount(4);
  expect(await titles()).toEqual(['Opening', 'Closing', 'Opening', 'Closing']);
  expect((await editor.diagram()).services.length).toBe(services);
  // One undo takes the whole import out.
  await page.keyboard.press('Escape');
  await editor.command('undo').click();
  expect(await titles()).toEqual(['Opening', 'Closing']);
});

test('"Update" puts the current view in a scene (undoable); the gallery’s "Add to deck" adds an entry as a scene, the open diagram staying', async ({
  editor,
}) => {
  const page = editor.page;
  await page.keyboard.press('Shift+S');
  const dialog = page.getByRole('dialog', { name: 'Scenes' });
  await dialog.getByRole('button', { name: 'Add scene from current view' }).click();
  await dialog.getByRole('textbox', { name: 'Narration of scene 1' }).fill('Kept as it was.');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  const seedOf = async () => (await editor.diagram()).scenes[0]!.diagram.run.seed;
  const before = await seedOf();

  // The diagram changes after the scene was taken: a new seed.
  await page.getByTestId('seed-input').fill('4321');
  await page.getByTestId('seed-input').press('Enter');
  await expect.poll(async () => (await editor.diagram()).run.seed).toBe(4321);
  expect(await seedOf()).toBe(before);
  // Out of the field, so the shortcut is not typed into it.
  await page.getByTestId('seed-input').blur();
  await page.keyboard.press('Shift+S');
  await dialog.getByRole('button', { name: 'Update scene 1 from current view' }).click();
  await expect.poll(seedOf).toBe(4321);
  await expect(dialog.getByRole('textbox', { name: 'Narration of scene 1' })).toHaveValue('Kept as it was.');
  await page.keyboard.press('Escape');
  await editor.command('undo').click();
  await expect.poll(seedOf).toBe(before);

  // From the gallery: the entry becomes scene 2; the open diagram is still Checkout.
  const name = (await editor.diagram()).name;
  const gallery = await openGallery(editor);
  const add = gallery.getByRole('button', { name: /^Add to deck: / }).first();
  const title = (await add.getAttribute('aria-label'))!.replace('Add to deck: ', '');
  await add.click();
  await expect(gallery.getByRole('button', { name: `Added to deck as scene 2: ${title}` })).toBeVisible();
  const d = await editor.diagram();
  expect(d.name).toBe(name);
  expect(d.scenes.map((s) => s.title)).toEqual([expect.any(String), title]);
  expect(d.scenes[1]!.diagram.name).not.toBe(name);
  expect(d.scenes[1]!.narration.length).toBeGreaterThan(0);
  await page.keyboard.press('Escape');
  await expect(gallery).toHaveCount(0);
  // One undo step takes it out.
  await editor.command('undo').click();
  expect((await editor.diagram()).scenes).toHaveLength(1);
});

test('a scene keeps which panels are open: presenting shows them under the stage, leaving gives back your own', async ({
  editor,
}) => {
  const page = editor.page;
  const scenes = page.getByRole('dialog', { name: 'Scenes' });
  const add = scenes.getByRole('button', { name: 'Add scene from current view' });
  // Scene 1: the Metrics panel and the Trace tab open.
  await page.keyboard.press('m');
  await page.keyboard.press('Shift+T');
  await expect(page.getByRole('region', { name: 'Metrics' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Trace' })).toBeVisible();
  await page.keyboard.press('Shift+S');
  await add.click();
  await expect(scenes.getByTestId('scene-row').first()).toContainText('with Metrics and Trace');
  await page.keyboard.press('Escape');
  // Scene 2: no panel; then the person's own docks are the Event log alone.
  await page.keyboard.press('m');
  await page.keyboard.press('Shift+T');
  await expect(page.getByRole('region', { name: 'Metrics' })).toHaveCount(0);
  await page.keyboard.press('Shift+S');
  await add.click();
  await expect(scenes.getByTestId('scene-row').nth(1)).not.toContainText('with');
  await page.keyboard.press('Escape');
  await page.keyboard.press('l');
  await expect(page.getByRole('region', { name: 'Event log' })).toBeVisible();
  expect((await editor.diagram()).scenes.map((s) => s.panels ?? null)).toEqual([
    { metrics: true, log: 'trace' },
    null,
  ]);

  await page.keyboard.press('Shift+S');
  await scenes.getByRole('button', { name: 'Present the deck' }).click();
  const presentation = page.getByTestId('presentation');
  const docks = presentation.getByTestId('present-docks');
  await expect(docks.getByRole('region', { name: 'Metrics' })).toBeVisible();
  await expect(docks.getByRole('region', { name: 'Trace' })).toBeVisible();
  // The docks sit under the stage, not over it.
  const stage = await presentation.locator('.present__stage').boundingBox();
  const dock = await docks.boundingBox();
  expect(dock!.y).toBeGreaterThanOrEqual(stage!.y + stage!.height - 1);
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('scene-counter')).toHaveText('Scene 2 of 2');
  await expect(docks).toHaveCount(0);
  await page.keyboard.press('PageUp');
  await expect(docks.getByRole('region', { name: 'Metrics' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(presentation).toHaveCount(0);
  // The person's own docks, as they left them: the Event log, no Metrics panel.
  await expect(page.getByRole('region', { name: 'Event log' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Metrics' })).toHaveCount(0);
});
