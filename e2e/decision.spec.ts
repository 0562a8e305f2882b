import { expect, test } from './fixtures';
import type { EditorPage } from './pages/EditorPage';

/** The decision guide as a person uses it: select an edge, answer, apply, undo. */
const guide = (editor: EditorPage) => editor.page.getByRole('dialog', { name: 'Decision guide' });

async function answer(editor: EditorPage, question: RegExp, option: string) {
  await guide(editor).getByRole('group', { name: question }).getByRole('radio', { name: option }).check();
}

test('the guide applied to an edge changes its kind in one undoable step', async ({ editor }) => {
  await editor.selectEdge('e-gw-orders');
  await editor.page.keyboard.press('Shift+G');
  await expect(guide(editor)).toBeVisible();
  await expect(guide(editor)).toContainText('For API Gateway → Order Service');
  await expect(guide(editor).getByTestId('guide-answer')).toHaveCount(0);
  await answer(editor, /immediate response/, 'no');
  await answer(editor, /one specific service/, 'one');
  const recommendation = guide(editor).getByRole('region', { name: 'Recommendation' });
  await expect(recommendation).toContainText('Use a queue');
  await expect(recommendation).toContainText('Not a sync call');
  await recommendation.getByRole('button', { name: 'Apply to API Gateway → Order Service' }).click();
  await expect(recommendation.getByRole('status')).toContainText('Undo');
  expect((await editor.edge('e-gw-orders')).kind).toBe('queue');
  await editor.page.keyboard.press('Escape');
  await expect(guide(editor)).toBeHidden();
  await editor.command('undo').click();
  expect((await editor.edge('e-gw-orders')).kind).toBe('sync');
});

test('high-throughput internal traffic gets gRPC; the entry that shows it opens from the guide', async ({
  editor,
}) => {
  await editor.selectEdge('e-gw-orders');
  await editor.page.keyboard.press('Shift+G');
  await answer(editor, /immediate response/, 'yes');
  await answer(editor, /high-throughput/, 'yes');
  await answer(editor, /public API/, 'no');
  const recommendation = guide(editor).getByRole('region', { name: 'Recommendation' });
  await expect(recommendation).toContainText('Use a sync gRPC call');
  await recommendation.getByTestId('guide-apply').click();
  await expect
    .poll(async () => (await editor.edge('e-gw-orders')) as unknown)
    .toMatchObject({ kind: 'sync', protocol: 'grpc' });
  await recommendation.getByRole('button', { name: /See it run/ }).click();
  await expect(editor.page.getByTestId('diagram-title')).toHaveText('REST vs gRPC on a busy internal call');
  await expect(editor.page.getByRole('region', { name: 'What to watch' })).toBeVisible();
});
