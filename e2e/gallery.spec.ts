import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';
import { PlaybackPage } from './pages/PlaybackPage';
import { openGallery } from './pages/scenarios';

/** The pattern gallery as a person uses it: open it, find an entry, open it, follow what to watch. */
const gallery = (editor: EditorPage) => editor.page.getByRole('dialog', { name: 'Gallery' });
const card = (editor: EditorPage) => editor.page.getByRole('region', { name: 'What to watch' });
const simTime = (editor: EditorPage) =>
  editor.page.evaluate(() => window.__microsim!.playback!.getSnapshot().now);

/** Opens an entry from the gallery (through the Examples dialog) and waits for its diagram to be on the canvas. */
async function openEntry(editor: EditorPage, id: string, title: string) {
  await openGallery(editor);
  await gallery(editor).getByTestId(`gallery-${id}`).click();
  await expect(gallery(editor)).toBeHidden();
  await expect(editor.page.getByTestId('diagram-title')).toHaveText(title);
  await expect(card(editor)).toBeVisible();
}

/** Presses each "what to watch" moment in turn: the run pauses there and what it names is selected. */
async function followWatch(editor: EditorPage, moments: { seconds: number; focus: string[] }[]) {
  const steps = card(editor).getByRole('listitem');
  await expect(steps).toHaveCount(moments.length);
  for (const [i, moment] of moments.entries()) {
    await steps.nth(i).getByRole('button').click();
    await expect.poll(() => simTime(editor)).toBe(moment.seconds * 1000);
    await expect(editor.page.getByTestId('playback-status')).not.toHaveText(/playing/i);
    await expect.poll(() => editor.selection()).toEqual(moment.focus);
  }
}

test('a gallery entry replaces the diagram undoably; its moments seek the run; its claim is shown', async ({
  editor,
}) => {
  await openEntry(editor, 'down-then-breaker', 'A service goes down: fail fast');
  expect(await editor.serviceIds()).toEqual(['client', 'gateway', 'order', 'payment']);
  await expect(card(editor).getByTestId('watch-claim')).toContainText('no checkout succeeds');
  await followWatch(editor, [
    { seconds: 9, focus: ['client'] },
    { seconds: 11, focus: ['e-order-payment'] },
    { seconds: 25, focus: ['e-order-payment'] },
    { seconds: 45, focus: ['payment'] },
  ]);
  // The Checkout example the person had comes back with Undo, and the card goes with the entry.
  await editor.page.keyboard.press('Escape');
  await editor.command('undo').click();
  await expect(editor.page.getByTestId('diagram-title')).toHaveText('Checkout');
  await expect(card(editor)).toHaveCount(0);
});

test('search and tags narrow the gallery; the shortcut G opens it', async ({ editor }) => {
  await editor.page.keyboard.press('g');
  await expect(gallery(editor)).toBeVisible();
  const entries = gallery(editor)
    .locator('[data-testid^="gallery-"]')
    .filter({ has: editor.page.locator('strong') });
  const all = await entries.count();
  expect(all).toBeGreaterThanOrEqual(13);
  // The saga tag keeps the two saga entries: orchestrated and choreographed.
  await gallery(editor).getByRole('button', { name: 'saga', exact: true }).click();
  await expect(entries).toHaveCount(2);
  await expect(gallery(editor).getByTestId('gallery-orchestrated-saga')).toBeVisible();
  await expect(gallery(editor).getByTestId('gallery-choreographed-saga')).toBeVisible();
  await gallery(editor).getByRole('button', { name: 'saga', exact: true }).click();
  await gallery(editor).getByRole('searchbox', { name: 'Search the gallery' }).fill('dead-letter');
  await expect(gallery(editor).getByTestId('gallery-poison-messages')).toBeVisible();
  await expect(entries).not.toHaveCount(all);
});

test('two more entries: follow their moments', async ({ editor }) => {
  await openEntry(editor, 'queue-backlog', 'A queue that can’t keep up');
  await followWatch(editor, [
    { seconds: 5, focus: ['e-uploads-reports'] },
    { seconds: 30, focus: ['e-uploads-reports'] },
    { seconds: 59, focus: ['reports'] },
  ]);
  await editor.page.keyboard.press('Escape');
  await openEntry(editor, 'orchestrated-saga', 'Orchestrated saga: undo in reverse');
  await followWatch(editor, [
    { seconds: 1, focus: ['orchestrator'] },
    { seconds: 12, focus: ['s-3'] },
    { seconds: 50, focus: [] },
  ]);
  await expect(card(editor).getByTestId('watch-claim')).toContainText('steps 2 and then 1 are compensated');
});

test('the choreographed saga: each moment shows what its step describes', async ({ editor }) => {
  const run = new PlaybackPage(editor);
  const page = editor.page;
  await openEntry(editor, 'choreographed-saga', 'Choreographed saga: events, no orchestrator');
  const steps = card(editor).getByRole('listitem');
  await expect(steps).toHaveCount(3);
  const jump = async (i: number, seconds: number, focus: string[]) => {
    await steps.nth(i).getByRole('button').click();
    await expect.poll(() => simTime(editor)).toBe(seconds * 1000);
    await expect(run.status).not.toHaveText(/playing/i);
    await expect.poll(() => editor.selection()).toEqual(focus);
  };

  // 1 s: "OrderPlaced reaches Payment and Inventory at the same moment": both reactions are the
  // saga's step 1, and the first order has had both (or is still having them).
  await jump(0, 1, ['c-charge', 'c-reserve']);
  await expect(page.getByTestId('edge-label-c-charge')).toContainText('ChargeCard');
  await expect(page.getByTestId('edge-label-c-reserve')).toContainText('ReserveItems');
  await run.until('an order had both reactions', (r) =>
    r.sagas.some(
      (s) =>
        s.completedEdges.includes('c-reserve') &&
        (s.completedEdges.includes('c-charge') || s.failedStep === 1),
    ),
  );

  // 15 s: "A declined card: the failure goes back to Orders, then ReleaseItems to Inventory": orders
  // whose payment failed have had Inventory's reservation, and only it, undone (nothing refunded).
  await jump(1, 15, ['c-charge', 'inventory']);
  const at15 = await run.until('a declined card was compensated', (r) =>
    r.sagas.some((s) => s.status === 'compensated'),
  );
  for (const s of at15.sagas.filter((x) => x.status === 'compensated'))
    expect(s).toMatchObject({
      failedStep: 1,
      completedEdges: ['c-reserve'],
      compensatedEdges: ['c-reserve'],
    });

  // 55 s: "Open Metrics (M): sagas completed and compensated, none stuck."
  await jump(2, 55, []);
  await page.keyboard.press('m');
  const saga = page.getByTestId('metrics-row-saga-order');
  await expect(saga).toBeVisible();
  await saga.getByRole('button', { expanded: false }).click();
  const summary = saga.getByTestId('chart-saga-order-instances-summary');
  const said = (label: string) => new RegExp(`${label} [\\d.]+/s now, lowest [^,]+, highest ([\\d.]+)/s`);
  await expect(summary).toHaveText(said('completed'));
  const text = (await summary.textContent()) ?? '';
  expect(Number(said('completed').exec(text)?.[1])).toBeGreaterThan(0);
  expect(Number(said('compensated').exec(text)?.[1])).toBeGreaterThan(0);
  expect(said('stuck').exec(text)?.[1]).toBe('0');
  const end = await run.run();
  expect(end.sagas.some((s) => s.status === 'completed')).toBe(true);
  expect(end.sagas.some((s) => s.status === 'stuck')).toBe(false);
});
