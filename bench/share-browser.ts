/**
 * The bomb links in the browser, as a person meets them: the time from pasting the link into the
 * editor's address bar to the refusal on screen, and from opening it in an embed to the embed's
 * message. A valid 2-service link gives the floor (the app's own reaction to a new link).
 */
import type { Browser } from '@playwright/test';
import { serviceBomb, textBomb, trailingBomb } from '../src/share/fixtures/bombs';
import { encodeLink } from '../src/share/link';
import { twoServices } from './share-decode';
import { KEEP_NAMES_SHIM, buildIfNeeded, launchChromium, startPreview } from './serve';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Milliseconds from setting the editor's address to `#link` until `selector` is in the page. */
async function pasteInEditor(
  browser: Browser,
  base: string,
  link: string,
  selector: string,
): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: KEEP_NAMES_SHIM });
    await page.goto(`${base}/`);
    await page.waitForSelector('.react-flow__node');
    return await page.evaluate(
      ([hash, wanted]) =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          const look = () => {
            if (document.querySelector(wanted!)) resolve(performance.now() - start);
            // Never there within 30 s: say so (-1) rather than wait for ever.
            else if (performance.now() - start > 30_000) resolve(-1);
            else requestAnimationFrame(look);
          };
          location.hash = hash!;
          look();
        }),
      [`#${link}`, selector],
    );
  } finally {
    await context.close();
  }
}

/** Milliseconds from navigation to `selector` in an embed of `link` (the page's own clock). */
async function openEmbed(browser: Browser, base: string, link: string, selector: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 800, height: 450 } });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/#/embed/${link}`);
    await page.waitForSelector(selector, { timeout: 60_000 });
    return await page.evaluate(() => performance.now());
  } finally {
    await context.close();
  }
}

/** Each bomb link and a valid one, median of `runs`, in the editor and in an embed. */
export async function measureInBrowser(runs = 3) {
  buildIfNeeded(false, true, console.error);
  const cases: Array<[string, string, boolean]> = [
    ['floor: a valid 2-service link', encodeLink(twoServices()), true],
    ['bomb: 3,000,000 services, under 8,000 characters', serviceBomb(3_000_000), false],
    ['bomb: 5,000,000 empty texts', textBomb(5_000_000), false],
    ['bomb: empty diagram then 20 MB of zeros', trailingBomb(19_999_000), false],
  ];
  const preview = await startPreview();
  const browser = await launchChromium();
  try {
    const rows = [];
    for (const [name, link, opens] of cases) {
      const editor: number[] = [];
      const embed: number[] = [];
      for (let i = 0; i < runs; i++) {
        // A valid link replaces the diagram (its services are s1, s2); a bomb shows an error notice.
        const shown = opens ? '[data-id="s1"]' : '[data-testid="notice-error"]';
        editor.push(await pasteInEditor(browser, preview.base, link, shown));
        embed.push(
          await openEmbed(
            browser,
            preview.base,
            link,
            opens ? '.react-flow__node' : '[data-testid="embed-problem"]',
          ),
        );
      }
      rows.push({
        name,
        chars: link.length,
        editorMs: Math.round(median(editor)),
        embedMs: Math.round(median(embed)),
      });
    }
    return rows;
  } finally {
    await browser.close();
    preview.stop();
  }
}
