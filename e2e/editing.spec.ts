import { expect, test } from './fixtures';
import { EXAMPLE } from './pages/EditorPage';

// Changing a diagram: inspector, rename, undo/redo, delete, multi-select, clipboard, tidy up, new.

test.describe('inspector', () => {
  test('a valid value lands in the diagram; an invalid one shows why and does not', async ({ editor }) => {
    await editor.node('orders').click();
    await expect(editor.inspector.getByTestId('inspector-service')).toBeVisible();
    await expect(editor.field('name')).toHaveValue('Order Service');

    await editor.field('replicas').fill('3');
    await expect.poll(async () => (await editor.service('orders')).replicas).toBe(3);
    await expect(editor.serviceCard('orders')).toContainText('3×');

    await editor.field('replicas').fill('-5');
    await expect(editor.fieldError('replicas')).toBeVisible();
    await expect(editor.fieldError('replicas')).toContainText(/at least 1/);
    await expect(editor.field('replicas')).toHaveAttribute('aria-invalid', 'true');
    expect((await editor.service('orders')).replicas).toBe(3);

    await editor.field('concurrency').fill('2.5');
    await expect(editor.fieldError('concurrency')).toContainText(/whole number/);
    expect((await editor.service('orders')).concurrency).toBe(4);

    await editor.field('latency').fill('-5');
    await expect(editor.fieldError('latency')).toContainText(/negative/);
    await editor.field('latency').fill('40');
    await expect(editor.fieldError('latency')).toBeHidden();
    await expect.poll(async () => (await editor.service('orders')).latency.mean).toBe(40);

    await editor.field('error-rate').fill('5');
    await expect.poll(async () => (await editor.service('orders')).errorRate).toBeCloseTo(0.05);
    await editor.field('error-rate').fill('abc');
    await expect(editor.fieldError('error-rate')).toContainText(/number/);
    expect((await editor.service('orders')).errorRate).toBeCloseTo(0.05);
  });

  test('leaving an invalid field puts back the value the diagram has', async ({ editor }) => {
    await editor.node('payment').click();
    await editor.field('replicas').fill('0');
    await expect(editor.fieldError('replicas')).toBeVisible();
    await editor.field('concurrency').focus();
    await expect(editor.field('replicas')).toHaveValue('1');
    await expect(editor.fieldError('replicas')).toBeHidden();
  });

  test('an error rate over 100 % is refused with a message in the units typed', async ({ editor }) => {
    await editor.node('payment').click();
    await editor.field('error-rate').fill('150');
    await expect(editor.fieldError('error-rate')).toBeVisible();
    expect((await editor.service('payment')).errorRate).toBe(0);
    // The field is in %, so the reason must be too (not "between 0 and 1").
    await expect(editor.fieldError('error-rate')).toContainText('100');
  });

  test('edits an edge: timeout, retries, and its kind', async ({ editor }) => {
    await editor.selectEdge('e-gw-orders');
    await expect(editor.inspector.getByTestId('inspector-edge')).toBeVisible();
    await editor.field('timeout').fill('2500');
    await expect.poll(async () => (await editor.edge('e-gw-orders')).timeoutMs).toBe(2500);
    await editor.field('retries').fill('-1');
    await expect(editor.fieldError('retries')).toBeVisible();
    expect((await editor.edge('e-gw-orders')).retries).not.toBe(-1);
    await editor.field('message').fill('POST /v2/orders');
    await expect(editor.edgeLabel('e-gw-orders')).toContainText('POST /v2/orders');

    await editor.field('edge-kind').selectOption('queue');
    await expect(editor.edgeLabel('e-gw-orders')).toHaveAttribute('data-kind', 'queue');
    await expect(editor.field('channel')).toBeVisible();
    await editor.field('channel').fill('orders-in');
    await expect(editor.edgeLabel('e-gw-orders')).toContainText('orders-in');
  });

  test('typing in one field is one undo step', async ({ editor }) => {
    await editor.node('email').click();
    await editor.field('name').pressSequentially('X', { delay: 10 });
    await editor.field('name').press('End');
    await editor.field('name').pressSequentially('YZ', { delay: 10 });
    await expect.poll(async () => (await editor.service('email')).name).toMatch(/Z$/);
    await editor.command('undo').click();
    expect((await editor.service('email')).name).toBe('Email');
  });
});

test.describe('renaming', () => {
  test('double-click renames in place; Enter keeps, Escape cancels', async ({ editor }) => {
    await editor.serviceCard('payment').dblclick();
    await expect(editor.renameInput).toBeFocused();
    await editor.renameInput.fill('Billing');
    await editor.renameInput.press('Enter');
    await expect(editor.renameInput).toBeHidden();
    await expect(editor.serviceCard('payment')).toContainText('Billing');
    expect((await editor.service('payment')).name).toBe('Billing');

    await editor.serviceCard('payment').dblclick();
    await editor.renameInput.fill('Nope');
    await editor.renameInput.press('Escape');
    await expect(editor.renameInput).toBeHidden();
    expect((await editor.service('payment')).name).toBe('Billing');
  });

  test('edge names generated from the old name follow a rename, in one undo step; typed ones stay', async ({
    editor,
  }) => {
    const rename = async (id: string, name: string) => {
      await editor.serviceCard(id).dblclick();
      await editor.renameInput.fill(name);
      await editor.renameInput.press('Enter');
      await expect(editor.renameInput).toBeHidden();
    };
    const edge = await editor.connect('inventory', 'email');
    await editor.page.keyboard.press('Enter');
    await expect(editor.edgeLabel(edge)).toContainText('POST /email');

    await rename('email', 'Mailer');
    await expect(editor.edgeLabel(edge)).toContainText('POST /mailer');
    expect((await editor.edge(edge)).message).toBe('POST /mailer');
    await editor.clickEmpty();
    await editor.page.keyboard.press('Control+z');
    await expect(editor.serviceCard('email')).toContainText('Email');
    await expect(editor.edgeLabel(edge)).toContainText('POST /email');
    await editor.page.keyboard.press('Control+Shift+z');
    await expect(editor.edgeLabel(edge)).toContainText('POST /mailer');

    // A name the person typed is theirs: the next rename leaves it, as it leaves the example's own.
    await editor.selectEdge(edge);
    await editor.field('message').fill('Notify');
    await expect(editor.edgeLabel(edge)).toContainText('Notify');
    await rename('email', 'Postman');
    await expect(editor.serviceCard('email')).toContainText('Postman');
    await expect(editor.edgeLabel(edge)).toContainText('Notify');
    await rename('orders', 'Sales');
    expect((await editor.edge('e-orders-email')).topic).toBe('orders');
    expect((await editor.edge('e-orders-email')).message).toBe('OrderPlaced');
  });

  test('F2 renames the selected service', async ({ editor }) => {
    await editor.node('bank').click();
    await editor.page.keyboard.press('F2');
    await expect(editor.renameInput).toBeFocused();
    await editor.page.keyboard.type('Stripe');
    await editor.page.keyboard.press('Enter');
    expect((await editor.service('bank')).name).toBe('Stripe');
  });
});

test.describe('undo and redo', () => {
  test('undo and redo with the buttons and with the keys', async ({ editor }) => {
    await expect(editor.command('undo')).toBeDisabled();
    const id = await editor.dragFromPalette('database', { x: 0.35, y: 0.85 });
    await expect(editor.serviceCard(id)).toBeVisible();
    await expect(editor.command('undo')).toBeEnabled();

    await editor.command('undo').click();
    await expect(editor.serviceCard(id)).toHaveCount(0);
    await expect(editor.command('redo')).toBeEnabled();
    await editor.command('redo').click();
    await expect(editor.serviceCard(id)).toBeVisible();

    await editor.clickEmpty();
    await editor.page.keyboard.press('Control+z');
    await expect(editor.serviceCard(id)).toHaveCount(0);
    await editor.page.keyboard.press('Control+Shift+z');
    await expect(editor.serviceCard(id)).toBeVisible();
    await editor.page.keyboard.press('Control+z');
    await expect(editor.serviceCard(id)).toHaveCount(0);
    await editor.page.keyboard.press('Control+y');
    await expect(editor.serviceCard(id)).toBeVisible();
  });

  test('a drag is one undo step that puts the service back', async ({ editor }) => {
    const before = (await editor.service('email')).position;
    await editor.dragNode('email', 160, 60);
    await expect.poll(async () => (await editor.service('email')).position).not.toEqual(before);
    const { past } = await editor.state();
    await editor.page.keyboard.press('Control+z');
    await expect.poll(async () => (await editor.service('email')).position).toEqual(before);
    expect((await editor.state()).past).toBe(past - 1);
  });

  test('undo brings back a rename, an edit and a connection in reverse order', async ({ editor }) => {
    const edge = await editor.connect('inventory', 'email');
    await editor.page.keyboard.press('Enter');
    await editor.serviceCard('inventory').dblclick();
    await editor.renameInput.fill('Stock');
    await editor.renameInput.press('Enter');
    await editor.node('inventory').click();
    await editor.field('replicas').fill('5');
    await expect.poll(async () => (await editor.service('inventory')).replicas).toBe(5);

    await editor.clickEmpty();
    await editor.page.keyboard.press('Control+z');
    await expect.poll(async () => (await editor.service('inventory')).replicas).toBe(1);
    await editor.page.keyboard.press('Control+z');
    await expect(editor.serviceCard('inventory')).toContainText('Inventory');
    await editor.page.keyboard.press('Control+z');
    await expect(editor.edgeLabel(edge)).toHaveCount(0);
  });
});

test.describe('deleting and multi-select', () => {
  test('Delete removes the selected service with its edges', async ({ editor }) => {
    await editor.node('payment').click();
    await editor.page.keyboard.press('Delete');
    await expect(editor.serviceCard('payment')).toHaveCount(0);
    await expect(editor.edgeLabel('e-orders-payment')).toHaveCount(0);
    await expect(editor.edgeLabel('e-payment-bank')).toHaveCount(0);
    expect(await editor.serviceIds()).not.toContain('payment');
    await editor.page.keyboard.press('Control+z');
    await expect(editor.edgeLabel('e-payment-bank')).toBeVisible();
  });

  test('Backspace deletes a selected edge and leaves its services', async ({ editor }) => {
    await editor.selectEdge('e-orders-email');
    await expect(editor.inspector.getByTestId('inspector-edge')).toBeVisible();
    await editor.page.keyboard.press('Backspace');
    await expect(editor.edgeLabel('e-orders-email')).toHaveCount(0);
    await expect(editor.serviceCard('email')).toBeVisible();
    expect(await editor.edgeIds()).toHaveLength(EXAMPLE.edges.length - 1);
  });

  test('shift-click selects several; Delete removes them all in one undo step', async ({ editor }) => {
    await editor.node('inventory').click();
    await editor.node('email').click({ modifiers: ['Shift'] });
    await editor.node('bank').click({ modifiers: ['Shift'] });
    await expect.poll(async () => (await editor.selection()).sort()).toEqual(['bank', 'email', 'inventory']);
    await expect(editor.inspector).toContainText('3 items selected');
    await editor.page.keyboard.press('Delete');
    await expect(editor.canvas.locator('.react-flow__node[data-id]')).toHaveCount(
      EXAMPLE.services.length - 3 + 1,
    );
    expect(await editor.serviceIds()).toEqual(['client', 'gateway', 'orders', 'payment']);
    await editor.page.keyboard.press('Control+z');
    await expect.poll(() => editor.serviceIds()).toEqual(EXAMPLE.services);
  });

  test('a shift-drag box selects what it covers; Ctrl+D duplicates it with its inner edges', async ({
    editor,
  }) => {
    const inv = await editor.node('inventory').boundingBox();
    const email = await editor.node('email').boundingBox();
    if (!inv || !email) throw new Error('missing boxes');
    // A box around Inventory and Email only.
    await editor.boxSelect(
      { x: inv.x - 15, y: inv.y - 15 },
      { x: email.x + email.width + 15, y: email.y + email.height + 15 },
    );
    await expect
      .poll(async () => (await editor.selection()).filter((id) => EXAMPLE.services.includes(id)).sort())
      .toEqual(['email', 'inventory']);

    await editor.page.keyboard.press('Control+d');
    const d = await editor.diagram();
    expect(d.services).toHaveLength(EXAMPLE.services.length + 2);
    const copies = await editor.selection();
    expect(copies).toHaveLength(2);
    for (const id of copies) await expect(editor.serviceCard(id)).toBeVisible();
    expect(new Set(d.services.map((s) => s.name)).size).toBe(d.services.length);
  });

  test('dragging a multi-selection moves all of it, undone in one step', async ({ editor }) => {
    await editor.node('inventory').click();
    await editor.node('email').click({ modifiers: ['Shift'] });
    const before = await Promise.all(
      ['inventory', 'email', 'orders'].map(async (id) => (await editor.service(id)).position),
    );
    await editor.dragNode('email', 140, 40);
    await expect
      .poll(async () => (await editor.service('inventory')).position.x)
      .toBeGreaterThan(before[0]!.x);
    expect((await editor.service('email')).position.x).toBeGreaterThan(before[1]!.x);
    expect((await editor.service('orders')).position).toEqual(before[2]);
    await editor.page.keyboard.press('Control+z');
    await expect.poll(async () => (await editor.service('inventory')).position).toEqual(before[0]);
    expect((await editor.service('email')).position).toEqual(before[1]);
  });

  test('the multi-selection panel duplicates and deletes', async ({ editor }) => {
    await editor.node('payment').click();
    await editor.node('bank').click({ modifiers: ['Shift'] });
    await editor.inspector.getByRole('button', { name: 'Duplicate' }).click();
    await expect.poll(async () => (await editor.serviceIds()).length).toBe(EXAMPLE.services.length + 2);
    const copies = await editor.selection();
    const d = await editor.diagram();
    // The sync call between the two copies came along.
    expect(d.edges.some((e) => copies.includes(e.from) && copies.includes(e.to) && e.kind === 'sync')).toBe(
      true,
    );
    await editor.inspector.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => editor.serviceIds()).toEqual(EXAMPLE.services);
  });

  test('Ctrl+A selects everything', async ({ editor }) => {
    await editor.clickEmpty();
    await editor.page.keyboard.press('Control+a');
    await expect
      .poll(async () => (await editor.selection()).length)
      .toBe(EXAMPLE.services.length + EXAMPLE.edges.length + 1);
    await editor.page.keyboard.press('Escape');
    await expect.poll(() => editor.selection()).toEqual([]);
    await expect(editor.inspector.getByTestId('inspector-diagram')).toBeVisible();
  });
});

test.describe('clipboard', () => {
  test('copy and paste puts a renamed copy next to the original, twice', async ({ editor }) => {
    await editor.node('orders').click();
    await editor.page.keyboard.press('Control+c');
    await editor.page.keyboard.press('Control+v');
    await expect.poll(async () => (await editor.serviceIds()).length).toBe(EXAMPLE.services.length + 1);
    const [first] = await editor.selection();
    const original = await editor.service('orders');
    const copy = await editor.service(first!);
    expect(copy.name).not.toBe(original.name);
    expect(copy.name).toContain('Order Service');
    expect(copy.replicas).toBe(original.replicas);
    expect(copy.position.x).toBeGreaterThan(original.position.x);
    await expect(editor.serviceCard(first!)).toBeVisible();

    await editor.page.keyboard.press('Control+v');
    await expect.poll(async () => (await editor.serviceIds()).length).toBe(EXAMPLE.services.length + 2);
    const [second] = await editor.selection();
    expect((await editor.service(second!)).position).not.toEqual(copy.position);
  });
});

test.describe('layout and new diagram', () => {
  test('tidy up lays out left to right and is undoable', async ({ editor }) => {
    await editor.dragNode('email', -300, 120);
    await expect.poll(async () => (await editor.service('email')).position.y).toBeGreaterThan(420);
    const before = (await editor.diagram()).services.map((s) => s.position);

    await editor.command('tidy').click();
    await expect
      .poll(async () => (await editor.diagram()).services.map((s) => s.position))
      .not.toEqual(before);
    const tidy = await editor.diagram();
    const x = (id: string) => tidy.services.find((s) => s.id === id)!.position.x;
    // Left to right along the edges.
    for (const e of tidy.edges) expect(x(e.to), `${e.from} → ${e.to}`).toBeGreaterThan(x(e.from));
    await editor.settled();

    await editor.page.keyboard.press('Control+z');
    await expect.poll(async () => (await editor.diagram()).services.map((s) => s.position)).toEqual(before);
    await editor.page.keyboard.press('Shift+L');
    await expect
      .poll(async () => (await editor.diagram()).services.map((s) => s.position))
      .toEqual(tidy.services.map((s) => s.position));
  });

  test('New diagram clears the canvas and undo brings the old one back', async ({ editor }) => {
    await editor.command('new').click();
    await expect(editor.canvas.locator('.react-flow__node')).toHaveCount(0);
    await expect(editor.page.getByTestId('notice-info')).toBeVisible();
    expect((await editor.diagram()).services).toHaveLength(0);

    await editor.page.keyboard.press('Control+z');
    await expect(editor.serviceCard('orders')).toBeVisible();
    await expect(editor.page.getByTestId('diagram-title')).toHaveText('Checkout');
    expect(await editor.serviceIds()).toEqual(EXAMPLE.services);
    expect(await editor.edgeIds()).toEqual(EXAMPLE.edges);
  });

  test('opening an example from the Examples dialog replaces the diagram, undoably', async ({ editor }) => {
    await editor.command('new').click();
    await expect(editor.canvas.locator('.react-flow__node')).toHaveCount(0);
    await editor.page.getByTestId('open-examples').click();
    const dialog = editor.page.getByTestId('examples-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('example-checkout').click();
    await expect(dialog).toBeHidden();
    await expect(editor.serviceCard('orders')).toBeInViewport();
    expect(await editor.serviceIds()).toEqual(EXAMPLE.services);
    await editor.page.keyboard.press('Control+z');
    await expect(editor.canvas.locator('.react-flow__node')).toHaveCount(0);
  });

  test('N adds a sticky note', async ({ editor }) => {
    await editor.clickEmpty();
    await editor.page.keyboard.press('n');
    await expect(editor.canvas.locator('.note')).toHaveCount(2);
    await expect(editor.inspector.getByTestId('inspector-note')).toBeVisible();
  });
});
