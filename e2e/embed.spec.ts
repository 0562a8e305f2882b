import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { EditorPage, EXAMPLE, type DiagramView } from './pages/EditorPage';
import { SharePage } from './pages/SharePage';

/**
 * Another site: a blog post that embeds the diagram with the code the Share dialog gives. It is a real
 * server on `localhost` (the app is on 127.0.0.1: another origin and another site). A page fulfilled
 * by page.route would count as a public address, which Chromium forbids to frame a loopback one.
 */
const posts = new Map<string, string>();
let blog: Server;
let host = '';
test.beforeAll(async () => {
  blog = createServer((req, res) => {
    const body = posts.get(req.url ?? '');
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((done) => blog.listen(0, done));
  host = `http://localhost:${(blog.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((done) => blog.close(() => done())));

/** The embed code the Share dialog gives for the diagram in `share`. */
async function embedCode(share: SharePage, autoplay = false): Promise<string> {
  await share.openShare();
  await share.setAutoplay(autoplay);
  const code = await share.embedCode();
  await share.closeDialogs();
  return code;
}

/** Publishes a blog post with `body` on the other site, and opens it. */
async function hostPage(page: Page, body: string) {
  const path = `/post-${posts.size + 1}`;
  posts.set(
    path,
    `<!doctype html><html><head><title>A blog</title></head><body style="font:16px sans-serif;margin:24px"><h1>How queues decouple</h1>${body}</body></html>`,
  );
  await page.goto(`${host}${path}`);
}

/** The embed's frame, once its diagram is on screen. */
async function embedFrame(page: Page): Promise<Frame> {
  const frameLocator = page.frameLocator('iframe');
  await expect(frameLocator.getByTestId('embed')).toBeVisible();
  await expect(frameLocator.locator('.react-flow__node').first()).toBeVisible();
  const frame = page.frames().find((f) => f.url().includes('#/embed/'));
  if (!frame) throw new Error('no embed frame');
  return frame;
}

const diagramIn = (frame: Frame) =>
  frame.evaluate(
    () => JSON.parse(JSON.stringify(window.__microsim!.store.getState().diagram)) as DiagramView,
  );

test('the embed code plays inside a page of another site', async ({ editor, page }) => {
  const share = new SharePage(editor);
  const code = await embedCode(share);
  expect(code).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/#\/embed\/m\d+\.[A-Za-z0-9_-]+" /);

  await hostPage(page, code);
  const frame = await embedFrame(page);
  // Really cross-origin: the blog can't reach into the embed.
  expect(new URL(frame.url()).origin).not.toBe(host);
  expect(await page.evaluate(() => document.querySelector('iframe')!.contentDocument)).toBeNull();

  const embed = page.frameLocator('iframe');
  await expect(embed.locator('.embed__name')).toHaveText('Checkout');
  expect((await diagramIn(frame)).services.map((s) => s.id)).toEqual(EXAMPLE.services);
  await expect(embed.getByTestId('speed-slider')).toBeVisible();

  await embed.getByTestId('step-button').click();
  await expect(embed.getByTestId('sim-clock')).not.toHaveText('0.000 s');
  await embed.getByTestId('play-button').click();
  await expect(embed.getByTestId('playback-status')).toHaveText(/playing/);
  const t1 = await embed.getByTestId('sim-clock').textContent();
  await expect(embed.getByTestId('sim-clock')).not.toHaveText(t1!);
  // The whole diagram is in view, however small the embed.
  const stage = (await embed.locator('.embed__stage').boundingBox())!;
  for (const node of await embed.locator('.react-flow__node').all()) {
    const b = (await node.boundingBox())!;
    expect(b.x >= stage.x && b.y >= stage.y).toBe(true);
    expect(b.x + b.width <= stage.x + stage.width && b.y + b.height <= stage.y + stage.height).toBe(true);
  }
  await embed.getByTestId('pause-button').click();
  await expect(embed.getByTestId('playback-status')).toHaveText(/paused/);
});

test('the embed is read-only: edits, selection and theme keys do nothing; play keys work', async ({
  editor,
  page,
}) => {
  const code = await embedCode(new SharePage(editor));
  await hostPage(page, code);
  const frame = await embedFrame(page);
  const embed = page.frameLocator('iframe');
  const before = await diagramIn(frame);

  await embed.getByTestId('canvas').click({ position: { x: 20, y: 20 } });
  for (const key of ['n', 'Control+a', 'Delete', 'Backspace', 'Control+d', 'Shift+L', '2', 'Control+z']) {
    await page.keyboard.press(key);
  }
  // Nodes take no pointer events in the embed: click where they are, as a person would.
  const at = async (id: string) => {
    const box = (await embed.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  const client = await at('client');
  await page.mouse.click(client.x, client.y);
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  const payment = await at('payment');
  await page.mouse.dblclick(payment.x, payment.y);
  await expect(embed.getByTestId('rename-input')).toHaveCount(0);
  const noteId = before.notes[0]!.id;
  const note = await at(noteId);
  await page.mouse.dblclick(note.x, note.y);
  await expect(embed.getByLabel('Note text')).toHaveCount(0);
  await expect(embed.locator('.react-flow__resize-control')).toHaveCount(0);
  await page.keyboard.press('Shift+D');

  const after = await diagramIn(frame);
  // Nothing selected (Ctrl+A selected neither the diagram nor the page's text).
  expect(await frame.evaluate(() => String(getSelection()))).toBe('');
  expect(await frame.evaluate(() => window.__microsim!.store.getState().selection)).toEqual([]);
  expect(after.services).toEqual(before.services);
  expect(after.edges).toEqual(before.edges);
  expect(after.notes).toEqual(before.notes);
  // Nothing written on the device (a third-party frame may not even be allowed to look).
  const stored = await frame.evaluate(() => {
    try {
      return Object.keys(localStorage);
    } catch {
      return 'storage blocked';
    }
  });
  expect([[], 'storage blocked']).toContainEqual(stored);
  expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe('light');

  // Space plays and pauses, '.' steps (with the embed's background focused, as after a click on it).
  await embed.getByTestId('canvas').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Space');
  await expect(embed.getByTestId('playback-status')).toHaveText(/playing/);
  await page.keyboard.press('Space');
  await expect(embed.getByTestId('playback-status')).toHaveText(/paused/);
  // A step runs the next event, which may fall in the same millisecond the clock shows (the pause
  // lands wherever the wall clock put it): the run's event count is what a step always moves.
  const events = () => frame.evaluate(() => window.__microsim!.playback!.getSnapshot().events);
  const eventsBefore = await events();
  await page.keyboard.press('.');
  await expect.poll(events).toBeGreaterThan(eventsBefore);
});

test('“Open in Microsim” opens an editable copy in the app', async ({ editor, page }) => {
  const share = new SharePage(editor);
  await editor.clickEmpty();
  await editor.field('diagram-name').fill('Embedded checkout');
  const code = await embedCode(share, true);
  await hostPage(page, code);
  const frame = await embedFrame(page);
  const embed = page.frameLocator('iframe');
  await expect(embed.getByTestId('playback-status')).toHaveText(/playing/); // the autoplay option
  const open = embed.getByTestId('open-in-microsim');
  const href = await open.getAttribute('href');
  expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#m\d+\./);

  const [app] = await Promise.all([page.context().waitForEvent('page'), open.click()]);
  const copy = new SharePage(new EditorPage(app));
  await copy.editor.ready();
  const opened = await copy.diagram();
  const embedded = await diagramIn(frame);
  expect(opened.name).toBe('Embedded checkout');
  expect(opened.services).toEqual(embedded.services);
  // It is the full editor: an edit works there.
  await copy.editor.clickEmpty();
  await copy.editor.field('diagram-name').fill('My copy');
  await expect(app.getByTestId('diagram-title')).toHaveText('My copy');
});

test('an embed with a broken link says what is wrong in place of the diagram', async ({ editor, page }) => {
  const share = new SharePage(editor);
  await share.openShare();
  const link = await share.link();
  const [, format, body] = /#(m\d+)\.(.*)$/.exec(link)!;
  // A fresh load each time (a hash change alone doesn't load the page again).
  await page.goto('about:blank');
  await page.goto(`/#/embed/${format}.${body!.slice(0, body!.length - 30)}`);
  const problem = page.getByTestId('embed-problem');
  await expect(problem).toContainText('This link is incomplete');
  await expect(page.getByTestId('open-in-microsim')).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  await page.goto('about:blank');
  await page.goto(`/#/embed/m7.${body}`);
  await expect(page.getByTestId('embed-problem')).toContainText('This link is from a newer Microsim');
});
