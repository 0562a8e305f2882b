import { test as base, expect } from '@playwright/test';
import { EditorPage } from './pages/EditorPage';
// window.__microsim's type: the app's test hook.
import type {} from '../src/app/testHook';

/**
 * `editor`: the app opened fresh (a new browser context, so empty storage: the Checkout example).
 * Every test also fails on an uncaught error in the page, which a person would meet as a broken app.
 */
export const test = base.extend<{ editor: EditorPage; pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await use(errors);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  editor: async ({ page }, use) => {
    const editor = new EditorPage(page);
    await editor.open();
    await use(editor);
  },
});

/**
 * Tests of known, reported bugs are marked `test.fixme(KNOWN_BUG, reason)`: skipped normally, run with
 * RUN_KNOWN_BUGS=1 to see whether a fix has landed.
 */
export const KNOWN_BUG = !process.env.RUN_KNOWN_BUGS;

export { expect };
