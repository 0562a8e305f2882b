import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';

/**
 * Presenting, as a presenter does it: with the keyboard (or a clicker, which sends the same keys)
 * only. The open diagram presented as one scene; the black screen; Esc gives the editor back with the
 * person's diagram and undo history untouched.
 */
const presentation = (editor: EditorPage) => editor.page.getByTestId('presentation');

/** The on-screen size of a service's name, in CSS pixels (font size × the canvas's zoom). */
async function nameSizeOnScreen(editor: EditorPage): Promise<number> {
  return editor.page.evaluate(() => {
    const name = document.querySelector('.present .svc__name');
    const viewport = document.querySelector('.present .react-flow__viewport');
    if (!name || !viewport) return 0;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    return parseFloat(getComputedStyle(name).fontSize) * zoom;
  });
}

test('Present with the keyboard only: full theme, play/pause, black screen, Esc gives the editor back', async ({
  editor,
}) => {
  const page = editor.page;
  const before = await editor.diagram();
  // The button a mouse user finds, by its accessible name.
  await expect(page.getByRole('button', { name: 'Present' })).toBeVisible();
  await page.keyboard.press('Shift+P');
  await expect(presentation(editor)).toBeVisible();
  await expect(page.getByTestId('scene-title')).toHaveText(before.name);
  await expect(page.getByTestId('scene-counter')).toHaveText('Scene 1 of 1');
  // The editor is gone: nothing to edit while a room watches.
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  // The run plays by itself once the camera is there.
  await expect(page.getByTestId('present-run')).toContainText('playing');
  // Readable from the back of a room: a name is 18 px or more at the presenting zoom.
  await expect.poll(() => nameSizeOnScreen(editor)).toBeGreaterThanOrEqual(18);
  // Space pauses, and plays again.
  await page.keyboard.press('Space');
  await expect(page.getByTestId('present-run')).toContainText('paused');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('present-run')).toContainText('playing');
  // B blacks the screen out and brings it back; so does '.'.
  await page.keyboard.press('b');
  await expect(page.getByTestId('black-screen')).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByTestId('black-screen')).toHaveCount(0);
  await page.keyboard.press('.');
  await expect(page.getByTestId('black-screen')).toBeVisible();
  await page.keyboard.press('.');
  await expect(page.getByTestId('black-screen')).toHaveCount(0);
  // Editing keys do nothing while presenting.
  await page.keyboard.press('Delete');
  await page.keyboard.press('Escape');
  await expect(presentation(editor)).toHaveCount(0);
  await expect(page.getByTestId('inspector')).toBeVisible();
  const after = await editor.diagram();
  expect(after.services.map((s) => s.id)).toEqual(before.services.map((s) => s.id));
  expect(after.run).toEqual(before.run);
  // Presenting was not an edit: nothing to undo.
  await expect(editor.command('undo')).toBeDisabled();
});

test('the Present button starts presenting; Leave ends it', async ({ editor }) => {
  const page = editor.page;
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(presentation(editor)).toBeVisible();
  await page.getByRole('button', { name: /Leave/ }).click();
  await expect(presentation(editor)).toHaveCount(0);
});

test('the spotlight: S walks the services, a click lights a service or an edge, the rest dims', async ({
  editor,
}, info) => {
  const page = editor.page;
  await page.setViewportSize({ width: 1440, height: 900 });
  const d = await editor.diagram();
  // The services in reading order: left to right, then top to bottom.
  const order = [...d.services].sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y);
  await page.keyboard.press('Shift+P');
  await expect(presentation(editor)).toBeVisible();
  const spot = page.getByTestId('present-spotlight');
  await expect(spot).toHaveText('');
  const dimmed = page.locator('.present .svc.is-path-off');
  await expect(dimmed).toHaveCount(0);
  // The keyboard: S spotlights the first service, S again the next.
  await page.keyboard.press('s');
  await expect(spot).toHaveText(`Spotlight: ${order[0]!.name}`);
  await expect(page.getByTestId(`service-${order[0]!.id}`)).toHaveClass(/is-path-on/);
  await page.keyboard.press('s');
  await expect(spot).toHaveText(`Spotlight: ${order[1]!.name}`);
  // A click on a service spotlights it: it and its neighbours stay lit, the rest dims, labels too.
  const lone = d.services.find((s) => d.edges.filter((e) => e.from === s.id || e.to === s.id).length === 1)!;
  await page.getByTestId(`service-${lone.id}`).click();
  await expect(spot).toHaveText(`Spotlight: ${lone.name}`);
  const near = new Set(
    d.edges.filter((e) => e.from === lone.id || e.to === lone.id).flatMap((e) => [e.from, e.to]),
  );
  await expect(dimmed).toHaveCount(d.services.length - near.size);
  const far = d.edges.find((e) => !near.has(e.from) || !near.has(e.to))!;
  await expect(page.getByTestId(`edge-label-${far.id}`)).toHaveClass(/is-path-off/);
  const body = await page.screenshot();
  await info.attach('present-spotlight', { body, contentType: 'image/png' });
  if (process.env.SHOTS_DIR)
    await page.screenshot({ path: `${process.env.SHOTS_DIR}/present-spotlight.png` });
  // The same service again turns it off; so does the empty canvas.
  await page.getByTestId(`service-${lone.id}`).click();
  await expect(spot).toHaveText('');
  await expect(dimmed).toHaveCount(0);
  // An edge's label lights the edge and its two services.
  await page.getByTestId(`edge-label-${far.id}`).click();
  await expect(spot).toContainText('Spotlight:');
  await expect(dimmed).toHaveCount(d.services.length - 2);
  await page.getByTestId('canvas').click({ position: { x: 8, y: 8 } });
  await expect(spot).toHaveText('');
  // The Keys button lists every key, the spotlight's too.
  await page.getByRole('button', { name: 'Keys' }).click();
  await expect(page.getByRole('group', { name: 'Presentation keys' })).toContainText(
    'spotlight the next service',
  );
  // Leaving gives the editor back unlit.
  await page.keyboard.press('s');
  await page.keyboard.press('Escape');
  await expect(presentation(editor)).toHaveCount(0);
  await expect(page.locator('.svc.is-path-off')).toHaveCount(0);
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`pictures, ${scheme}`, () => {
    test.use({ colorScheme: scheme });
    for (const size of [
      { width: 1920, height: 1080 },
      { width: 1440, height: 900 },
      { width: 1280, height: 720 },
      { width: 390, height: 844 },
    ]) {
      test(`presenting at ${size.width}×${size.height}`, async ({ editor }, info) => {
        const page = editor.page;
        await page.setViewportSize(size);
        await page.keyboard.press('Shift+P');
        await expect(presentation(editor)).toBeVisible();
        // Mid-run, with messages on the edges.
        await expect
          .poll(async () => Number((await page.getByTestId('present-run').textContent())?.split(' ')[0]), {
            timeout: 60_000,
          })
          .toBeGreaterThan(1);
        await page.keyboard.press('Space');
        await expect(page.getByTestId('present-run')).toContainText('paused');
        if (size.width >= 1280) expect(await nameSizeOnScreen(editor)).toBeGreaterThanOrEqual(18);
        const body = await page.screenshot();
        await info.attach(`present-${size.width}-${scheme}`, { body, contentType: 'image/png' });
        if (process.env.SHOTS_DIR)
          await page.screenshot({ path: `${process.env.SHOTS_DIR}/present-${size.width}-${scheme}.png` });
      });
    }
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`pictures with panels, ${scheme}`, () => {
    test.use({ colorScheme: scheme });
    for (const size of [
      { width: 1920, height: 1080 },
      { width: 1280, height: 720 },
    ]) {
      test(`presenting with the Metrics panel and the Event log at ${size.width}×${size.height}`, async ({
        editor,
      }, info) => {
        const page = editor.page;
        await page.setViewportSize(size);
        // Presented without a deck, the diagram shows the panels open in the editor.
        await page.keyboard.press('m');
        await page.keyboard.press('l');
        await page.keyboard.press('Shift+P');
        const docks = page.getByTestId('present-docks');
        await expect(docks.getByRole('region', { name: 'Metrics' })).toBeVisible();
        await expect(docks.getByRole('region', { name: 'Event log' })).toBeVisible();
        await expect
          .poll(async () => Number((await page.getByTestId('present-run').textContent())?.split(' ')[0]), {
            timeout: 60_000,
          })
          .toBeGreaterThan(2);
        await page.keyboard.press('Space');
        await expect(page.getByTestId('present-run')).toContainText('paused');
        expect(await nameSizeOnScreen(editor)).toBeGreaterThanOrEqual(18);
        // Nothing overlaps: caption, stage, docks and the bar stack down the screen.
        const boxes = await Promise.all(
          ['.present__caption', '.present__stage', '.present__docks', '.present__bar'].map((c) =>
            page.locator(c).boundingBox(),
          ),
        );
        for (let i = 1; i < boxes.length; i++)
          expect(boxes[i]!.y).toBeGreaterThanOrEqual(boxes[i - 1]!.y + boxes[i - 1]!.height - 1);
        expect(boxes[3]!.y + boxes[3]!.height).toBeLessThanOrEqual(size.height + 1);
        const body = await page.screenshot();
        await info.attach(`present-panels-${size.width}-${scheme}`, { body, contentType: 'image/png' });
        if (process.env.SHOTS_DIR)
          await page.screenshot({
            path: `${process.env.SHOTS_DIR}/present-panels-${size.width}-${scheme}.png`,
          });
      });
    }
  });
}

test('the presenter view follows the audience window, drives it, and either may close', async ({
  editor,
  context,
}) => {
  const page = editor.page;
  await page.keyboard.press('Shift+P');
  await expect(presentation(editor)).toBeVisible();
  const [presenter] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Presenter view' }).click(),
  ]);
  await expect(presenter.getByTestId('presenter-title')).toHaveText('Checkout');
  await expect(presenter.getByTestId('presenter-counter')).toHaveText('Scene 1 of 1');
  await expect(presenter.getByTestId('presenter-next')).toContainText('end of the deck');
  await expect(presenter.getByTestId('presenter-timer')).toHaveText(/^\d+:\d\d$/);
  // The clicker's key pressed in the presenter's window blacks out the audience's screen.
  await presenter.keyboard.press('b');
  await expect(page.getByTestId('black-screen')).toBeVisible();
  await expect(presenter.getByTestId('presenter-black')).toBeVisible();
  if (process.env.SHOTS_DIR) await presenter.screenshot({ path: `${process.env.SHOTS_DIR}/presenter.png` });
  await presenter.getByRole('button', { name: 'Black screen' }).click();
  await expect(page.getByTestId('black-screen')).toHaveCount(0);
  // Closing the presenter window leaves the presentation going.
  await presenter.close();
  await page.keyboard.press('b');
  await expect(page.getByTestId('black-screen')).toBeVisible();
  await page.keyboard.press('b');
  // A presenter window opened again finds the presentation; when it ends, the window says so.
  const [again] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Presenter view' }).click(),
  ]);
  await expect(again.getByTestId('presenter-title')).toHaveText('Checkout');
  await page.keyboard.press('Escape');
  await expect(presentation(editor)).toHaveCount(0);
  await expect(again.getByTestId('presenter-waiting')).toBeVisible();
});
