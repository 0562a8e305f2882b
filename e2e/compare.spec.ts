import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { compareAsQueue, comparisonRegion, paymentDownFor10s } from './pages/scenarios';
import { PlaybackPage } from './pages/PlaybackPage';

// Issue 12, the article's case: the Checkout example, Payment Service down for 10 s, its call made
// sync (A) and through a queue (B). The Comparison's table says the queue keeps the client's
// success while the sync call drops it.

const comparison = comparisonRegion;

/** The cells (A, B, B − A, better) of the row whose figure starts with `figure`. */
function row(region: Locator, figure: string) {
  const r = region.getByRole('row').filter({ has: region.page().getByRole('rowheader', { name: figure }) });
  const cell = (i: number) => r.getByRole('cell').nth(i);
  return { row: r, a: cell(0), b: cell(1), difference: cell(2), better: cell(3) };
}

test('sync vs queue with Payment down for 10 s: the queue keeps the client succeeding, the sync call drops', async ({
  editor,
}) => {
  await paymentDownFor10s(editor);
  const region = await compareAsQueue(editor);

  // B is on the canvas, its changed edge is a queue, and the change is named and outlined.
  await expect(region.getByRole('button', { name: /^B / })).toHaveAttribute('aria-pressed', 'true');
  expect((await editor.edge('e-orders-payment')).kind).toBe('queue');
  await expect(region).toContainText(
    'B changes: ProcessPaymentService (Order Service → Payment Service): sync → queue',
  );
  await expect(editor.page.getByTestId('difference-marks')).toBeAttached();

  const during = row(region, 'Success while Payment Service is down (20–30 s)');
  await expect(during.a).toHaveText('0 %');
  await expect(during.b).toHaveText('100 % ✓');
  await expect(during.better).toHaveText('B');
  const overall = row(region, 'Success rate');
  await expect(overall.better).toHaveText('B');
  await expect(region.getByTestId('comparison-verdict')).toContainText(
    'B keeps Web Client at 100 % success while Payment Service is down (A: 0 %)',
  );

  // A on the canvas is the sync design, untouched; undo on B takes the change back and the table follows.
  await region.getByRole('button', { name: /^A / }).click();
  expect((await editor.edge('e-orders-payment')).kind).toBe('sync');
  await region.getByRole('button', { name: /^B / }).click();
  await editor.command('undo').click();
  expect((await editor.edge('e-orders-payment')).kind).toBe('sync');
  await expect(region.getByTestId('comparison-verdict')).toHaveText(/A and B are identical/, {
    timeout: 30_000,
  });
  await expect(during.difference).toHaveText('0');
});

test('closing the comparison offers to keep the variant in Recent, and A comes back', async ({ editor }) => {
  await paymentDownFor10s(editor);
  const region = await compareAsQueue(editor);
  await region.getByRole('button', { name: 'Close comparison' }).click();
  await region.getByRole('button', { name: 'Keep it and close' }).click();
  await expect(region).toBeHidden();
  expect((await editor.edge('e-orders-payment')).kind).toBe('sync');
  await editor.command('recent').click();
  await expect(editor.page.getByRole('dialog')).toContainText('Checkout (variant B)');
});

test('a comparison shared as one link opens with A and B and the comparison view', async ({
  editor,
  browser,
}) => {
  await paymentDownFor10s(editor);
  const region = await compareAsQueue(editor);
  await region.getByRole('button', { name: 'Share comparison' }).click();
  const link = await region.getByTestId('comparison-link').inputValue();
  expect(link).toMatch(/#c1\.m\d+\./);
  // Somebody else opens it: a fresh browser, empty storage.
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(link);
  const opened = other.getByRole('region', { name: 'Comparison' });
  await expect(opened.getByRole('button', { name: /^B / })).toHaveAttribute('aria-pressed', 'true');
  await expect(opened.getByTestId('comparison-verdict')).toContainText(
    'B keeps Web Client at 100 % success while Payment Service is down (A: 0 %)',
    { timeout: 30_000 },
  );
  // A mangled comparison link says what is wrong and opens nothing.
  const page2 = await context.newPage();
  await page2.goto(link.slice(0, link.lastIndexOf('.')));
  await expect(page2.getByText(/variant B is missing/)).toBeVisible();
  await expect(page2.getByRole('region', { name: 'Comparison' })).toBeHidden();
  await context.close();
});

/** "A: Outcomes (%): success 100% now, …; mean 100% before faults, 0% during faults, …" → 0. */
function successDuring(summary: string, variant: 'A' | 'B'): number {
  const start = summary.search(new RegExp(`(^| )${variant}( \\(on the canvas\\))?: Outcomes`));
  const found = start < 0 ? null : /success [^]*?([\d.]+)% during faults/.exec(summary.slice(start));
  if (!found) throw new Error(`no success of ${variant} during faults in: ${summary}`);
  return Number(found[1]);
}

test("the Metrics panel overlays A and B while comparing: B's lines dashed, both in the charts' words", async ({
  editor,
}) => {
  const page = editor.page;
  const run = new PlaybackPage(editor);
  await paymentDownFor10s(editor);
  await compareAsQueue(editor);
  await editor.clickEmpty();
  await page.keyboard.press('m');
  const metrics = page.getByRole('region', { name: 'Metrics' });
  const latency = metrics.getByTestId('chart-client-client-latency');
  const outcomes = metrics.getByTestId('chart-client-client-outcomes');
  // B (the queue) plays on the canvas; A's whole run is drawn over it, cut at the same moment.
  await run.setSpeed(100);
  await run.button('play').click();
  await run.until('the run ended', (r) => r.status === 'ended', 60_000);
  await expect(latency.getByTestId('metrics-key-a')).toHaveText('A');
  await expect(latency.getByTestId('metrics-key-b')).toHaveText('B');
  const words = latency.getByTestId('chart-client-client-latency-summary');
  await expect(words).toContainText(
    /^A: End-to-end latency \(ms\): p50 .* B \(on the canvas\): End-to-end latency/,
  );
  const said = (await outcomes.getByTestId('chart-client-client-outcomes-summary').textContent()) ?? '';
  expect(successDuring(said, 'A'), 'sync: success while Payment is down').toBeLessThan(20);
  expect(successDuring(said, 'B'), 'queue: success while Payment is down').toBeGreaterThan(95);

  // A on the canvas: its live run, with B's drawn over it.
  await comparison(editor).getByRole('button', { name: /^A / }).click();
  await run.button('play').click();
  await run.until('the run ended', (r) => r.status === 'ended', 60_000);
  await expect(words).toContainText(/^A \(on the canvas\): End-to-end latency .* B: End-to-end latency/);
  const again = (await outcomes.getByTestId('chart-client-client-outcomes-summary').textContent()) ?? '';
  expect(successDuring(again, 'A')).toBeLessThan(20);
  expect(successDuring(again, 'B')).toBeGreaterThan(95);
});

test('the Compare button starts a comparison with an unchanged variant: identical, said so', async ({
  editor,
}) => {
  await editor.page.getByRole('button', { name: 'Compare', exact: true }).click();
  const region = comparison(editor);
  await expect(region.getByTestId('comparison-verdict')).toHaveText(/A and B are identical/, {
    timeout: 30_000,
  });
  await expect(region).toContainText('B changes: nothing yet');
});

for (const colorScheme of ['light', 'dark'] as const)
  test.describe(`axe, ${colorScheme}`, () => {
    test.use({ colorScheme });
    test('no violation in the Comparison and the edge inspector', async ({ editor }) => {
      await compareAsQueue(editor);
      const result = await new AxeBuilder({ page: editor.page })
        .options({ resultTypes: ['violations'] })
        .include('[aria-label="Comparison"]')
        .include('[data-testid="inspector-edge"]')
        .analyze();
      const found = result.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
      expect(found).toEqual([]);
    });
  });

for (const colorScheme of ['light', 'dark'] as const)
  test.describe(`pictures, ${colorScheme}`, () => {
    test.use({ colorScheme });
    for (const size of [
      { width: 1440, height: 900 },
      { width: 1280, height: 720 },
      { width: 390, height: 844 },
    ])
      test(`the comparison at ${size.width}×${size.height}`, async ({ editor }, info) => {
        await editor.page.setViewportSize(size);
        if (size.width > 720) {
          await paymentDownFor10s(editor);
          await compareAsQueue(editor);
        } else {
          // On a phone the command is in the top bar's menu.
          await editor.page.getByTestId('topbar-menu-button').click();
          await editor.page.getByTestId('menu-compare').click();
          await expect(comparison(editor).getByTestId('comparison-verdict')).toBeVisible({ timeout: 30_000 });
        }
        // A test attachment, to look at; COMPARE_SHOTS=<folder> also writes it there.
        const body = await editor.page.screenshot();
        await info.attach(`comparison-${size.width}-${colorScheme}`, { body, contentType: 'image/png' });
        if (process.env.COMPARE_SHOTS)
          writeFileSync(join(process.env.COMPARE_SHOTS, `comparison-${size.width}-${colorScheme}.png`), body);
      });
  });

test.describe('with every dock open on a projector', () => {
  test.use({ viewport: { width: 1280, height: 720 } });
  test('the canvas keeps a usable height, and one dock has the room: the others fold to their header until clicked', async ({
    editor,
  }) => {
    const page = editor.page;
    await compareAsQueue(editor);
    await editor.clickEmpty();
    await page.keyboard.press('m');
    await page.keyboard.press('l');
    const metrics = page.getByRole('region', { name: 'Metrics' });
    const log = page.getByRole('region', { name: 'Event log' });
    const height = async (region: typeof log) => (await region.boundingBox())?.height ?? 0;
    // The Event log, opened last, has the room; Comparison and Metrics show their header.
    await expect.poll(() => height(log)).toBeGreaterThanOrEqual(200);
    await expect.poll(() => height(metrics)).toBeLessThanOrEqual(50);
    await expect.poll(() => height(comparisonRegion(editor))).toBeLessThanOrEqual(50);
    await expect(metrics).toContainText('Metrics');
    const stage = await page.getByRole('main', { name: 'Diagram' }).boundingBox();
    expect(stage!.height).toBeGreaterThanOrEqual(200);
    // A click on the folded Metrics header gives it the room.
    await metrics.getByRole('heading', { name: 'Metrics' }).click();
    await expect.poll(() => height(metrics)).toBeGreaterThanOrEqual(200);
    await expect.poll(() => height(log)).toBeLessThanOrEqual(50);
  });
});
