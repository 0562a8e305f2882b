import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';

// What a person sees at the default view: readable names, labels clear of the cards and each other.

const EXAMPLES = ['checkout', 'order-saga', 'job-queue', 'choreography'];

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every label that overlaps a service card, a note or another label, as readable text. */
async function labelCollisions(editor: EditorPage): Promise<string[]> {
  const boxes = (selector: string) =>
    editor.canvas.locator(selector).evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        const id = el.getAttribute('data-testid') ?? el.closest('[data-id]')?.getAttribute('data-id') ?? '?';
        return { id, x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
  const labels = await boxes('.elabel');
  const cards = [...(await boxes('.svc')), ...(await boxes('.note'))];
  expect(labels.length).toBeGreaterThan(0);
  const out: string[] = [];
  for (const [i, l] of labels.entries()) {
    for (const c of cards) if (overlap(l, c)) out.push(`${l.id} on ${c.id}`);
    for (const o of labels.slice(i + 1)) if (overlap(l, o)) out.push(`${l.id} on ${o.id}`);
  }
  return out;
}

async function openExample(editor: EditorPage, id: string) {
  await editor.page.getByTestId('open-examples').click();
  await editor.page.getByTestId(`example-${id}`).click();
  await expect(editor.page.getByTestId('examples-dialog')).toBeHidden();
  await editor.settled();
}

for (const example of EXAMPLES)
  test(`${example}: no edge label on a card or another label, before and after Tidy up`, async ({
    editor,
  }) => {
    await openExample(editor, example);
    expect(await labelCollisions(editor)).toEqual([]);
    await editor.command('tidy').click();
    await editor.settled();
    expect(await labelCollisions(editor)).toEqual([]);
  });

test('the default fit shows the Checkout example with names of 12 px or more', async ({ editor }) => {
  const zoom = (await editor.viewportTransform()).zoom;
  const names = await editor.canvas
    .locator('.svc__name')
    .evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
  expect(names.length).toBe(7);
  for (const size of names) expect(size * zoom).toBeGreaterThanOrEqual(12);
  // Still the whole diagram.
  for (const id of ['client', 'bank', 'email'])
    await expect(editor.serviceCard(id)).toBeInViewport({ ratio: 0.99 });
});
