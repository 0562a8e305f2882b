import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';

/**
 * A diagram that breaks the drawing must never leave the app blank, now or on the next start. The
 * test hook `failDrawing(name)` makes drawing a diagram of that name throw, inside the real boundary,
 * with the real autosave running.
 */
async function failDrawing(editor: EditorPage, name: string | null) {
  await editor.page.evaluate((n) => window.__microsim!.failDrawing(n), name);
}

/** Renames the open diagram from the inspector (nothing selected shows the diagram's fields). */
async function renameDiagram(editor: EditorPage, name: string) {
  await editor.clickEmpty();
  await editor.field('diagram-name').fill(name);
}

/** Every quarantined value on the device. */
async function keptAside(editor: EditorPage): Promise<string[]> {
  return editor.page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('microsim:quarantine:'))
      .map((k) => localStorage.getItem(k) ?? ''),
  );
}

test.beforeEach(async ({ editor }) => {
  await renameDiagram(editor, 'Good one');
  await editor.waitForAutosave();
});

test('a diagram that crashes the drawing: a message, not saved over the last good one, and the next start says so', async ({
  editor,
}) => {
  await failDrawing(editor, 'Boom');
  await renameDiagram(editor, 'Boom');
  const crash = editor.page.getByRole('alert', { name: 'This diagram could not be drawn' });
  await expect(crash).toContainText('“Boom”');
  await expect(crash).toContainText('Test fault');
  await expect(crash.getByRole('button', { name: 'Go back to “Good one”' })).toBeVisible();
  await expect(crash.getByRole('button', { name: 'Start a new diagram' })).toBeVisible();
  expect((await keptAside(editor)).some((raw) => raw.includes('"Boom"'))).toBe(true);

  // The next start (the hook is gone with the page) opens the last good diagram and says why.
  await editor.page.reload();
  await editor.ready();
  await expect(editor.page.getByTestId('diagram-title')).toHaveText('Good one');
  const notice = editor.page.getByRole('status', { name: 'Microsim stopped on an error last time' });
  await expect(notice).toContainText('Drawing “Boom” failed');
  await expect(notice).toContainText('the last diagram that worked');
  // Only once.
  await editor.page.reload();
  await editor.ready();
  await expect(notice).toHaveCount(0);
});

test('going back from a crash opens the previous diagram, and autosave works again', async ({ editor }) => {
  await failDrawing(editor, 'Boom');
  await renameDiagram(editor, 'Boom');
  const crash = editor.page.getByRole('alert', { name: 'This diagram could not be drawn' });
  await crash.getByRole('button', { name: 'Go back to “Good one”' }).click();
  await expect(crash).toHaveCount(0);
  await expect(editor.page.getByTestId('diagram-title')).toHaveText('Good one');
  await renameDiagram(editor, 'Better one');
  await editor.waitForAutosave();
  await editor.page.reload();
  await editor.ready();
  await expect(editor.page.getByTestId('diagram-title')).toHaveText('Better one');
  await expect(editor.page.getByTestId('notice-warning')).toHaveCount(0);
});

test('a crash on a diagram already saved: starting fresh gives an empty diagram', async ({ editor }) => {
  // The drawing breaks later, on a diagram the autosave already holds.
  await failDrawing(editor, 'Good one');
  const crash = editor.page.getByRole('alert', { name: 'This diagram could not be drawn' });
  await expect(crash).toContainText('“Good one”');
  await crash.getByRole('button', { name: 'Start a new diagram' }).click();
  await expect(crash).toHaveCount(0);
  await expect(editor.page.getByTestId('diagram-title')).toHaveText('Untitled diagram');
  expect(await editor.serviceIds()).toEqual([]);
});

test('a start after a crash on a saved diagram opens something else, with a message', async ({ editor }) => {
  await failDrawing(editor, 'Good one');
  await expect(editor.page.getByRole('alert', { name: 'This diagram could not be drawn' })).toBeVisible();
  await editor.page.reload();
  await editor.ready();
  await expect(editor.page.getByTestId('diagram-title')).not.toHaveText('Good one');
  await expect(
    editor.page.getByRole('status', { name: 'Microsim stopped on an error last time' }),
  ).toContainText('Drawing “Good one” failed');
});

test('the embed says what happened instead of going blank', async ({ editor }) => {
  await editor.page.goto('/#/embed/');
  await editor.page.reload(); // a fragment alone does not load the page again
  await editor.ready();
  await failDrawing(editor, 'Checkout');
  const crash = editor.page.getByRole('alert', { name: 'This diagram could not be drawn' });
  await expect(crash).toContainText('“Checkout”');
  await expect(crash.getByRole('button')).toHaveCount(0);
});

/** The link fragment (`#m6.…`) of `diagram`, made by the `share` command. */
function linkOf(diagram: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'microsim-crash-')), 'diagram.json');
  writeFileSync(file, JSON.stringify(diagram));
  const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/share.ts', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`share failed: ${r.stderr}`);
  return r.stdout.trim();
}

test('the issue\'s link (an edge called "constructor") is drawn and saved, with no crash, in the editor and the embed', async ({
  editor,
}) => {
  const fragment = linkOf({
    services: [{ id: 'a', kind: 'client' }, { id: 'b' }],
    edges: [{ id: 'constructor', kind: 'sync', from: 'a', to: 'b' }],
  });
  // A fresh load of the link. A fragment-only goto fires the open page's hashchange (which opens the
  // link and clears the fragment) and races the reload that follows: on a busy machine the autosave
  // then did not hold the store's diagram within 20 s (clean-clone CI at 429b072, passed on retry).
  await editor.page.goto('about:blank');
  await editor.page.goto(`/${fragment}`);
  await editor.ready();
  await expect(editor.page.getByTestId('edge-label-constructor')).toBeVisible();
  await editor.waitForAutosave();
  await expect(editor.page.getByTestId('crash')).toHaveCount(0);
  expect(await editor.stored('microsim:crash')).toBeNull();

  await editor.page.goto(`/#/embed/${fragment.slice(1)}`);
  await editor.page.reload();
  await expect(editor.page.getByTestId('rf__edge-constructor')).toBeAttached();
  await expect(editor.page.getByTestId('crash')).toHaveCount(0);
});
