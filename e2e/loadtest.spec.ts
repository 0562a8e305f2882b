import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';
import { paymentDownFor10s } from './pages/scenarios';

// Load test (issue 12, "find the breaking point"): the Checkout example's client swept over a range
// of its estimated capacity on Web Workers, the curve drawn with its knee, and cancelling mid-way.

/** Opens the Load test dialog from the client's inspector, as a person does. */
async function openFromInspector(editor: EditorPage) {
  await editor.node('client').click();
  await expect(editor.inspector.getByTestId('inspector-service')).toBeVisible();
  await editor.inspector.getByRole('button', { name: 'Load test' }).click();
  const dialog = editor.page.getByRole('dialog', { name: 'Load test' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Loadtest workers the page still has (Playwright lists a page's dedicated workers). */
const loadTestWorkers = (editor: EditorPage) =>
  editor.page.workers().filter((w) => /loadtest/.test(w.url())).length;

test('runs a load test on the Checkout client and marks the knee and the objective', async ({ editor }) => {
  // An objective the client meets at low load: p99 at most 1.5 s.
  await editor.node('client').click();
  await editor.field('objective').check();
  await editor.field('objective-latency').fill('1500');
  await expect.poll(async () => (await editor.service('client')).objective?.latencyMs).toBe(1500);

  const dialog = await openFromInspector(editor);
  await expect(dialog.getByTestId('loadtest-capacity')).toContainText(
    /Estimated capacity 16(\.\d)?\/s: Payment Service saturates first/,
  );
  // Bad input is told and keeps the run button off; fixing it brings it back.
  const points = dialog.getByTestId('loadtest-points');
  await points.fill('1');
  await expect(dialog.getByRole('alert')).toHaveText('Points must be from 2 to 100.');
  await expect(points).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Run load test' })).toBeDisabled();
  await dialog.getByTestId('loadtest-to').fill('5');
  await expect(dialog.getByText('To must be above From.')).toBeVisible();
  await dialog.getByTestId('loadtest-to').fill('150');
  await points.fill('12');
  await dialog.getByTestId('loadtest-duration').fill('30');
  await expect(dialog.getByTestId('loadtest-plan')).toHaveText(
    /^12 loads from 1\.6\/s to 24\.3\/s, 36 runs$/,
  );

  await dialog.getByRole('button', { name: 'Run load test' }).click();
  const summary = dialog.getByTestId('loadtest-summary');
  await expect(summary).toBeVisible({ timeout: 90_000 });
  await expect(summary).toContainText('Load test of Web Client: 12 loads from 1.6/s to 24.3/s.');
  await expect(summary).toContainText(/Knee at \d+(\.\d)?\/s: /);
  await expect(summary).toContainText(/The objective is first missed at \d+(\.\d)?\/s\./);
  await expect(summary).toContainText(/Overloaded from \d+(\.\d)?\/s/);
  // The charts are drawn and described; the table marks the knee and the overloaded loads.
  await expect(
    dialog.getByRole('figure', { name: 'Web Client: latency against offered load' }),
  ).toBeVisible();
  await expect(
    dialog.getByRole('figure', { name: 'Web Client: success and throughput against offered load' }),
  ).toBeVisible();
  await expect(dialog.locator('.lt-chart canvas')).toHaveCount(2);
  await dialog.getByText('Figures per load').click();
  const table = dialog.getByTestId('loadtest-table');
  await expect(table.locator('tbody tr')).toHaveCount(12);
  await expect(table.getByRole('cell', { name: /knee/ })).toHaveCount(1);
  await expect(table.getByRole('cell', { name: /overloaded/ }).first()).toBeVisible();
  expect(loadTestWorkers(editor)).toBe(0);
});

test('cancelling mid-way stops every worker, keeps the settings and draws the loads already finished', async ({
  editor,
}) => {
  const dialog = await openFromInspector(editor);
  // Long runs, so the test is surely mid-way when it cancels.
  await dialog.getByTestId('loadtest-seeds').fill('2');
  await dialog.getByTestId('loadtest-duration').fill('600');
  await dialog.getByRole('button', { name: 'Run load test' }).click();
  const progress = dialog.getByRole('progressbar', { name: 'Load test progress' });
  await expect(progress).toBeVisible();
  await expect.poll(() => loadTestWorkers(editor)).toBeGreaterThan(0);
  // Three runs done: the first load's two seeds surely among them (the jobs go out in order).
  await expect
    .poll(async () => Number(await progress.getAttribute('value')), { timeout: 120_000 })
    .toBeGreaterThanOrEqual(3);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  const cancelled = dialog.getByTestId('loadtest-cancelled');
  await expect(cancelled).toContainText(/Cancelled after \d+ of 30 runs; every worker was stopped/);
  await expect(cancelled).toContainText(
    /The \d+ loads whose every seed finished are drawn below, marked partial/,
  );
  await expect(progress).toHaveCount(0);
  await expect.poll(() => loadTestWorkers(editor)).toBe(0);
  // The finished loads are drawn and tabled, said to be partial; the rest are not invented.
  const results = dialog.getByRole('region', { name: 'Load test results (partial)' });
  await expect(results.getByTestId('loadtest-summary')).toContainText(/^Partial/);
  const drawn = Number(/The (\d+) loads/.exec((await cancelled.textContent()) ?? '')![1]);
  expect(drawn).toBeGreaterThanOrEqual(1);
  expect(drawn).toBeLessThan(15);
  await results.getByText('Figures per load').click();
  await expect(results.getByTestId('loadtest-table').locator('tbody tr')).toHaveCount(drawn);
  await expect(dialog.getByTestId('loadtest-seeds')).toHaveValue('2');
  await expect(dialog.getByRole('button', { name: 'Run load test' })).toBeEnabled();
});

test('"Keep the fault script": off, the curve is the design unharmed; on, every run suffers the faults', async ({
  editor,
}) => {
  await paymentDownFor10s(editor);
  const dialog = await openFromInspector(editor);
  const keep = dialog.getByTestId('loadtest-faults');
  await expect(keep).not.toBeChecked();
  await expect(dialog.getByTestId('loadtest-faults-off')).toContainText("the script's fault is left out");
  // Two light loads, one seed, 40 s: Payment is down for a quarter of each run when the faults are kept.
  await dialog.getByTestId('loadtest-from').fill('10');
  await dialog.getByTestId('loadtest-to').fill('20');
  await dialog.getByTestId('loadtest-points').fill('2');
  await dialog.getByTestId('loadtest-seeds').fill('1');
  await dialog.getByTestId('loadtest-duration').fill('40');
  const success = async () => {
    await dialog.getByText('Figures per load').click();
    const cells = dialog.getByTestId('loadtest-table').locator('tbody tr td:nth-of-type(4)');
    await expect(cells).toHaveCount(2);
    const shares = (await cells.allTextContents()).map((t) => Number.parseFloat(t));
    await dialog.getByText('Figures per load').click();
    return shares;
  };
  const summary = dialog.getByTestId('loadtest-summary');
  await dialog.getByRole('button', { name: 'Run load test' }).click();
  await expect(summary).toBeVisible({ timeout: 90_000 });
  expect(await success(), 'unharmed').toEqual([100, 100]);

  await keep.check();
  await expect(dialog.getByTestId('loadtest-faults-on')).toContainText("suffers the script's fault");
  await dialog.getByRole('button', { name: 'Run load test' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Load test progress' })).toHaveCount(0, {
    timeout: 90_000,
  });
  await expect(summary).toBeVisible();
  for (const share of await success()) expect(share, 'with Payment down 10 s of 40').toBeLessThan(90);
});

test('the command palette opens it on the selected client; closing mid-run stops the workers', async ({
  editor,
}) => {
  await editor.node('client').click();
  await editor.page.keyboard.press('ControlOrMeta+k');
  const palette = editor.page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('load test');
  await editor.page.keyboard.press('Enter');
  const dialog = editor.page.getByRole('dialog', { name: 'Load test' });
  await expect(dialog.getByTestId('loadtest-client')).toHaveValue('client');
  await dialog.getByTestId('loadtest-duration').fill('600');
  await dialog.getByRole('button', { name: 'Run load test' }).click();
  await expect.poll(() => loadTestWorkers(editor)).toBeGreaterThan(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => loadTestWorkers(editor)).toBe(0);
});

test('while comparing, A and B run at the same loads and their curves are overlaid', async ({ editor }) => {
  await editor.page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect
    .poll(() => editor.page.evaluate(() => window.__microsim!.store.getState().comparison !== null))
    .toBe(true);
  await editor.node('client').click();
  await editor.inspector.getByRole('button', { name: 'Load test' }).click();
  const dialog = editor.page.getByRole('dialog', { name: 'Load test' });
  await dialog.getByTestId('loadtest-points').fill('6');
  await dialog.getByTestId('loadtest-seeds').fill('1');
  await dialog.getByTestId('loadtest-duration').fill('20');
  await dialog.getByRole('button', { name: 'Run load test' }).click();
  const summary = dialog.getByTestId('loadtest-summary');
  await expect(summary).toContainText('Load test of Web Client (A): 6 loads from 1.6/s to 24.3/s.', {
    timeout: 90_000,
  });
  await expect(summary).toContainText('Load test of Web Client (B): 6 loads from 1.6/s to 24.3/s.');
  await expect(dialog.getByText('Figures per load (A)')).toBeVisible();
  await expect(dialog.getByText('Figures per load (B)')).toBeVisible();
  await expect(dialog.getByTestId('loadtest-latency')).toContainText('p99 B');
});

for (const colorScheme of ['light', 'dark'] as const)
  test(`axe finds no violation in the Load test dialog with its results, ${colorScheme}`, async ({
    editor,
  }) => {
    test.setTimeout(180_000);
    await editor.page.emulateMedia({ colorScheme });
    const dialog = await openFromInspector(editor);
    await dialog.getByTestId('loadtest-points').fill('5');
    await dialog.getByTestId('loadtest-seeds').fill('1');
    await dialog.getByTestId('loadtest-duration').fill('10');
    await dialog.getByRole('button', { name: 'Run load test' }).click();
    await expect(dialog.getByTestId('loadtest-summary')).toBeVisible({ timeout: 90_000 });
    await dialog.getByText('Figures per load').click();
    const result = await new AxeBuilder({ page: editor.page })
      .options({ resultTypes: ['violations'] })
      .include('[data-testid="loadtest-dialog"]')
      .analyze();
    const found = result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    );
    expect(found).toEqual([]);
  });
