import { expect, test } from './fixtures';
import { EDGE_KINDS, STORAGE_KEY, type EditorPage } from './pages/EditorPage';

/**
 * The main states and the theme switch: each test checks that what the state should show is really
 * there. Their looks are compared with committed baselines in visual.spec.ts.
 */
const html = (editor: EditorPage) => editor.page.locator('html');

test.describe('light', () => {
  test.use({ colorScheme: 'light' });

  test('with a light OS, the first theme switch goes dark (not to light, which would look the same)', async ({
    editor,
  }) => {
    const toggle = editor.page.getByTestId('theme-toggle');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-label', 'Theme: dark');
    await expect(html(editor)).toHaveAttribute('data-theme', 'dark');
    await toggle.click();
    await expect(html(editor)).toHaveAttribute('data-theme', 'light');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-label', 'Theme: system');
  });

  test('empty canvas after New', async ({ editor }) => {
    await editor.command('new').click();
    await expect(editor.canvas.locator('.react-flow__node')).toHaveCount(0);
    await expect(editor.inspector.getByTestId('inspector-diagram')).toBeVisible();
    await expect(editor.page.getByTestId('palette-service')).toBeVisible();
    await expect(html(editor)).toHaveAttribute('data-theme', 'light');
    // The empty canvas says how to begin, and gets out of the way once something is on it.
    const hint = editor.page.getByTestId('canvas-empty');
    await expect(hint).toContainText('Drag a service');
    await editor.dragFromPalette('service', { x: 0.5, y: 0.42 });
    await expect(hint).toHaveCount(0);
  });

  test('the example, light theme', async ({ editor }) => {
    await expect(html(editor)).toHaveAttribute('data-theme', 'light');
    for (const id of ['client', 'gateway', 'orders', 'payment', 'bank', 'inventory', 'email']) {
      await expect(editor.serviceCard(id)).toBeInViewport();
    }
  });

  test('the inspector with a service selected', async ({ editor }) => {
    await editor.node('payment').click();
    await expect(editor.inspector.getByTestId('inspector-service')).toBeVisible();
    await expect(editor.field('name')).toHaveValue('Payment Service');
    await expect(editor.serviceCard('payment')).toHaveClass(/is-selected/);
  });

  test('the inspector with an invalid value', async ({ editor }) => {
    await editor.node('orders').click();
    await editor.field('replicas').fill('-5');
    await expect(editor.fieldError('replicas')).toBeVisible();
  });

  test('the inspector with an edge selected', async ({ editor }) => {
    await editor.selectEdge('e-payment-bank');
    await expect(editor.inspector.getByTestId('inspector-edge')).toBeVisible();
    await expect(editor.field('edge-kind')).toHaveValue('sync');
    await expect(editor.edgeLabel('e-payment-bank')).toHaveClass(/is-selected/);
  });

  test('the kind picker after connecting', async ({ editor }) => {
    await editor.connect('inventory', 'email');
    await expect(editor.kindPicker).toBeVisible();
    for (const k of EDGE_KINDS) await expect(editor.kindPicker.getByTestId(`pick-${k}`)).toBeVisible();
    await expect(editor.kindPicker).toBeInViewport({ ratio: 1 });
  });

  test('the shortcuts dialog', async ({ editor }) => {
    await editor.command('shortcuts').click();
    const dialog = editor.page.getByTestId('shortcuts-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toBeInViewport({ ratio: 1 });
    await expect(dialog).toContainText('Tidy up layout');
  });

  test('the warning after unreadable storage', async ({ editor }) => {
    await editor.putInStorageWhileAway(STORAGE_KEY, '{"version": 99}');
    await editor.open();
    await editor.ready();
    await expect(editor.page.getByTestId('notice-warning')).toBeVisible();
  });
});

test.describe('dark', () => {
  test.use({ colorScheme: 'dark' });

  test('the example follows a dark OS theme', async ({ editor }) => {
    await expect(html(editor)).toHaveAttribute('data-theme', 'dark');
    expect((await editor.state()).theme).toBe('system');
    const bg = await editor.page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(luminance(bg)).toBeLessThan(0.2);
  });

  test('dark theme: inspector with a service, and the kind picker', async ({ editor }) => {
    await editor.node('orders').click();
    await expect(editor.inspector.getByTestId('inspector-service')).toBeVisible();
    await editor.connect('inventory', 'email');
    await expect(editor.kindPicker).toBeVisible();
  });

  test('the theme toggle overrides the OS and is remembered', async ({ editor }) => {
    const toggle = editor.page.getByTestId('theme-toggle');
    await toggle.click(); // system → light
    await expect(html(editor)).toHaveAttribute('data-theme', 'light');
    await toggle.click(); // light → dark
    await expect(html(editor)).toHaveAttribute('data-theme', 'dark');
    await toggle.click(); // dark → light? no: back to following the OS, which is dark
    await expect(toggle).toHaveAttribute('aria-label', 'Theme: system');
    await expect(html(editor)).toHaveAttribute('data-theme', 'dark');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-label', 'Theme: light');
    await editor.page.reload();
    await editor.ready();
    await expect(html(editor)).toHaveAttribute('data-theme', 'light');
  });
});

/** Relative luminance of an `rgb(...)` colour, 0 (black) to 1 (white). */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
