import { benchDiagram } from '../bench/canvasDiagram';
import { expect, test } from './fixtures';

/** A checklist remark's one-click fix, as a person uses it: click it, the remark goes; Undo brings it back. */
test('a missing circuit breaker is fixed in one click, and undone in one', async ({ editor }) => {
  await editor.page.keyboard.press('g');
  await editor.page.getByRole('dialog', { name: 'Gallery' }).getByTestId('gallery-slow-dependency').click();
  await expect(editor.page.getByTestId('diagram-title')).toHaveText('One slow dependency slows them all');
  await editor.clickEmpty();
  const advisor = editor.inspector.getByTestId('advisor');
  const remark = advisor.getByRole('listitem').filter({ hasText: 'has no circuit breaker' });
  await expect(remark).toHaveCount(1);
  await remark.getByRole('button', { name: 'Add a circuit breaker' }).click();
  await expect(remark).toHaveCount(0);
  expect((await editor.edge('e-payment-bank')) as unknown).toMatchObject({ breaker: { enabled: true } });
  await editor.command('undo').click();
  await expect(remark).toHaveCount(1);
  expect((await editor.edge('e-payment-bank')) as unknown).toMatchObject({ breaker: { enabled: false } });
});

/** The report card counts the checklist items met, and follows the diagram as fixes apply and undo. */
test('the report card counts the items met, and follows a fix and its undo', async ({ editor }) => {
  await editor.page.keyboard.press('g');
  await editor.page.getByRole('dialog', { name: 'Gallery' }).getByTestId('gallery-queue-backlog').click();
  await expect(editor.page.getByTestId('diagram-title')).toHaveText('A queue that can’t keep up');
  await editor.clickEmpty();
  const card = editor.inspector.getByTestId('report-card');
  await expect(card.locator('summary')).toHaveText('Checklist: 8 of 10 items met');
  await card.locator('summary').click();
  const queues = card.getByRole('button', { name: /Queue depth is watched and consumers keep up/ });
  await expect(queues).toContainText('(2 remarks)');
  const advisor = editor.inspector.getByTestId('advisor');
  await advisor.getByRole('button', { name: 'Make Report worker idempotent' }).click();
  await expect(card.locator('summary')).toHaveText('Checklist: 9 of 10 items met');
  // The queue item's two remarks: the depth breakpoint and the replicas, each one click.
  await advisor.getByRole('button', { name: 'Pause when deeper than 10' }).click();
  await expect(queues).toContainText('(1 remark)');
  await advisor.getByRole('button', { name: 'Give Report worker 2 replicas' }).click();
  await expect(card.locator('summary')).toHaveText('Checklist: 10 of 10 items met');
  expect(await editor.service('reports')).toMatchObject({ replicas: 2 });
  await editor.command('undo').click();
  await expect(card.locator('summary')).toHaveText('Checklist: 9 of 10 items met');
  expect(await editor.service('reports')).toMatchObject({ replicas: 1 });
  // An unmet item selects what its remarks are about.
  await queues.click();
  await expect.poll(() => editor.selection()).toEqual(['e-uploads-reports', 'reports']);
});

/** A remark of the diagram's shape with a fix: a new client that sends nothing is connected in one click. */
test('a client that sends nothing is connected in one click, and undone in one', async ({ editor }) => {
  const edgesBefore = await editor.edgeIds();
  const added = await editor.dragFromPalette('client', { x: 0.6, y: 0.85 });
  await editor.clickEmpty();
  const advisor = editor.inspector.getByTestId('advisor');
  const remark = advisor.getByRole('listitem').filter({ hasText: 'sends nothing' });
  await expect(remark).toHaveCount(1);
  // Where the Checkout's own client sends: the API Gateway.
  await remark.getByRole('button', { name: 'Connect it to API Gateway' }).click();
  await expect(remark).toHaveCount(0);
  const edges = (await editor.diagram()).edges;
  expect(edges).toHaveLength(edgesBefore.length + 1);
  expect(edges.at(-1)).toMatchObject({ kind: 'sync', from: added, to: 'gateway' });
  await editor.command('undo').click();
  await expect(remark).toHaveCount(1);
  expect(await editor.edgeIds()).toEqual(edgesBefore);
});

/** A large diagram's remarks (hundreds) come 25 at a time: the count says how many, one click shows all. */
test('a large diagram shows its first 25 remarks and how many there are; one click shows them all', async ({
  editor,
}) => {
  const page = editor.page;
  await page.evaluate((d) => window.__microsim!.loadDiagram!(d as never), benchDiagram(160, 240));
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
  await editor.clickEmpty();
  const advisor = editor.inspector.getByTestId('advisor');
  await expect(advisor.getByRole('listitem')).toHaveCount(25);
  const more = editor.inspector.getByText(/^25 of [\d,]+ remarks shown\./);
  const total = Number((await more.textContent())!.match(/of ([\d,]+)/)![1]!.replace(/,/g, ''));
  expect(total).toBeGreaterThan(100);
  await editor.inspector.getByRole('button', { name: `Show all ${total.toLocaleString('en-US')}` }).click();
  await expect(advisor.getByRole('listitem')).toHaveCount(total);
  await expect(more).toHaveCount(0);
});
