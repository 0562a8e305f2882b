import { expect, test } from './fixtures';

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
