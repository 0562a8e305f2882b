import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';
import { PlaybackPage } from './pages/PlaybackPage';

// Service-level objectives on a client: edited in the inspector, validated, undoable.

test.describe('objective in the inspector', () => {
  test('turns on with the example targets, refuses absurd values with a reason, and undoes', async ({
    editor,
  }) => {
    await editor.node('client').click();
    await expect(editor.inspector.getByTestId('inspector-service')).toBeVisible();
    await expect(editor.field('objective')).not.toBeChecked();
    await expect(editor.inspector).toContainText('No objective: nothing is judged');

    await editor.field('objective').check();
    await expect
      .poll(async () => (await editor.service('client')).objective)
      .toEqual({ windowMs: 10_000, percentile: 'p99', latencyMs: 300, success: 0.995 });
    await expect(editor.field('objective-success')).toHaveValue('99.5');

    const absurd: Array<[field: string, typed: string, reason: RegExp]> = [
      ['objective-latency', '-5', /must not be negative/],
      ['objective-latency', '1e308', /at most 600000 ms/],
      ['objective-latency', 'NaN', /must be a number/],
      ['objective-success', '150', /between 0 % and 100 %/],
      ['objective-success', '-1', /between 0 % and 100 %/],
      ['objective-window', '0', /at least 100 ms/],
    ];
    for (const [field, typed, reason] of absurd) {
      await editor.field(field).fill(typed);
      await expect(editor.fieldError(field)).toContainText(reason);
      await expect(editor.field(field)).toHaveAttribute('aria-invalid', 'true');
    }
    expect((await editor.service('client')).objective).toEqual({
      windowMs: 10_000,
      percentile: 'p99',
      latencyMs: 300,
      success: 0.995,
    });

    await editor.field('objective-latency').fill('250');
    await editor.field('objective-percentile').selectOption('p95');
    await expect
      .poll(async () => (await editor.service('client')).objective)
      .toMatchObject({ latencyMs: 250, percentile: 'p95' });

    await editor.field('objective-success-on').uncheck();
    await editor.field('objective-latency-on').uncheck();
    await expect(editor.inspector.getByTestId('objective-empty')).toBeVisible();
    expect((await editor.service('client')).objective).toEqual({ windowMs: 10_000, percentile: 'p95' });

    // Each change was one undo step: back to both targets, then the typed values, then no objective.
    await editor.command('undo').click();
    await editor.command('undo').click();
    await expect
      .poll(async () => (await editor.service('client')).objective)
      .toEqual({ windowMs: 10_000, percentile: 'p95', latencyMs: 250, success: 0.995 });
    for (let i = 0; i < 3; i++) await editor.command('undo').click();
    await expect.poll(async () => (await editor.service('client')).objective).toBeUndefined();
  });

  test('only clients have an objective', async ({ editor }) => {
    await editor.node('orders').click();
    await expect(editor.inspector.getByTestId('inspector-service')).toBeVisible();
    await expect(editor.field('objective')).toHaveCount(0);
  });
});

test.describe('objective in a run', () => {
  /** Gives the Checkout client an objective through the inspector. */
  async function objective(editor: EditorPage, success: string, latency: string) {
    await editor.node('client').click();
    await editor.field('objective').check();
    await editor.field('objective-window').fill('5000');
    await editor.field('objective-success').fill(success);
    await editor.field('objective-latency').fill(latency);
    await expect
      .poll(async () => (await editor.service('client')).objective)
      .toMatchObject({ windowMs: 5000, success: Number(success) / 100, latencyMs: Number(latency) });
  }

  test('Checkout with Payment down misses a success objective: the card and the report say so', async ({
    editor,
    page,
  }) => {
    await objective(editor, '99.5', '5000');
    const run = new PlaybackPage(editor);
    await run.contextMenu(editor.node('payment'), 'fault-down');
    await expect(editor.serviceCard('payment').locator('.badge--down')).toBeVisible();
    await run.setSpeed(100);
    await run.button('play').click();
    const badge = editor.serviceCard('client').getByTestId('objective-badge');
    await expect(badge).toHaveText('SLO missed', { timeout: 60_000 });
    await run.until('the run ended', (r) => r.status === 'ended', 60_000);
    const sub = editor.page.getByTestId('service-client-sub');
    await expect(sub).toContainText('% ok');
    // A narrow card may cut its live line; its tooltip has it whole.
    await expect(sub).toHaveAttribute('title', /% of the requests that ended in the last 5 s succeeded/);

    await page.getByTestId('open-report').click();
    const dialog = page.getByRole('dialog', { name: 'Run report' });
    const line = dialog.getByTestId('report-objectives').locator('li[data-id="client"]');
    await expect(line).toHaveAttribute('data-verdict', 'missed', { timeout: 30_000 });
    await expect(line).toContainText(/missed \(\d+ of \d+ windows of 5 s met; missed \d/);
    await page.keyboard.press('Escape');

    // The Metrics panel draws the target on the client's outcomes chart and says where it was missed.
    await page.getByTestId('metrics-toggle').click();
    const outcomes = page
      .getByRole('region', { name: 'Metrics' })
      .getByTestId('chart-client-client-outcomes');
    await expect(outcomes).toContainText('success target 99.5%');
    await expect(outcomes.getByTestId('chart-client-client-outcomes-summary')).toContainText(
      /Objective success ≥ 99\.5% over 5 s windows: missed \d/,
    );
  });

  test('the same objective, loose enough, is met on a healthy run', async ({ editor, page }) => {
    await objective(editor, '50', '5000');
    const run = new PlaybackPage(editor);
    await run.setSpeed(100);
    await run.button('play').click();
    await run.until('the run ended', (r) => r.status === 'ended', 60_000);
    await expect(editor.serviceCard('client').getByTestId('objective-badge')).toHaveText('SLO met');
    await page.getByTestId('open-report').click();
    const line = page
      .getByRole('dialog', { name: 'Run report' })
      .getByTestId('report-objectives')
      .locator('li[data-id="client"]');
    await expect(line).toHaveAttribute('data-verdict', 'met', { timeout: 30_000 });
    await page.keyboard.press('Escape');
    await page.getByTestId('metrics-toggle').click();
    const summary = page
      .getByRole('region', { name: 'Metrics' })
      .getByTestId('chart-client-client-outcomes-summary');
    await expect(summary).toContainText(
      /Objective success ≥ 50% over 5 s windows: met in all \d+ judged windows/,
    );
  });
});
