import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';
import { openGallery } from './pages/scenarios';
import { SharePage } from './pages/SharePage';

/**
 * Issue 15's "done when", as one workshop: a presenter builds a 3-scene deck from the examples (the
 * open Checkout, stopped early, and two gallery entries), and the deck survives a reload, a link and
 * a lost network; presented with the keyboard only, scene 1's run stops where it should, and the
 * presenter window follows the audience's. State is read from the page and window.__microsim.
 */

/** Scene 1 stops here: short, so a busy machine still sees the run reach it. */
const STOP_MS = 1_500;

async function buildDeck(editor: EditorPage): Promise<string[]> {
  const page = editor.page;
  const length = editor.inspector.getByLabel('Run length', { exact: false }).first();
  await length.fill(String(STOP_MS));
  await length.press('Enter');
  await expect.poll(async () => (await editor.diagram()).run.untilMs).toBe(STOP_MS);
  await length.blur();
  await page.keyboard.press('Shift+S');
  const scenes = page.getByRole('dialog', { name: 'Scenes' });
  await scenes.getByRole('button', { name: 'Add scene from current view' }).click();
  await scenes.getByRole('textbox', { name: 'Title of scene 1' }).fill('Checkout, healthy');
  await page.keyboard.press('Escape');
  await expect(scenes).toHaveCount(0);
  const gallery = await openGallery(editor);
  for (const title of ['A sync chain adds up', 'A service goes down: fail fast'])
    await gallery.getByRole('button', { name: `Add to deck: ${title}` }).click();
  await expect(gallery.getByRole('button', { name: /^Added to deck as scene 3: / })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(gallery).toHaveCount(0);
  return ['Checkout, healthy', 'A sync chain adds up', 'A service goes down: fail fast'];
}

const titlesOf = async (editor: EditorPage) => (await editor.diagram()).scenes.map((s) => s.title);

test('a 3-scene deck from the examples survives a reload, a link and a lost network, and presents with the keyboard', async ({
  editor,
  context,
}) => {
  const page = editor.page;
  const titles = await buildDeck(editor);
  expect(await titlesOf(editor)).toEqual(titles);

  // The deck is saved with the diagram: a reload keeps it.
  await page.reload();
  await editor.ready();
  await expect.poll(() => titlesOf(editor)).toEqual(titles);

  // A link round trip: someone opening the link gets the deck, scene for scene.
  const share = new SharePage(editor);
  await share.openShare();
  const link = await share.link();
  await share.closeDialogs();
  await page.goto('about:blank');
  await page.goto(link);
  await editor.ready();
  await expect.poll(() => titlesOf(editor)).toEqual(titles);

  // Keyboard only: present, scene 1's run plays and stops at its stop time, then waits.
  await page.keyboard.press('Shift+P');
  await expect(page.getByTestId('scene-counter')).toHaveText('Scene 1 of 3');
  await expect(page.getByTestId('scene-title')).toHaveText('Checkout, healthy');
  await expect(page.getByTestId('present-run')).toHaveText('1.5 s of 1.5 s · stopped here', {
    timeout: 60_000,
  });

  // The presenter window follows the audience's.
  const [presenter] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Presenter view' }).click(),
  ]);
  await expect(presenter.getByTestId('presenter-counter')).toHaveText('Scene 1 of 3');
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('scene-title')).toHaveText(titles[1]!);
  await expect(presenter.getByTestId('presenter-counter')).toHaveText('Scene 2 of 3');
  await expect(page.getByTestId('present-run')).toContainText('of 60.0 s');
  await page.keyboard.press('PageDown');
  await expect(presenter.getByTestId('presenter-counter')).toHaveText('Scene 3 of 3');
  await expect(presenter.getByTestId('presenter-next')).toContainText('end of the deck');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveCount(0);
  await presenter.close();

  // The network goes: the app reloads from its cache, with the deck, and presents it.
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === 'activated');
  await context.setOffline(true);
  await page.reload();
  await editor.ready();
  await expect.poll(() => titlesOf(editor)).toEqual(titles);
  await page.keyboard.press('Shift+P');
  await expect(page.getByTestId('scene-counter')).toHaveText('Scene 1 of 3');
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('scene-title')).toHaveText(titles[1]!);
  await page.keyboard.press('Escape');
  await context.setOffline(false);
});
