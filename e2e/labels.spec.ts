import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import type { EditorPage } from './pages/EditorPage';
import { SharePage } from './pages/SharePage';

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

/**
 * Every edge whose drawn path runs through a service card or note it doesn't connect, as
 * "edge through card" (the path sampled every few pixels, a card counted from 2 px inside its border).
 */
async function edgeCrossings(editor: EditorPage): Promise<string[]> {
  return editor.page.evaluate(() => {
    const store = (window as unknown as { __microsim: { store: { getState(): { diagram: Diagram } } } })
      .__microsim.store;
    type Diagram = { edges: { id: string; from: string; to: string }[] };
    const ends = new Map(store.getState().diagram.edges.map((e) => [e.id, [e.from, e.to]]));
    const cards = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((el) => ({
      id: el.dataset.id ?? '?',
      r: el.getBoundingClientRect(),
    }));
    const out = new Set<string>();
    for (const g of document.querySelectorAll<SVGGElement>('.react-flow__edge')) {
      const id = g.dataset.id ?? g.getAttribute('data-id') ?? '';
      const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path');
      const matrix = path?.getScreenCTM();
      if (!path || !matrix) continue;
      const length = path.getTotalLength();
      for (let at = 0; at <= length; at += 3) {
        const p = new DOMPoint(path.getPointAtLength(at).x, path.getPointAtLength(at).y).matrixTransform(
          matrix,
        );
        for (const c of cards) {
          if (ends.get(id)?.includes(c.id)) continue;
          const inside = p.x > c.r.x + 2 && p.x < c.r.right - 2 && p.y > c.r.y + 2 && p.y < c.r.bottom - 2;
          if (inside) out.add(`${id} through ${c.id}`);
        }
      }
    }
    return [...out];
  });
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

for (const example of EXAMPLES)
  test(`${example}: edges go round the cards they don't connect, before and after Tidy up`, async ({
    editor,
  }) => {
    await openExample(editor, example);
    expect(await edgeCrossings(editor)).toEqual([]);
    await editor.command('tidy').click();
    await editor.settled();
    expect(await edgeCrossings(editor)).toEqual([]);
  });

test('an edge drawn past a card goes round it, its label off the cards, and a picture draws the same path', async ({
  editor,
}) => {
  // Web Client, API Gateway and Order Service stand in a row: a call from the client straight to
  // the order service would cross the gateway.
  const id = await editor.connect('client', 'orders');
  await editor.page.keyboard.press('Escape');
  await editor.settled();
  await expect(editor.page.locator(`[data-id="${id}"] path.react-flow__edge-path`)).toHaveCount(1);
  expect(await edgeCrossings(editor)).toEqual([]);
  expect(await labelCollisions(editor)).toEqual([]);
  // The exported picture draws the same path.
  const drawn = await editor.page.locator(`[data-id="${id}"] path.react-flow__edge-path`).getAttribute('d');
  const share = new SharePage(editor);
  await share.openShare();
  const svg = readFileSync(await (await share.download('export-svg')).path(), 'utf8');
  expect(svg).toContain(`d="${drawn}"`);
});
