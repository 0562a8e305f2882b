import { buildIfNeeded, KEEP_NAMES_SHIM, launchChromium, startPreview } from './serve';
buildIfNeeded(true, true, console.log);
const preview = await startPreview();
const browser = await launchChromium();
const sizes = [
  { name: 'laptop', width: 1440, height: 900 },
  { name: 'projector', width: 1280, height: 720 },
  { name: 'phone', width: 390, height: 844 },
];
for (const scheme of ['light', 'dark'] as const)
  for (const size of sizes) {
    const ctx = await browser.newContext({ viewport: size, colorScheme: scheme, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    await page.addInitScript(KEEP_NAMES_SHIM);
    await page.goto(preview.base + '/');
    await page.waitForSelector('.react-flow__node[data-id="gateway"]');
    await page.keyboard.press('m');
    await page.waitForTimeout(800);
    await page.evaluate(() => {
      const p = (window as any).__microsim.playback;
      p.setSpeed(10);
      p.play();
    });
    await page.waitForTimeout(2500);
    await page.evaluate(() => (window as any).__microsim.playback.pause());
    await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/lead/shot-${scheme}-${size.name}.png` });
    await ctx.close();
  }
await browser.close();
preview.stop();
