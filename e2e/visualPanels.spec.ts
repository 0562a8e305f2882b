import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';
import { PlaybackPage } from './pages/PlaybackPage';
import { compareAsQueue, paymentDownFor10s } from './pages/scenarios';

/**
 * Visual regression of the panels that show a run's consequences (issues 12 and 13) and of the
 * gallery and decision guide (issue 14), compared with
 * the committed baselines like visual.spec.ts; accept a change of looks on purpose with
 * `--update-snapshots` on this spec, after looking at the new pictures. Each state is reached from
 * the fault script and a seek, never a live fault, so it is the same picture on every machine.
 */

const log = (editor: EditorPage) => editor.page.getByRole('region', { name: 'Event log' });
const trace = (editor: EditorPage) => editor.page.getByRole('region', { name: 'Trace' });

async function compare(editor: EditorPage, name: string) {
  await editor.page.evaluate(() => document.fonts.ready);
  await editor.settled();
  await expect(editor.page).toHaveScreenshot(`${name}.png`);
}

/** Payment down from 20 s for 10 s, the run held at 25 s, and the Event log open on it. */
async function logDuringTheFault(editor: EditorPage) {
  await paymentDownFor10s(editor);
  const run = new PlaybackPage(editor);
  await run.scrubTo(25_000);
  await run.until('held there', (r) => r.status !== 'playing' && Math.abs(r.now - 25_000) < 50);
  await editor.clickEmpty();
  await editor.page.keyboard.press('l');
  await expect(log(editor).getByTestId('log-row').first()).toBeVisible();
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(scheme, () => {
    test.use({ colorScheme: scheme });

    test('the comparison: Payment down for 10 s, its call sync (A) and through a queue (B)', async ({
      editor,
    }) => {
      await paymentDownFor10s(editor);
      await compareAsQueue(editor);
      await compare(editor, `comparison-${scheme}`);
    });

    test('the event log at 25 s, Payment down', async ({ editor }) => {
      await logDuringTheFault(editor);
      await compare(editor, `event-log-${scheme}`);
    });
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`learning, ${scheme}`, () => {
    test.use({ colorScheme: scheme });

    test('the gallery', async ({ editor }) => {
      await editor.clickEmpty();
      await editor.page.keyboard.press('g');
      await expect(editor.page.getByRole('dialog', { name: 'Gallery' })).toBeVisible();
      await compare(editor, `gallery-${scheme}`);
    });

    test('the decision guide', async ({ editor }) => {
      await editor.clickEmpty();
      await editor.page.keyboard.press('Shift+G');
      await expect(editor.page.getByRole('dialog', { name: 'Decision guide' })).toBeVisible();
      await compare(editor, `decision-guide-${scheme}`);
    });
  });
}

test.describe('light', () => {
  test.use({ colorScheme: 'light' });

  test('the trace of a failed request: its waterfall and sequence diagram', async ({ editor }) => {
    await logDuringTheFault(editor);
    await editor.page.keyboard.press('Shift+T');
    await trace(editor).getByRole('button', { name: 'A failed one' }).click();
    await expect(trace(editor).getByTestId('waterfall-row').first()).toBeVisible({ timeout: 20_000 });
    await compare(editor, 'trace-failed-request');
  });
});
