import { expect, test } from './fixtures';

/** A checklist remark's one-click fix, as a person uses it: click it, the remark goes; Undo brings it back. */
test('a missing circuit breaker is fixed in one click, and undone in one', async ({ editor }) => {
  await editor.page.keyboard.press('g');
  await editor.page.getByRole('dialog', { name: 'Gallery' }).getByTestId('gallery-slow-dependency').click();
  await expect(editor.page.getByTestId('diagram-title')).toHaveText('One slow dependency slows them all');
  await editor.clickEmpty();
  const advisor = editor.inspector.getByTestId('advisor');
  const remark = advisor.getByRole('listitem').filter({ hasText: 'has no circuit breaker' });
  await expect(remark).toHaveCount(1);
  await remark.getByRole('button', { name: 'Add a circuit breaker' }).click();
  await expect(remark).toHaveCount(0);
  expect((await editor.edge('e-payment-bank')) as unknown).toMatchObject({ breaker: { enabled: true } });
  await editor.command('undo').click();
  await expect(remark).toHaveCount(1);
  expect((await editor.edge('e-payment-bank')) as unknown).toMatchObject({ breaker: { enabled: false } });
});
