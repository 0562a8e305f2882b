import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';
import { PlaybackPage } from './pages/PlaybackPage';
import { SharePage } from './pages/SharePage';

/**
 * Ids and names a person may type that are also names of every object's built-in properties. A
 * lookup in a plain object finds the built-in where the diagram has nothing by that name (issue 16).
 */
const WORDS = ['constructor', '__proto__', 'valueOf', 'toString', 'hasOwnProperty'];
const MORE = [
  '__defineGetter__',
  '__lookupGetter__',
  'propertyIsEnumerable',
  'toLocaleString',
  'isPrototypeOf',
];

/** The link fragment (`#m6.…`) of `diagram`, made by the `share` command as a person would. */
function linkOf(diagram: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'microsim-hostile-')), 'diagram.json');
  writeFileSync(file, JSON.stringify(diagram));
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const r = spawnSync(tsx, ['src/cli/share.ts', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`share failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** The link: 52 characters of JSON whose one edge is called "constructor". */
const CONSTRUCTOR_EDGE = {
  services: [{ id: 'a', kind: 'client' }, { id: 'b' }],
  edges: [{ id: 'constructor', kind: 'sync', from: 'a', to: 'b' }],
};

/**
 * Every kind of edge, queue, topic and saga, with `ids` for the services and `edgeIds` for the
 * edges, and built-in property names for every name, channel, topic, saga and message.
 */
function everyKind(ids: readonly string[], edgeIds: readonly string[]) {
  const [client, gateway, orders, payment, mail] = ids as [string, string, string, string, string];
  const [call, queue, topic, step1, step2] = edgeIds as [string, string, string, string, string];
  return {
    name: 'hasOwnProperty',
    // Fast, so two simulated seconds pass quickly even on a busy machine.
    run: { speed: 5 },
    services: [
      { id: client, name: 'constructor', kind: 'client', traffic: { pattern: 'steady', rate: 20 } },
      { id: gateway, name: '__proto__', kind: 'orchestrator', position: { x: 250, y: 0 } },
      { id: orders, name: 'toString', position: { x: 500, y: -120 } },
      { id: payment, name: 'valueOf', position: { x: 500, y: 120 } },
      { id: mail, name: 'hasOwnProperty', position: { x: 750, y: 0 } },
    ],
    edges: [
      { id: call, kind: 'sync', from: client, to: gateway, message: 'constructor' },
      { id: queue, kind: 'queue', from: gateway, to: mail, channel: '__proto__', message: 'valueOf' },
      { id: topic, kind: 'topic', from: mail, to: payment, topic: 'hasOwnProperty', message: 'toString' },
      { id: step1, kind: 'saga', from: gateway, to: orders, saga: '__proto__', step: 1, action: 'valueOf' },
      { id: step2, kind: 'saga', from: gateway, to: payment, saga: '__proto__', step: 2, action: 'toString' },
    ],
  };
}

/** Waits until every service and edge of the store's diagram is drawn on the canvas. */
async function drawn(editor: EditorPage) {
  const d = await editor.diagram();
  for (const s of d.services) await expect(editor.page.getByTestId(`service-${s.id}`)).toBeVisible();
  for (const e of d.edges) await expect(editor.page.getByTestId(`rf__edge-${e.id}`)).toBeAttached();
  return d;
}

test('the issue\'s link with an edge called "constructor" opens, and opens again after a reload', async ({
  page,
}) => {
  const fragment = linkOf(CONSTRUCTOR_EDGE);
  const share = await SharePage.open(page, `/${fragment}`);
  const d = await drawn(share.editor);
  expect(d.edges.map((e) => e.id)).toEqual(['constructor']);
  await expect(page.getByTestId('edge-label-constructor')).toBeVisible();

  await share.editor.waitForAutosave();
  await page.reload();
  await share.editor.ready();
  expect((await drawn(share.editor)).edges.map((e) => e.id)).toEqual(['constructor']);
});

test('the same link opens in the embed, and again after a reload', async ({ page }) => {
  const fragment = linkOf(CONSTRUCTOR_EDGE).slice(1);
  await page.goto(`/#/embed/${fragment}`);
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect(page.getByTestId('service-a')).toBeVisible();
  await expect(page.getByTestId('rf__edge-constructor')).toBeAttached();
  await page.reload();
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect(page.getByTestId('service-b')).toBeVisible();
  await expect(page.getByTestId('rf__edge-constructor')).toBeAttached();
});

for (const [what, diagram] of [
  ['services', everyKind(WORDS, MORE)],
  ['edges', everyKind(MORE, WORDS)],
] as const) {
  test(`a run plays where the ${what} are named after built-in properties`, async ({ page }) => {
    // Opens, plays and reloads: three times the usual time on a busy machine.
    test.slow();
    const share = await SharePage.open(page, `/${linkOf(diagram)}`);
    const d = await drawn(share.editor);
    expect(d.services.map((s) => s.id)).toEqual(diagram.services.map((s) => s.id));
    const playback = new PlaybackPage(share.editor);
    await playback.button('play').click();
    // Far enough that queue, topic and saga all carried messages; the page must not throw meanwhile.
    await playback.until('two simulated seconds', (r) => r.now >= 2_000);
    await playback.button('pause').click();
    const run = await playback.run();
    expect(run.services.map((s) => s.id).sort()).toEqual(diagram.services.map((s) => s.id).sort());
    expect(run.edges.map((e) => e.id).sort()).toEqual(diagram.edges.map((e) => e.id).sort());

    await share.editor.waitForAutosave();
    await page.reload();
    await share.editor.ready();
    await drawn(share.editor);
  });
}
