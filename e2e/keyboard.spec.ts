import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { EXAMPLE, type EditorPage } from './pages/EditorPage';

/** Presses Tab until `target` has focus; fails if it is not reached within `limit` presses. */
async function tabTo(editor: EditorPage, target: Locator, limit = 40): Promise<number> {
  for (let i = 1; i <= limit; i++) {
    await editor.page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return i;
  }
  throw new Error(`not reached with ${limit} presses of Tab`);
}

/** The focus ring an element draws: its outline, or a box shadow standing in for one. */
async function focusRing(l: Locator): Promise<{ outline: string; shadow: string }> {
  return l.evaluate((el) => {
    const cs = getComputedStyle(el);
    const outline =
      cs.outlineStyle === 'none' || cs.outlineWidth === '0px'
        ? 'none'
        : `${cs.outlineWidth} ${cs.outlineStyle} ${cs.outlineColor}`;
    return { outline, shadow: cs.boxShadow };
  });
}

async function expectVisibleFocus(l: Locator) {
  await expect(l).toBeFocused();
  const ring = await focusRing(l);
  expect(
    ring.outline !== 'none' || ring.shadow !== 'none',
    `focus ring on ${await l.getAttribute('data-testid')}`,
  ).toBe(true);
}

test('palette items are reached with Tab, show focus, and Enter adds a service', async ({ editor }) => {
  const client = editor.page.getByTestId('palette-client');
  const unfocused = await focusRing(client);
  await tabTo(editor, client);
  await expectVisibleFocus(client);
  expect(await focusRing(client)).not.toEqual(unfocused);

  const before = (await editor.serviceIds()).length;
  await editor.page.keyboard.press('Enter');
  await expect.poll(async () => (await editor.serviceIds()).length).toBe(before + 1);
  const added = (await editor.diagram()).services.at(-1)!;
  expect(added.kind).toBe('client');
  await expect(editor.serviceCard(added.id)).toBeVisible();
  // Enter pressed the button; it did not also start renaming the new (selected) service.
  await expect(editor.renameInput).toHaveCount(0);
});

test('services added from the palette with Enter each get their own free spot, in view', async ({
  editor,
}) => {
  const before = await editor.serviceIds();
  await tabTo(editor, editor.page.getByTestId('palette-client'));
  await editor.page.keyboard.press('Enter');
  await tabTo(editor, editor.page.getByTestId('palette-service'));
  await editor.page.keyboard.press('Enter');
  await editor.page.keyboard.press('Enter');
  await expect.poll(async () => (await editor.serviceIds()).length).toBe(before.length + 3);
  const ids = await editor.serviceIds();
  const boxes = [];
  for (const id of ids) {
    await expect(editor.serviceCard(id)).toBeVisible();
    boxes.push({ id, box: (await editor.serviceCard(id).boundingBox())! });
  }
  // No card on top of another: not the new ones on each other, nor on the example's.
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1))
      expect(overlap(a.box, b.box), `${a.id} and ${b.id} overlap`).toBe(false);
  for (const id of ids.slice(before.length))
    await expect(editor.serviceCard(id)).toBeInViewport({ ratio: 0.99 });
});

function overlap(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('Space presses a focused palette button, as it does any button', async ({ editor }) => {
  const gateway = editor.page.getByTestId('palette-gateway');
  await tabTo(editor, gateway);
  await editor.page.keyboard.press(' ');
  await expect.poll(async () => (await editor.diagram()).services.at(-1)?.kind).toBe('gateway');
});

test('the default edge kind is chosen from the keyboard', async ({ editor }) => {
  const topic = editor.page.getByTestId('default-kind-topic');
  await tabTo(editor, topic);
  await expectVisibleFocus(topic);
  await editor.page.keyboard.press('Enter');
  await expect(topic).toHaveAttribute('aria-checked', 'true');
  expect((await editor.state()).defaultEdgeKind).toBe('topic');
});

test('Tab reaches the services on the canvas; Space selects one for the inspector', async ({ editor }) => {
  const orders = editor.node('orders');
  await tabTo(editor, orders, 60);
  await expect(orders).toBeFocused();
  await editor.page.keyboard.press(' ');
  await expect.poll(() => editor.selection()).toEqual(['orders']);
  await expect(editor.inspector.getByTestId('inspector-service')).toBeVisible();
  await expect(editor.field('name')).toHaveValue('Order Service');
});

test('a service focused from the keyboard shows a focus ring', async ({ editor }) => {
  const orders = editor.node('orders');
  const card = editor.serviceCard('orders');
  const unfocused = await card.evaluate(
    (el) => getComputedStyle(el).boxShadow + getComputedStyle(el).borderColor,
  );
  await tabTo(editor, orders, 60);
  // Polled: the card's ring fades in (a CSS transition), so its first frame can still look unfocused.
  await expect
    .poll(async () => {
      const ring = await focusRing(orders);
      const cardNow = await card.evaluate(
        (el) => getComputedStyle(el).boxShadow + getComputedStyle(el).borderColor,
      );
      return ring.outline !== 'none' || ring.shadow !== 'none' || cardNow !== unfocused;
    })
    .toBe(true);
});

test('moving a service with the arrow keys is one undoable step', async ({ editor }) => {
  const orders = editor.node('orders');
  await tabTo(editor, orders, 60);
  await editor.page.keyboard.press(' ');
  const before = (await editor.service('orders')).position;
  await editor.page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await editor.service('orders')).position.x).toBeGreaterThan(before.x);
  await editor.page.keyboard.press('Control+z');
  await expect.poll(async () => (await editor.service('orders')).position).toEqual(before);
});

test('after renaming from the keyboard, focus goes back to the service', async ({ editor }) => {
  const orders = editor.node('orders');
  await tabTo(editor, orders, 60);
  await editor.page.keyboard.press('Enter');
  await expect(editor.renameInput).toBeFocused();
  await editor.page.keyboard.press('Escape');
  await expect(editor.renameInput).toHaveCount(0);
  await expect(orders).toBeFocused();
});

test('? opens the shortcuts; Escape closes them and shortcuts work again', async ({ editor }) => {
  await editor.clickEmpty();
  await editor.page.keyboard.press('?');
  const dialog = editor.page.getByTestId('shortcuts-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Undo');
  await expect(dialog.locator('kbd', { hasText: 'Ctrl+Z' })).toBeVisible();
  // Single-key shortcuts stay out of the way while the dialog is open.
  await editor.page.keyboard.press('n');
  expect((await editor.diagram()).notes).toHaveLength(1);
  await editor.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await editor.page.keyboard.press('n');
  await expect.poll(async () => (await editor.diagram()).notes.length).toBe(2);
});

test('shortcuts do not fire while typing in a field', async ({ editor }) => {
  await editor.node('orders').click();
  await editor.field('name').click();
  await editor.field('name').press('End');
  await editor.page.keyboard.type(' 2n');
  await editor.page.keyboard.press('Backspace');
  await expect.poll(async () => (await editor.service('orders')).name).toBe('Order Service 2');
  // No note from "n", no default-kind change from "2", no delete from Backspace.
  const st = await editor.state();
  expect(st.diagram.notes).toHaveLength(1);
  expect(st.defaultEdgeKind).toBe('sync');
  expect(st.diagram.services.map((s) => s.id)).toEqual(EXAMPLE.services);
});

test('a service is connected to another from the inspector, without dragging', async ({ editor }) => {
  const orders = editor.node('orders');
  await tabTo(editor, orders, 60);
  await editor.page.keyboard.press(' ');
  const before = await editor.edgeIds();
  await editor.inspector.getByTestId('connect-target').selectOption({ label: 'Email' });
  await editor.inspector.getByTestId('connect-kind').selectOption({ label: 'Queue' });
  await editor.inspector.getByTestId('connect-button').focus();
  await editor.page.keyboard.press('Enter');
  await expect.poll(async () => (await editor.edgeIds()).length).toBe(before.length + 1);
  const added = (await editor.diagram()).edges.find((e) => !before.includes(e.id))!;
  expect([added.from, added.to, added.kind]).toEqual(['orders', 'email', 'queue']);
  // The new edge is selected, so its settings are at hand.
  await expect.poll(() => editor.selection()).toEqual([added.id]);
  await expect(editor.edgeLabel(added.id)).toHaveAttribute('data-kind', 'queue');
});
