import { expect, test } from './fixtures';
import { EXAMPLE, STORAGE_KEY, type EditorPage } from './pages/EditorPage';

/** Every key in local storage whose value is exactly `raw`, other than the autosave key. */
async function keysHolding(editor: EditorPage, raw: string): Promise<string[]> {
  return editor.page.evaluate(
    ({ raw, current }) =>
      Object.keys(localStorage).filter((k) => k !== current && localStorage.getItem(k) === raw),
    { raw, current: STORAGE_KEY },
  );
}

/** Puts `raw` where the autosave lives, as if an older session or another tool had left it there. */
async function reloadWithStored(editor: EditorPage, raw: string) {
  await editor.putInStorageWhileAway(STORAGE_KEY, raw);
  await editor.open();
}

test('edits survive a reload: services, edges, names, settings and the viewport', async ({ editor }) => {
  const added = await editor.dragFromPalette('database', { x: 0.45, y: 0.85 });
  const edge = await editor.connect('orders', added);
  await editor.kindPicker.getByTestId('pick-queue').click();
  await editor.serviceCard(added).dblclick();
  await editor.renameInput.fill('Orders DB');
  await editor.renameInput.press('Enter');
  await editor.node('payment').click();
  await editor.field('replicas').fill('4');
  await editor.clickEmpty();
  await editor.field('diagram-name').fill('My checkout');
  await editor.dragNode('email', 80, 40);
  await editor.pan({ x: 0.6, y: 0.96 }, 120, -70);
  await editor.settled();

  const before = await editor.state();
  const shownBefore = await editor.viewportTransform();
  expect(before.diagram.viewport).toBeDefined();
  await editor.waitForAutosave();

  await editor.page.reload();
  await editor.ready();
  const after = await editor.state();

  expect(after.diagram).toEqual(before.diagram);
  await expect(editor.serviceCard(added)).toContainText('Orders DB');
  await expect(editor.edgeLabel(edge)).toHaveAttribute('data-kind', 'queue');
  await expect(editor.serviceCard('payment')).toContainText('4×');
  await expect(editor.page.getByTestId('diagram-title')).toHaveText('My checkout');
  const shownAfter = await editor.viewportTransform();
  expect(shownAfter.x).toBeCloseTo(shownBefore.x, 0);
  expect(shownAfter.y).toBeCloseTo(shownBefore.y, 0);
  expect(shownAfter.zoom).toBeCloseTo(shownBefore.zoom, 3);
  // No warnings: it was a clean restore.
  await expect(editor.page.getByTestId('notice-warning')).toHaveCount(0);
});

test('a deleted example stays deleted after a reload (the example is only for first visits)', async ({
  editor,
}) => {
  await editor.command('new').click();
  await expect(editor.canvas.locator('.react-flow__node')).toHaveCount(0);
  await editor.waitForAutosave();
  await editor.page.reload();
  await editor.ready();
  await expect(editor.canvas.locator('.react-flow__node')).toHaveCount(0);
  expect((await editor.diagram()).services).toEqual([]);
});

test('corrupt storage: a clear warning, a fresh start, and the data kept aside', async ({ editor }) => {
  const corrupt = '{nope';
  await reloadWithStored(editor, corrupt);

  const warning = editor.page.getByTestId('notice-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(/could not be read/i);
  await expect(warning).toContainText(/kept aside/i);
  expect(await editor.serviceIds()).toEqual(EXAMPLE.services);
  await expect(editor.serviceCard('orders')).toBeVisible();
  expect(await keysHolding(editor, corrupt)).not.toEqual([]);

  // Working on the fresh diagram overwrites the autosave, but not the copy kept aside.
  await editor.dragFromPalette('service', { x: 0.35, y: 0.85 });
  await editor.waitForAutosave();
  expect(await editor.stored()).not.toBe(corrupt);
  expect(await keysHolding(editor, corrupt)).not.toEqual([]);

  // The warning can be dismissed.
  await warning.getByRole('button', { name: 'Dismiss' }).click();
  await expect(warning).toHaveCount(0);
});

test('a diagram from a future version: says so, starts fresh, keeps the data aside', async ({ editor }) => {
  const future = JSON.stringify({
    version: 99,
    name: 'From the future',
    services: [{ id: 'x', name: 'Quantum Service', kind: 'teleporter' }],
    edges: [],
  });
  await reloadWithStored(editor, future);

  const warning = editor.page.getByTestId('notice-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(/newer|version 99/i);
  expect(await editor.serviceIds()).toEqual(EXAMPLE.services);
  await expect(editor.page.getByTestId('diagram-title')).toHaveText('Checkout');
  await expect(editor.page.getByText('Quantum Service')).toHaveCount(0);
  expect(await keysHolding(editor, future)).not.toEqual([]);
});

test('a diagram that breaks the rules says what is wrong and where', async ({ editor }) => {
  const broken = JSON.stringify({
    version: 1,
    services: [{ id: 'a', name: 'A' }],
    edges: [{ id: 'e1', kind: 'sync', from: 'a', to: 'pay' }],
  });
  await reloadWithStored(editor, broken);
  const warning = editor.page.getByTestId('notice-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('edges[0].to');
  await expect(warning).toContainText('"pay"');
  expect(await editor.serviceIds()).toEqual(EXAMPLE.services);
  expect(await keysHolding(editor, broken)).not.toEqual([]);
});

test('a save without its diagram key: says it is damaged, keeps the text aside, and edits do not overwrite it', async ({
  editor,
}) => {
  const missing = JSON.stringify({ format: 1, savedAt: 5, doc: { id: 'x1', origin: 'own', base: null } });
  await reloadWithStored(editor, missing);
  const warning = editor.page.getByTestId('notice-warning');
  await expect(warning).toContainText(/no diagram in it/);
  await expect(warning).toContainText(/kept aside/i);
  expect(await editor.serviceIds()).toEqual(EXAMPLE.services);
  await editor.dragFromPalette('service', { x: 0.35, y: 0.85 });
  await editor.waitForAutosave();
  expect(await keysHolding(editor, missing)).not.toEqual([]);
});

test('storage the browser blocks: said at once, said again on edits, and Share is one click away', async ({
  editor,
}) => {
  await editor.page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await editor.open();
  const notice = editor.page.getByRole('status', { name: 'Your browser blocks storage' });
  await expect(notice).toContainText(
    'This diagram will not survive a reload — share or export it to keep it',
  );
  expect(await editor.serviceIds()).toEqual(EXAMPLE.services);

  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await editor.dragFromPalette('service', { x: 0.35, y: 0.85 });
  await expect(notice).toBeVisible();

  await notice.getByRole('button', { name: 'Share & export' }).click();
  await expect(editor.page.getByTestId('share-dialog')).toBeVisible();
});

test('storage that is full: the person is told, nothing open or stored is lost', async ({ editor }) => {
  // A switch the test flips: while on, every write throws the browser's QuotaExceededError.
  await editor.page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if ((window as unknown as { storageFull?: boolean }).storageFull) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      setItem.call(this, key, value);
    };
  });
  await editor.open();
  const added = await editor.dragFromPalette('database', { x: 0.35, y: 0.85 });
  await editor.waitForAutosave();
  const saved = await editor.stored();

  await editor.page.evaluate(() => ((window as unknown as { storageFull: boolean }).storageFull = true));
  await editor.clickEmpty();
  await editor.field('diagram-name').fill('Too big to save');
  const warning = editor.page.getByRole('status', { name: 'Could not save on this device' });
  await expect(warning).toContainText(/storage for Microsim is full/);
  expect(await editor.stored()).toBe(saved);

  // Opening something else would drop the unsaved diagram: refused, and the diagram stays open.
  await editor.command('new').click();
  await expect(editor.page.getByTestId('notice-error')).toContainText(/could not be kept/);
  await expect(editor.page.getByTestId('diagram-title')).toHaveText('Too big to save');
  expect(await editor.serviceIds()).toContain(added);

  // Room again: the next edit saves everything and the warning goes.
  await editor.page.evaluate(() => ((window as unknown as { storageFull: boolean }).storageFull = false));
  await editor.field('diagram-name').fill('Saved after all');
  await editor.waitForAutosave();
  await expect(warning).toHaveCount(0);
  await editor.page.reload();
  await editor.ready();
  await expect(editor.page.getByTestId('diagram-title')).toHaveText('Saved after all');
  expect(await editor.serviceIds()).toContain(added);
});
