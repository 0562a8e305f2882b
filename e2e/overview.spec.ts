import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { EXAMPLE } from './pages/EditorPage';
import { SharePage } from './pages/SharePage';

/** Below this zoom the canvas draws its overview (src/canvas/detail.ts). */
const OVERVIEW_ZOOM = 0.45;

test('zoomed out, the canvas shows an overview; zoomed back in, the detail returns', async ({ editor }) => {
  const payment = editor.serviceCard('payment');
  const subtitle = await payment.locator('.svc__sub').textContent();
  expect(subtitle).toMatch(/slots|×/);
  await expect(editor.edgeLabel('e-client-gw')).toBeVisible();

  await editor.zoomPast('out', OVERVIEW_ZOOM);
  // Names stay, the kind shows in the stripe; what would be a few pixels tall goes (icon included).
  await expect(payment).toHaveClass(/svc--overview/);
  await expect(payment).toContainText('Payment');
  await expect(payment.locator('.svc__sub')).toHaveCount(0);
  await expect(payment.locator('.svc__icon')).toHaveCount(0);
  for (const id of EXAMPLE.edges) await expect(editor.edgeLabel(id)).toHaveCount(0);

  // A selected edge still says what it is.
  await editor.clickEdgeLine('e-client-gw');
  await expect.poll(() => editor.selection()).toEqual(['e-client-gw']);
  await expect(editor.edgeLabel('e-client-gw')).toBeVisible();
  await expect(editor.edgeLabel('e-gw-orders')).toHaveCount(0);
  await editor.page.evaluate(() => document.fonts.ready);
  await editor.settled();
  await expect(editor.page).toHaveScreenshot('overview-edge-selected.png');

  // Playing, the cards still show the run's state (the load bar is replaced by a red border when full).
  await editor.page.keyboard.press('Escape');
  await editor.page.keyboard.press('Space');
  await expect(editor.serviceCard('gateway').locator('.badge')).not.toHaveCount(0);
  await expect(editor.canvas.locator('.svc__load')).toHaveCount(0);
  await editor.page.keyboard.press('Space');

  await editor.zoomPast('in', OVERVIEW_ZOOM);
  await expect(payment).not.toHaveClass(/svc--overview/);
  // The settings line is back (after a run has moved it also leads with the throughput).
  await expect(payment.locator('.svc__sub')).toContainText(subtitle!);
  await expect(payment.locator('.svc__icon svg')).toHaveCount(1);
  for (const id of EXAMPLE.edges) await expect(editor.edgeLabel(id)).toBeVisible();
});

test('a picture exported while zoomed out has every label and subtitle', async ({ editor }) => {
  const subtitle = (await editor.serviceCard('payment').locator('.svc__sub').textContent())!;
  const label = (await editor.edgeLabel('e-orders-email').locator('.elabel__text').textContent())!;
  await editor.zoomPast('out', OVERVIEW_ZOOM);

  const share = new SharePage(editor);
  await share.openShare();
  const svg = readFileSync(await (await share.download('export-svg')).path(), 'utf8');
  expect(svg).toContain(subtitle);
  expect(svg).toContain(`>${label}<`);
  expect(svg).not.toContain('svc--overview');
  // The canvas goes back to its overview once the picture is taken.
  await share.closeDialogs();
  await expect(editor.serviceCard('payment')).toHaveClass(/svc--overview/);
});

test('handles sit on the card border, the outgoing one in the accent colour, and hovering leaves them in place', async ({
  editor,
}) => {
  const node = editor.node('orders');
  const card = await node.boundingBox();
  const handle = (side: 'target' | 'source') => node.locator(`.react-flow__handle.${side}`);
  const look = (side: 'target' | 'source') =>
    handle(side).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return {
        x: r.x + r.width / 2,
        y: r.y + r.height / 2,
        background: getComputedStyle(el).backgroundColor,
      };
    });
  const before = { in: await look('target'), out: await look('source') };
  expect(before.out.background).not.toBe(before.in.background);
  // On the border: within its width (1.5 px) of the card's outer edge.
  expect(Math.abs(before.in.x - card!.x)).toBeLessThan(2);
  expect(Math.abs(before.out.x - (card!.x + card!.width))).toBeLessThan(2);
  expect(Math.abs(before.in.y - (card!.y + card!.height / 2))).toBeLessThan(1);

  await editor.page.mouse.move(card!.x + card!.width / 2, card!.y + card!.height / 2);
  await expect.poll(async () => (await look('target')).x).toBeCloseTo(before.in.x, 1);
  expect((await look('source')).x).toBeCloseTo(before.out.x, 1);
});
