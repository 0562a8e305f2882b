import type { Page } from '@playwright/test';
import { benchDiagram } from '../bench/canvasDiagram';
import { expect, test } from './fixtures';
import { PlaybackPage } from './pages/PlaybackPage';

/** The simulated time the store's run series reach, or -1 before the run sent any. */
const seriesEnd = (editor: { page: Page }) =>
  editor.page.evaluate(() => window.__microsim!.series()?.endMs ?? -1);

test('a large diagram panned while it plays: its figures wait for the view to stop, then catch up', async ({
  editor,
}) => {
  const page = editor.page;
  const run = new PlaybackPage(editor);
  // Over 150 cards, a large diagram: its run marks hold still while the view moves, and the engine
  // is asked for no run state until the view stops (src/store/markHold.ts).
  const diagram = benchDiagram(160, 240);
  await page.evaluate((d) => window.__microsim!.loadDiagram!(d as never), diagram);
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
  await run.button('play').click();
  await expect.poll(() => seriesEnd(editor), { timeout: 30_000 }).toBeGreaterThan(1_500);

  const from = await editor.emptyCanvasSpot();
  const viewBefore = await editor.viewportTransform();
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 40; i++) await page.mouse.move(from.x + Math.sin(i / 4) * 120, from.y + i * 2);
  await page.mouse.up();
  const stoppedAt = (await run.run()).now;
  expect((await editor.viewportTransform()).y, 'the view moved').not.toBe(viewBefore.y);

  // The run played on throughout, and once the view stops its figures catch up with it.
  await expect.poll(() => seriesEnd(editor), { timeout: 15_000 }).toBeGreaterThan(stoppedAt);
  expect((await run.run()).status).toBe('playing');
});
