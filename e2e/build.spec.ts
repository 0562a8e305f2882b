import { expect, test } from './fixtures';
import { EDGE_KINDS, SERVICE_KINDS, type EditorPage } from './pages/EditorPage';

// Building a diagram: dropping services from the palette and connecting them with each edge kind.

/** Starts from an empty canvas, the way a person would: the New button. */
async function startEmpty(editor: EditorPage) {
  await editor.command('new').click();
  await expect(editor.canvas.locator('.react-flow__node')).toHaveCount(0);
  await editor.settled();
}

/** Drops one service on the left and `count` on the right; returns the source and the targets. */
async function dropFan(editor: EditorPage, count: number): Promise<{ source: string; targets: string[] }> {
  const source = await editor.dragFromPalette('service', { x: 0.3, y: 0.45 });
  const targets: string[] = [];
  for (let i = 0; i < count; i++)
    targets.push(await editor.dragFromPalette('service', { x: 0.7, y: 0.12 + i * 0.2 }));
  return { source, targets };
}

test.describe('palette', () => {
  test('drags each service kind onto the canvas where it is dropped', async ({ editor }) => {
    await startEmpty(editor);
    const ids: string[] = [];
    for (const [i, kind] of SERVICE_KINDS.entries()) {
      const at = { x: 0.26 + (i % 3) * 0.24, y: 0.3 + Math.floor(i / 3) * 0.35 };
      const id = await editor.dragFromPalette(kind, at);
      ids.push(id);
      const card = editor.serviceCard(id);
      await expect(card).toBeVisible();
      await expect(card).toHaveAttribute('data-kind', kind);
      // The new card sits under the pointer (within the snap grid), not at some fixed place.
      const c = await editor.center(editor.node(id));
      const drop = await editor.canvasPoint(at);
      expect(Math.abs(c.x - drop.x)).toBeLessThan(40);
      expect(Math.abs(c.y - drop.y)).toBeLessThan(40);
    }
    const d = await editor.diagram();
    expect(d.services.map((s) => s.kind)).toEqual([...SERVICE_KINDS]);
    // Names are unique by default.
    expect(new Set(d.services.map((s) => s.name)).size).toBe(SERVICE_KINDS.length);
  });

  test('gives a second service of a kind a numbered name', async ({ editor }) => {
    await startEmpty(editor);
    const a = await editor.dragFromPalette('service', { x: 0.3, y: 0.4 });
    const b = await editor.dragFromPalette('service', { x: 0.65, y: 0.4 });
    await expect(editor.serviceCard(a)).toContainText('Service');
    await expect(editor.serviceCard(b)).toContainText('Service 2');
  });

  test('drops a sticky note', async ({ editor }) => {
    const id = await editor.dragFromPalette('note', { x: 0.35, y: 0.8 });
    await expect(editor.page.getByTestId(`note-${id}`)).toBeVisible();
    await expect(editor.inspector.getByTestId('inspector-note')).toBeVisible();
  });
});

test.describe('connecting', () => {
  test('connects with each edge kind chosen in the kind picker, each with its own look', async ({
    editor,
  }) => {
    await startEmpty(editor);
    const { source, targets } = await dropFan(editor, 4);
    const edges: Record<string, string> = {};
    for (const [i, kind] of EDGE_KINDS.entries()) {
      const id = await editor.connect(source, targets[i]!);
      await expect(editor.kindPicker).toBeVisible();
      await editor.kindPicker.getByTestId(`pick-${kind}`).click();
      await expect(editor.kindPicker).toBeHidden();
      expect((await editor.edge(id)).kind).toBe(kind);
      await expect(editor.edgeLabel(id)).toHaveAttribute('data-kind', kind);
      edges[kind] = id;
    }
    await expectDistinctLooks(editor, edges);
  });

  test('connects with the default kind, set in the palette or with keys 1–4', async ({ editor }) => {
    await startEmpty(editor);
    const { source, targets } = await dropFan(editor, 4);
    const edges: Record<string, string> = {};
    for (const [i, kind] of EDGE_KINDS.entries()) {
      // Two by clicking the palette's "Connect as", two with the number shortcuts.
      await editor.clickEmpty();
      if (i % 2 === 0) await editor.page.getByTestId(`default-kind-${kind}`).click();
      else await editor.page.keyboard.press(String(i + 1));
      await expect(editor.page.getByTestId(`default-kind-${kind}`)).toHaveAttribute('aria-checked', 'true');
      const id = await editor.connect(source, targets[i]!);
      // The picker offers the default; Enter keeps it.
      await expect(editor.kindPicker.getByTestId(`pick-${kind}`)).toHaveAttribute('aria-checked', 'true');
      await editor.page.keyboard.press('Enter');
      await expect(editor.kindPicker).toBeHidden();
      expect((await editor.edge(id)).kind).toBe(kind);
      await expect(editor.edgeLabel(id)).toHaveAttribute('data-kind', kind);
      edges[kind] = id;
    }
    await expectDistinctLooks(editor, edges);
  });

  test('a number key in the open picker switches the new edge, Escape keeps the default', async ({
    editor,
  }) => {
    const first = await editor.connect('inventory', 'email');
    await expect(editor.kindPicker).toBeVisible();
    await editor.page.keyboard.press('3');
    await expect(editor.kindPicker).toBeHidden();
    await expect(editor.edgeLabel(first)).toHaveAttribute('data-kind', 'topic');

    const second = await editor.connect('payment', 'inventory');
    await editor.page.keyboard.press('Escape');
    await expect(editor.kindPicker).toBeHidden();
    await expect(editor.edgeLabel(second)).toHaveAttribute('data-kind', 'sync');
    await editor.page.keyboard.press('Control+z');
    expect(await editor.edgeIds()).not.toContain(second);
  });

  test('the picker says what a saga step from a service that is no orchestrator means', async ({
    editor,
  }) => {
    await editor.connect('inventory', 'email');
    const saga = editor.kindPicker.getByTestId('pick-saga');
    const note = editor.kindPicker.getByTestId('saga-note');
    await expect(note).toHaveText(
      'Inventory is no orchestrator: a step from it starts a choreographed chain.',
    );
    await expect(saga).toHaveAccessibleName('Saga step');
    await expect(saga).toHaveAccessibleDescription(/starts a choreographed chain/);
    await expect(editor.kindPicker).toBeInViewport({ ratio: 1 });
    // Still offered: the first step of a choreographed chain leaves a plain service.
    await saga.click();
    await expect(editor.kindPicker).toBeHidden();
    await expect(editor.edgeLabel((await editor.edgeIds()).at(-1)!)).toHaveAttribute('data-kind', 'saga');
  });

  test('a press a few pixels outside the drawn handle still starts a connection', async ({ editor }) => {
    const handle = await editor.node('inventory').locator('.react-flow__handle.source').boundingBox();
    expect(handle).not.toBeNull();
    // Outside the drawn dot (outward from the card, and below), well inside the hit area.
    const grab = { dx: handle!.width / 2 + 5, dy: 4 };
    const id = await editor.connect('inventory', 'email', grab);
    expect((await editor.edge(id)).from).toBe('inventory');
    expect((await editor.edge(id)).to).toBe('email');
  });

  test('the kind picker opens where the connection was dropped', async ({ editor }) => {
    const drop = await editor.center(editor.node('email').locator('.react-flow__handle.target'));
    await editor.connect('inventory', 'email');
    const box = await editor.kindPicker.boundingBox();
    expect(box).not.toBeNull();
    expect(Math.abs(box!.x - drop.x)).toBeLessThan(40);
    expect(Math.abs(box!.y - drop.y)).toBeLessThan(40);
  });

  test('typing a digit in the inspector while the picker is open types it', async ({ editor }) => {
    const id = await editor.connect('inventory', 'email');
    await expect(editor.kindPicker).toBeVisible();
    await editor.field('timeout').fill('');
    await editor.page.keyboard.type('2500');
    await expect.poll(async () => (await editor.edge(id)).timeoutMs).toBe(2500);
    expect((await editor.edge(id)).kind).toBe('sync');
  });

  test('clicking outside the picker closes it, keeping the default kind', async ({ editor }) => {
    const id = await editor.connect('inventory', 'email');
    await expect(editor.kindPicker).toBeVisible();
    await editor.clickEmpty();
    await expect(editor.kindPicker).toBeHidden();
    expect((await editor.edge(id)).kind).toBe('sync');
  });

  test('undoing a new connection closes its picker for good', async ({ editor }) => {
    await editor.connect('inventory', 'email');
    await expect(editor.kindPicker).toBeVisible();
    await editor.page.keyboard.press('Control+z');
    await expect(editor.kindPicker).toBeHidden();
    await editor.page.keyboard.press('2');
    await expect(editor.page.getByTestId('default-kind-queue')).toHaveAttribute('aria-checked', 'true');
  });

  test('the label says what the edge carries', async ({ editor }) => {
    await expect(editor.edgeLabel('e-client-gw')).toContainText('POST /orders');
    await expect(editor.edgeLabel('e-orders-inventory')).toHaveAttribute('data-kind', 'topic');
    const topic = String((await editor.edge('e-orders-inventory')).topic);
    await expect(editor.edgeLabel('e-orders-inventory')).toContainText(topic);
  });
});

async function expectDistinctLooks(editor: EditorPage, edges: Record<string, string>) {
  const looks = await Promise.all(EDGE_KINDS.map((k) => editor.edgeLook(edges[k]!)));
  const strokes = new Set(looks.map((l) => l.stroke));
  const dashes = new Set(looks.map((l) => l.dash));
  const markers = new Set(looks.map((l) => l.marker));
  expect(strokes.size, `stroke colours ${[...strokes].join(' | ')}`).toBe(EDGE_KINDS.length);
  expect(dashes.size, `dash patterns ${[...dashes].join(' | ')}`).toBe(EDGE_KINDS.length);
  expect(markers.size, 'end markers').toBe(EDGE_KINDS.length);
  // A sync call is a solid line; the asynchronous kinds are dashed.
  expect(looks[0]!.dash).toBe('none');
  for (const l of looks) expect(l.stroke).not.toMatch(/^(none|rgba\(0, 0, 0, 0\))$/);
}
