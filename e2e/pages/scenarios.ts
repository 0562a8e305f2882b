import type { Locator } from '@playwright/test';
import { expect } from '../fixtures';
import type { EditorPage } from './EditorPage';

/* Set-ups several specs share, done as a person does them. */

/** The Comparison dock, found as a screen reader finds it. */
export const comparisonRegion = (editor: EditorPage): Locator =>
  editor.page.getByRole('region', { name: 'Comparison' });

/** Opens the Gallery as a person finds it: the top bar's Examples, then "Pattern gallery". */
export async function openGallery(editor: EditorPage): Promise<Locator> {
  await editor.page.getByTestId('open-examples').click();
  await editor.page
    .getByRole('dialog', { name: 'Examples' })
    .getByRole('button', { name: 'Pattern gallery' })
    .click();
  const gallery = editor.page.getByRole('dialog', { name: 'Gallery' });
  await expect(gallery).toBeVisible();
  return gallery;
}

/** Adds "Payment Service down from 20 s for 10 s" to the diagram's fault script, in the inspector. */
export async function paymentDownFor10s(editor: EditorPage): Promise<void> {
  await addPaymentFault(editor, { At: 20_000, For: 10_000 });
  await expect
    .poll(async () => (await editor.diagram()).faults)
    .toEqual([
      expect.objectContaining({ kind: 'down', target: 'payment', atMs: 20_000, durationMs: 10_000 }),
    ]);
}

/** Adds "Payment Service slowed 80 times from 2 s for 10 s": Orders' 1,500 ms timeout on it expires. */
export async function paymentSlowedFrom2s(editor: EditorPage): Promise<void> {
  await addPaymentFault(editor, { At: 2_000, For: 10_000 }, 'Slow ×N', { 'Slow-down': 80 });
  await expect
    .poll(async () => (await editor.diagram()).faults)
    .toEqual([
      expect.objectContaining({
        kind: 'slow',
        target: 'payment',
        atMs: 2_000,
        durationMs: 10_000,
        factor: 80,
      }),
    ]);
}

/** Adds one fault on Payment Service in the inspector's fault script, filling its fields as a person does. */
async function addPaymentFault(
  editor: EditorPage,
  times: { At: number; For: number },
  kind?: string,
  numbers: Record<string, number> = {},
): Promise<void> {
  await editor.clickEmpty();
  await editor.inspector.getByTestId('add-fault').click();
  const fault = editor.inspector.getByTestId('fault-list').getByRole('listitem').first();
  if (kind) await fault.getByLabel('Fault').selectOption({ label: kind });
  await fault.getByLabel('Target').selectOption({ label: 'Payment Service' });
  for (const [label, value] of Object.entries({ ...times, ...numbers })) {
    const field = fault.getByLabel(label, { exact: false }).first();
    await field.fill(String(value));
    await field.press('Enter');
  }
}

/** Selects the Order → Payment call, compares it made a queue, and waits for both whole runs. */
export async function compareAsQueue(editor: EditorPage): Promise<Locator> {
  await editor.selectEdge('e-orders-payment');
  await editor.inspector.getByRole('button', { name: 'Compare as queue' }).click();
  const region = comparisonRegion(editor);
  await expect(region).toBeVisible();
  // Both whole runs are done when the verdict is there and the result is no longer marked busy.
  await expect(region.getByTestId('comparison-verdict')).toBeVisible({ timeout: 30_000 });
  await expect(region.locator('[aria-busy="false"]')).toBeVisible({ timeout: 30_000 });
  return region;
}
