import type { Page } from '@playwright/test';
import { benchDiagram } from '../bench/canvasDiagram';
import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';

/**
 * A large diagram's view in motion is drawn on a canvas (src/canvas/motionDrawing): while a person
 * drags the view, the cards and edges are a drawing, and when they let go the real cards are back,
 * selectable and focusable as before.
 */

/** How many of the drawing's pixels are painted (not transparent), sampled on a grid. */
function paintedPixels(page: Page) {
  return page.getByTestId('motion-drawing').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.width === 0) return 0;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4 * 97) if (data[i]! > 0) painted++;
    return painted;
  });
}

/** Loads a 200-service diagram (over the drawn-motion threshold) and waits for its cards. */
async function loadLargeDiagram(editor: EditorPage) {
  const page = editor.page;
  await page.evaluate((d) => window.__microsim!.loadDiagram!(d as never), benchDiagram(200, 300));
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
  await editor.settled();
}

/**
 * Presses on the empty canvas at `from` and moves the pointer until the view is drawn: the drawing
 * takes over from the move's next frame. The pointer ends back at `from`, still pressed.
 */
async function pressAndMoveUntilDrawn(editor: EditorPage, from: { x: number; y: number }) {
  const page = editor.page;
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await expect(async () => {
    await page.mouse.move(from.x + 40, from.y + 30, { steps: 4 });
    await page.mouse.move(from.x, from.y, { steps: 4 });
    await expect(editor.canvas).toHaveClass(/is-drawn-moving/, { timeout: 500 });
  }).toPass();
}

test('a large diagram panned: drawn while it moves, its cards back when it stops', async ({ editor }) => {
  const page = editor.page;
  await loadLargeDiagram(editor);
  // A card, not its layer: the layer keeps its box while its content is skipped (content-visibility).
  const cards = page.locator('.react-flow__node-service').first();
  const from = await editor.emptyCanvasSpot();
  await pressAndMoveUntilDrawn(editor, from);
  await expect(cards).toBeHidden();
  await expect(page.getByTestId('motion-drawing')).toBeVisible();
  expect(await paintedPixels(page), 'the drawing shows the diagram').toBeGreaterThan(100);

  await page.mouse.move(from.x + 60, from.y + 60, { steps: 5 });
  await page.mouse.up();
  await expect(editor.canvas).not.toHaveClass(/is-drawn-moving/);
  await expect(cards).toBeVisible();
  await expect(page.getByTestId('motion-drawing')).toBeHidden();
  // The cards are the real ones again: one can be selected with a click.
  const card = page.locator('.react-flow__node-service').first();
  await card.click();
  await expect(card).toHaveClass(/selected/);
});

/** React Flow's view as its cards' layer shows it, the background's dot offset and the minimap's view box. */
function flowChrome(page: Page) {
  return page.evaluate(() => {
    const pattern = document.querySelector('.react-flow__background pattern');
    return {
      cards: getComputedStyle(document.querySelector('.react-flow__viewport')!).transform,
      dots: [pattern?.getAttribute('x'), pattern?.getAttribute('y'), pattern?.getAttribute('width')],
      minimap: document.querySelector('.react-flow__minimap-mask')?.getAttribute('d')?.replace(/\s+/g, ' '),
    };
  });
}

/** How far one `matrix(…)` transform is moved from another, in whole pixels. */
function shift(to: string, from: string) {
  const numbers = (m: string) =>
    m
      .slice(m.indexOf('(') + 1, -1)
      .split(',')
      .map(Number);
  const [a, b] = [numbers(to), numbers(from)];
  return [Math.round(a[4]! - b[4]!), Math.round(a[5]! - b[5]!)];
}

test('a large diagram panned: React Flow is handed the view once, where the move stops', async ({
  editor,
}) => {
  const page = editor.page;
  await loadLargeDiagram(editor);
  const from = await editor.emptyCanvasSpot();
  const before = await flowChrome(page);
  await pressAndMoveUntilDrawn(editor, from);
  const held = await flowChrome(page);
  await page.mouse.move(from.x + 70, from.y + 50, { steps: 5 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const moving = await flowChrome(page);
  // The cards' layer (hidden) stays where the drawing took over; the dots and the minimap follow.
  expect(moving.cards).toBe(held.cards);
  expect(moving.dots).not.toEqual(held.dots);
  expect(moving.minimap).not.toBe(held.minimap);
  await page.mouse.up();
  await expect(editor.canvas).not.toHaveClass(/is-drawn-moving/);
  const stopped = await flowChrome(page);
  // React Flow draws them where the move stopped: exactly where they were followed to.
  expect(shift(stopped.cards, before.cards)).toEqual([70, 50]);
  expect(stopped.dots).toEqual(moving.dots);
  expect(stopped.minimap).toBe(moving.minimap);
});

test('a small diagram panned keeps its cards in view throughout', async ({ editor }) => {
  const page = editor.page;
  const from = await editor.emptyCanvasSpot();
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 80, from.y + 40, { steps: 10 });
  // Two frames later a large diagram would be drawn by now; the Checkout example never is.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(editor.canvas).toHaveClass(/is-moving/);
  await expect(editor.canvas).not.toHaveClass(/is-drawn-moving/);
  await expect(page.locator('.react-flow__nodes')).toBeVisible();
  await page.mouse.up();
});
