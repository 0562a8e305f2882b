import { expect, test } from './fixtures';
import { EditorPage } from './pages/EditorPage';

/**
 * The first frame a person sees of a diagram has its edges, not only its cards: React Flow is given
 * each card's size and handles up front (src/canvas/toFlow.ts, `firstHandles`), so it need not
 * measure every card before it draws an edge. The handles given must be where React Flow then
 * measures them, or edges would jump a little once it has.
 */

interface FirstFrame {
  cards: number;
  edges: Record<string, string>;
  tallCards: string[];
}

declare global {
  interface Window {
    __firstFrame?: FirstFrame;
  }
}

/** Runs in the page before its scripts: records the DOM of the first frame that has cards in it. */
function recordFirstFrame() {
  const check = () => {
    const cards = document.querySelectorAll<HTMLElement>('.react-flow__node-service');
    if (cards.length === 0) {
      requestAnimationFrame(check);
      return;
    }
    const edges: Record<string, string> = {};
    for (const edge of document.querySelectorAll<SVGGElement>('.react-flow__edge')) {
      edges[edge.dataset.id ?? '?'] = edge.querySelector('path')?.getAttribute('d') ?? '';
    }
    // A card taller than the usual 64 px (a name on two lines) is measured before its edges sit right.
    const tallCards = [...cards].filter((c) => c.offsetHeight !== 64).map((c) => c.dataset.id ?? '?');
    window.__firstFrame = { cards: cards.length, edges, tallCards };
  };
  requestAnimationFrame(check);
}

/** The numbers of an SVG path, to compare two paths within a tolerance. */
const numbersOf = (path: string) => (path.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

test('the first frame with cards has every edge, where it stays once the cards are measured', async ({
  page,
}) => {
  await page.addInitScript(recordFirstFrame);
  await page.goto('/');
  const first = await page.waitForFunction(() => window.__firstFrame).then((h) => h.jsonValue());
  await new EditorPage(page).ready();
  const settled = await page
    .locator('.react-flow__edge')
    .evaluateAll((els) =>
      Object.fromEntries(
        els.map((el) => [
          (el as SVGGElement).dataset.id ?? '?',
          el.querySelector('path')?.getAttribute('d') ?? '',
        ]),
      ),
    );
  expect(first!.cards).toBe(7);
  expect(Object.keys(first!.edges).sort()).toEqual(Object.keys(settled).sort());
  // Edges between cards of the usual size start and end in the first frame where they stay.
  const edgeEnds = await page.evaluate(() =>
    window.__microsim!.store.getState().diagram.edges.map((e) => ({ id: e.id, from: e.from, to: e.to })),
  );
  const steady = edgeEnds.filter(
    (e) => !first!.tallCards.includes(e.from) && !first!.tallCards.includes(e.to),
  );
  expect(steady.length, 'edges between cards of the usual size').toBeGreaterThan(0);
  for (const edge of steady) {
    const before = numbersOf(first!.edges[edge.id]!);
    const after = numbersOf(settled[edge.id]!);
    expect(before.length, edge.id).toBe(after.length);
    before.forEach((n, i) =>
      expect(Math.abs(n - after[i]!), `${edge.id} ${first!.edges[edge.id]}`).toBeLessThan(0.01),
    );
  }
});
