import { expect, test } from './fixtures';

/**
 * Offline once loaded (a conference network that fails): the service worker caches the app, so a
 * reload without a network opens it, with the diagram saved on this device, and it presents.
 */
test('installable, and once loaded it reloads and presents with no network', async ({ editor, context }) => {
  const page = editor.page;
  // Installable: a manifest with icons, as browsers ask for.
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifestHref).toBeTruthy();
  const manifest = await (await page.request.get(new URL(manifestHref!, page.url()).href)).json();
  expect(manifest.name).toBe('Microsim');
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
    expect.arrayContaining(['192x192', '512x512']),
  );
  // The service worker has cached the app.
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === 'activated');
  const name = await page.getByTestId('diagram-title').textContent();
  await context.setOffline(true);
  await page.reload();
  await editor.ready();
  await expect(page.getByTestId('diagram-title')).toHaveText(name!);
  await page.keyboard.press('Shift+P');
  await expect(page.getByTestId('presentation')).toBeVisible();
  await expect(page.getByTestId('present-run')).toContainText('playing');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveCount(0);
  await context.setOffline(false);
});
