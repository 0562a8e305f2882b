import AxeBuilder from '@axe-core/playwright';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';
import { PlaybackPage } from './pages/PlaybackPage';

/** The Metrics panel, found as a screen reader finds it: the region named "Metrics". */
const panel = (editor: EditorPage) => editor.page.getByRole('region', { name: 'Metrics' });

/** The means a chart's accessible summary gives for one line, before, during and after the faults. */
interface PhaseMeans {
  before: number | null;
  during: number | null;
  after: number | null;
}

/** Reads "success … ; mean 100% before faults, 3% during faults, 92% after faults" from a summary. */
async function phaseMeans(summary: Locator, line: string): Promise<PhaseMeans> {
  const text = (await summary.textContent()) ?? '';
  // "Outcomes (%): success 100% now, …; mean …. error …": the lines after the chart's title.
  const lines = text.slice(text.indexOf(': ') + 2).split('. ');
  const part = lines.find((p) => p.startsWith(`${line} `)) ?? '';
  const mean = (phase: string) => {
    const m = new RegExp(`([\\d.,]+)% ${phase} faults`).exec(part);
    return m ? Number(m[1]!.replace(/,/g, '')) : null;
  };
  return { before: mean('before'), during: mean('during'), after: mean('after') };
}

test('the panel opens from the top bar, the M key and the command palette, and says why it is empty', async ({
  editor,
}) => {
  const page = editor.page;
  await expect(panel(editor)).toHaveCount(0);
  // The top bar's button.
  await page.getByTestId('metrics-toggle').click();
  await expect(panel(editor)).toBeVisible();
  await expect(page.getByTestId('metrics-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(panel(editor).getByTestId('metrics-empty')).toContainText('Nothing has run yet');
  await page.getByTestId('metrics-toggle').click();
  await expect(panel(editor)).toHaveCount(0);
  // The shortcut, with the focus on the canvas.
  await editor.clickEmpty();
  await page.keyboard.press('m');
  await expect(panel(editor)).toBeVisible();
  await page.keyboard.press('m');
  await expect(panel(editor)).toHaveCount(0);
  // The command palette.
  await page.keyboard.press('ControlOrMeta+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('metrics');
  await expect(palette.getByTestId('cmdk-command-metrics')).toContainText('M');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(panel(editor)).toBeVisible();
});

test('its open, folded and height state is remembered across a reload', async ({ editor }) => {
  const page = editor.page;
  await page.getByTestId('metrics-toggle').click();
  const handle = panel(editor).getByRole('separator', { name: 'Resize the metrics panel' });
  await expect(handle).toBeVisible();
  const before = (await panel(editor).boundingBox())!.height;
  // Keyboard-resizable: the arrow keys on the focused edge.
  await handle.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await panel(editor).boundingBox())!.height).toBeCloseTo(before + 48, -1);
  const height = Number(await handle.getAttribute('aria-valuenow'));
  await page.reload();
  await editor.ready();
  await expect(panel(editor)).toBeVisible();
  await expect(panel(editor).getByRole('separator')).toHaveAttribute('aria-valuenow', String(height));
  // Folded to its header, and still folded after a reload.
  await panel(editor).getByTestId('metrics-fold').click();
  await expect(panel(editor).getByTestId('metrics-body')).toHaveCount(0);
  await page.reload();
  await editor.ready();
  await expect(panel(editor).getByTestId('metrics-fold')).toHaveAttribute('aria-expanded', 'false');
  // Closed stays closed.
  await panel(editor).getByTestId('metrics-close').click();
  await page.reload();
  await editor.ready();
  await expect(panel(editor)).toHaveCount(0);
});

test("Payment down: the client's success rate drops inside the shaded fault band and recovers after it", async ({
  editor,
}) => {
  const page = editor.page;
  const run = new PlaybackPage(editor);
  await page.getByTestId('metrics-toggle').click();
  // Each moment is reached by a seek and held there, not by playing and pausing: at 10× a busy
  // machine's slow clicks ran the clock past the run's end (failed in a clean-clone CI).
  const holdAt = async (ms: number) => {
    await run.scrubTo(ms);
    return (await run.until('held there', (r) => r.status !== 'playing' && Math.abs(r.now - ms) < 50)).now;
  };
  const downAt = await holdAt(4000);
  const outcomes = panel(editor).getByTestId('chart-client-client-outcomes');
  await expect(outcomes).toBeVisible();
  await expect(outcomes).toHaveAccessibleName('Web Client: Outcomes');
  await run.contextMenu(editor.node('payment'), 'fault-down');
  const upAt = await holdAt(downAt + 6000);
  await run.contextMenu(editor.node('payment'), 'fault-up');
  // The circuit on the call to Payment stays open 5 s, then lets a trial through.
  await holdAt(upAt + 12000);

  // The band is named in the panel's fault legend, with its start and end.
  await expect(panel(editor).getByTestId('metrics-faults')).toContainText(
    /Payment Service down \(live\), [\d.]+ s – [\d.]+ s/,
  );
  const summary = outcomes.getByTestId('chart-client-client-outcomes-summary');
  await expect(summary).toContainText('after faults');
  const success = await phaseMeans(summary, 'success');
  expect(success.before, 'success before the fault').toBeGreaterThan(90);
  expect(success.during, 'success while Payment is down').toBeLessThan(30);
  expect(success.after, 'success after Payment is back').toBeGreaterThan(success.during! + 40);
  // Errors rise inside the band, too.
  const error = await phaseMeans(summary, 'error');
  expect(error.during ?? 0).toBeGreaterThan(50);
});

test('selecting a service focuses its charts; a click on a chart seeks the run there', async ({ editor }) => {
  const page = editor.page;
  const run = new PlaybackPage(editor);
  await page.getByTestId('metrics-toggle').click();
  await run.setSpeed(10);
  await run.button('play').click();
  await run.until('some seconds of the run', (r) => r.now > 6000);
  await run.button('pause').click();
  await run.until('paused', (r) => r.status === 'paused');
  await editor.node('payment').click();
  const row = panel(editor).getByTestId('metrics-row-service-payment');
  await expect(row).toHaveClass(/is-focused/);
  const utilization = row.getByTestId('chart-service-payment-utilization');
  await expect(utilization).toBeVisible();
  await expect(utilization).toHaveAccessibleName('Payment Service: Utilization');
  // The selected service comes first among the services.
  await expect(
    panel(editor).getByTestId('metrics-section-service').locator('.mx-row').first(),
  ).toHaveAttribute('data-testid', 'metrics-row-service-payment');
  // Hovering reads the values at that moment; clicking there seeks the run to it.
  const plot = utilization.locator('.u-over');
  const box = (await plot.boundingBox())!;
  await plot.hover({ position: { x: box.width * 0.25, y: box.height / 2 } });
  await expect(utilization.locator('.mx-chart__readout')).toContainText(/s · busy/);
  const before = (await run.run()).now;
  await plot.click({ position: { x: box.width * 0.25, y: box.height / 2 } });
  await run.until('seeked back to about a quarter of the axis', (r) => r.now < before * 0.6 && r.now > 0);
});

for (const colorScheme of ['light', 'dark'] as const)
  test(`axe finds no violation in the panel with its charts, ${colorScheme} theme`, async ({ editor }) => {
    test.setTimeout(180_000);
    await editor.page.emulateMedia({ colorScheme });
    const run = new PlaybackPage(editor);
    await editor.page.getByTestId('metrics-toggle').click();
    await run.setSpeed(10);
    await run.button('play').click();
    await run.until('some seconds of the run', (r) => r.now > 3000);
    await run.liveFault(editor.node('payment'), 'fault-down');
    await run.until('a second more', (r) => r.now > 5000);
    await run.button('pause').click();
    await expect(panel(editor).getByTestId('metrics-faults')).toBeVisible();
    const result = await new AxeBuilder({ page: editor.page })
      .include('[data-testid="metrics-panel"]')
      .options({ resultTypes: ['violations'] })
      .analyze();
    expect(result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))).toEqual(
      [],
    );
  });

test('an edit mid-run starts the run over, and the panel says why its charts are empty', async ({
  editor,
}) => {
  const page = editor.page;
  const run = new PlaybackPage(editor);
  await page.getByTestId('metrics-toggle').click();
  await run.setSpeed(10);
  await run.button('play').click();
  await expect(panel(editor).getByTestId('chart-client-client-outcomes')).toBeVisible();
  await editor.node('orders').click();
  await editor.field('replicas').fill('3');
  await editor.field('replicas').press('Tab');
  await expect(panel(editor).getByTestId('metrics-empty')).toContainText(
    'You changed the diagram, so the run started over',
  );
});
