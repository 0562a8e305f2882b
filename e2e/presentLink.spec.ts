import { expect, test } from './fixtures';
import { SharePage } from './pages/SharePage';

/**
 * A link that opens presenting (issue 15, Share's "Open in presenting mode"): a presenter builds a
 * deck, shares it with the option, and whoever opens the link sees the show on scene 1, not the
 * editor. Esc leaves to the editor with the link's diagram and its deck loaded.
 */
test('a deck shared with "Open in presenting mode" opens presenting on scene 1; Esc gives the editor', async ({
  editor,
}) => {
  const page = editor.page;
  await page.keyboard.press('Shift+S');
  const scenes = page.getByRole('dialog', { name: 'Scenes' });
  const add = scenes.getByRole('button', { name: 'Add scene from current view' });
  await add.click();
  await add.click();
  await scenes.getByRole('textbox', { name: 'Title of scene 1' }).fill('The happy path');
  await scenes.getByRole('textbox', { name: 'Title of scene 2' }).fill('Payment goes down');
  await page.keyboard.press('Escape');
  await expect(scenes).toHaveCount(0);

  const share = new SharePage(editor);
  await share.openShare();
  const plain = await share.link();
  const option = share.dialog.getByRole('checkbox', { name: /Open in presenting mode/ });
  await expect(option).toHaveAccessibleName('Open in presenting mode, from scene 1 of the deck');
  await option.check();
  // The option makes a different link.
  await expect.poll(() => share.link()).not.toBe(plain);
  const link = await share.link();
  expect(link).toContain('#m6.');
  await share.closeDialogs();

  // A fresh load of the link, as someone who was sent it.
  await page.goto('about:blank');
  await page.goto(link);
  const presentation = page.getByRole('region', { name: 'Presentation' });
  await expect(presentation).toBeVisible();
  await expect(page.getByTestId('scene-counter')).toHaveText('Scene 1 of 2');
  await expect(page.getByTestId('scene-title')).toHaveText('The happy path');
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('scene-title')).toHaveText('Payment goes down');

  await page.keyboard.press('Escape');
  await expect(presentation).toHaveCount(0);
  await expect(page.getByTestId('inspector')).toBeVisible();
  const opened = await editor.diagram();
  expect(opened.scenes.map((s) => s.title)).toEqual(['The happy path', 'Payment goes down']);
  // Opening a link is not an edit: nothing to undo.
  await expect(editor.command('undo')).toBeDisabled();
});

test('without a deck, the option presents the diagram as one scene', async ({ editor }) => {
  const page = editor.page;
  const name = (await editor.diagram()).name;
  const share = new SharePage(editor);
  await share.openShare();
  const option = share.dialog.getByRole('checkbox', { name: /Open in presenting mode/ });
  await expect(option).toHaveAccessibleName('Open in presenting mode (the diagram as one scene)');
  const plain = await share.link();
  await option.check();
  await expect.poll(() => share.link()).not.toBe(plain);
  const link = await share.link();
  await share.closeDialogs();

  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByRole('region', { name: 'Presentation' })).toBeVisible();
  await expect(page.getByTestId('scene-counter')).toHaveText('Scene 1 of 1');
  await expect(page.getByTestId('scene-title')).toHaveText(name);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inspector')).toBeVisible();
  expect((await editor.diagram()).name).toBe(name);
});

test('a link pasted while presenting ends the presentation and opens; a broken one changes nothing', async ({
  editor,
}) => {
  const page = editor.page;
  const share = new SharePage(editor);
  // A link to the diagram as it is now, then the diagram made the person's own.
  await share.openShare();
  const link = await share.link();
  await share.closeDialogs();
  await editor.field('diagram-name').fill('Mine, not the link');
  await editor.waitForAutosave();
  const mine = await editor.diagram();

  await page.getByRole('button', { name: 'Present' }).click();
  const presentation = page.getByRole('region', { name: 'Presentation' });
  await expect(presentation).toBeVisible();
  // A broken link: an error, and the presentation goes on.
  await share.pasteIntoAddressBar(`${link.slice(0, Math.floor(link.length * 0.6))}…`);
  await expect(share.notice('error')).toContainText('This link is incomplete');
  await expect(presentation).toBeVisible();
  // A good link: the presentation ends, the link's diagram opens, and the person's own (not the
  // scene shown) goes to Recent.
  await share.pasteIntoAddressBar(link);
  await expect(presentation).toHaveCount(0);
  await expect(page.getByTestId('inspector')).toBeVisible();
  await expect.poll(async () => (await editor.diagram()).name).not.toBe(mine.name);
  await expect(share.notice('success')).toContainText(`“${mine.name}”, is in Recent diagrams`);
});
