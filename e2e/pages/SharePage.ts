import { readFileSync } from 'node:fs';
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { EditorPage, type DiagramView } from './EditorPage';
import { readRun, type RunView } from './run';

/** What the browser found in an exported PNG (decoded in the page itself). */
export interface PictureCheck {
  width: number;
  height: number;
  /** Share of pixels that differ from the background colour. */
  inked: number;
  /**
   * For each edge: whether its stroke colour is found along it and beside its tip (where only an
   * arrowhead reaches); `tipCovered` when a node or label covers the tip on the canvas itself.
   */
  edges: Array<{ id: string; line: boolean; arrow: boolean; tipCovered: boolean }>;
}

/**
 * Sharing as a person meets it: the Share dialog (link, embed code, files and pictures), Recent
 * diagrams, and the messages about links. Wraps EditorPage for the canvas and the store.
 */
export class SharePage {
  readonly page: Page;
  readonly dialog: Locator;
  readonly recentDialog: Locator;

  constructor(readonly editor: EditorPage) {
    this.page = editor.page;
    this.dialog = this.page.getByTestId('share-dialog');
    this.recentDialog = this.page.getByTestId('recent-dialog');
  }

  /** Opens the app on `path` (a link, an embed, or '/') in this page and waits for it. */
  static async open(page: Page, path = '/'): Promise<SharePage> {
    const editor = new EditorPage(page);
    await editor.open(path);
    return new SharePage(editor);
  }

  async openShare() {
    await this.editor.command('share').click();
    await expect(this.dialog).toBeVisible();
  }

  async closeDialogs() {
    await this.page.keyboard.press('Escape');
    await expect(this.page.locator('dialog[open]')).toHaveCount(0);
  }

  /** The link the Share dialog offers. */
  async link(): Promise<string> {
    return this.dialog.getByTestId('share-link').inputValue();
  }

  /** The embed code the Share dialog offers. */
  async embedCode(): Promise<string> {
    return this.dialog.getByTestId('share-embed').inputValue();
  }

  async setAutoplay(on: boolean) {
    await this.dialog.getByTestId('share-autoplay').setChecked(on);
  }

  /** Clicks an export button and returns the downloaded file. */
  async download(testId: 'export-json' | 'export-png' | 'export-svg'): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.dialog.getByTestId(testId).click(),
    ]);
    return download;
  }

  /** Imports a file through the dialog's file picker. */
  async importFile(name: string, text: string) {
    const [chooser] = await Promise.all([
      this.page.waitForEvent('filechooser'),
      this.dialog.getByTestId('import-json').click(),
    ]);
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  /** Drops a file onto the canvas as a file manager would (a real DataTransfer with a File). */
  async dropFile(name: string, text: string, on: Locator = this.editor.canvas) {
    const transfer = await this.page.evaluateHandle(
      ({ name, text }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type: 'application/json' }));
        return dt;
      },
      { name, text },
    );
    await on.dispatchEvent('dragenter', { dataTransfer: transfer });
    await on.dispatchEvent('dragover', { dataTransfer: transfer });
    await on.dispatchEvent('drop', { dataTransfer: transfer });
  }

  notice(tone: 'info' | 'success' | 'warning' | 'error'): Locator {
    return this.page.getByTestId(`notice-${tone}`);
  }

  async openRecent() {
    await this.editor.command('recent').click();
    await expect(this.recentDialog).toBeVisible();
  }

  /** The names in Recent diagrams, as listed. */
  async recentNames(): Promise<string[]> {
    return this.recentDialog.getByTestId('recent-open').locator('strong').allTextContents();
  }

  recentItem(name: string): Locator {
    return this.recentDialog
      .getByTestId('recent-item')
      .filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** Pastes a link into the address bar of this tab (same document: the app hears the hash change). */
  async pasteIntoAddressBar(link: string) {
    const hash = link.slice(link.indexOf('#'));
    await this.page.evaluate((h) => {
      location.hash = h;
    }, hash);
  }

  async diagram(): Promise<DiagramView> {
    return this.editor.diagram();
  }

  /** The run as the playback reports it (read only). */
  run(): Promise<RunView> {
    return readRun(this.page);
  }

  /** Presses Step `n` times, waiting for each step to land. */
  async step(n: number) {
    const step = this.page.getByTestId('step-button');
    await expect(step).toBeEnabled();
    for (let i = 0; i < n; i++) {
      const before = (await this.run()).now;
      await step.click();
      await expect.poll(async () => (await this.run()).now).toBeGreaterThan(before);
    }
  }

  /**
   * Decodes an exported PNG in the page and checks it against the canvas: its size, how much of it is
   * drawn, and each edge's colour along its middle and beside its tip (where only an arrowhead is wide
   * enough to reach). `padding` and the pixel ratio are the export's (32 flow px, 2×).
   */
  async checkPicture(
    download: Download,
    padding = 32,
  ): Promise<PictureCheck & { expected: { width: number; height: number } }> {
    const path = await download.path();
    const base64 = readFileSync(path).toString('base64');
    return this.page.evaluate(
      async ({ base64, padding }) => {
        // The diagram's bounds in flow coordinates, as React Flow measures its nodes.
        const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')];
        let x0 = Infinity;
        let y0 = Infinity;
        let x1 = -Infinity;
        let y1 = -Infinity;
        for (const n of nodes) {
          const m = new DOMMatrixReadOnly(getComputedStyle(n).transform);
          x0 = Math.min(x0, m.e);
          y0 = Math.min(y0, m.f);
          x1 = Math.max(x1, m.e + n.offsetWidth);
          y1 = Math.max(y1, m.f + n.offsetHeight);
        }
        const w = Math.ceil(x1 - x0 + 2 * padding);
        const h = Math.ceil(y1 - y0 + 2 * padding);
        const ratio = Math.min(2, 8192 / w, 8192 / h);

        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
        const at = (px: number, py: number) => {
          const i = (Math.round(py) * bitmap.width + Math.round(px)) * 4;
          return [data[i]!, data[i + 1]!, data[i + 2]!];
        };
        const bg = at(1, 1);
        const near = (a: number[], b: number[], tol: number) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);
        let inked = 0;
        for (let i = 0; i < data.length; i += 4 * 7) {
          if (!near([data[i]!, data[i + 1]!, data[i + 2]!], bg, 8)) inked++;
        }
        const toImage = (p: { x: number; y: number }) => ({
          x: (p.x - x0 + padding) * ratio,
          y: (p.y - y0 + padding) * ratio,
        });
        /** Whether any pixel within `r` image pixels of `p` has colour `c`. */
        const found = (p: { x: number; y: number }, c: number[], r: number) => {
          for (let dy = -r; dy <= r; dy++)
            for (let dx = -r; dx <= r; dx++) if (near(at(p.x + dx, p.y + dy), c, 40)) return true;
          return false;
        };
        // What covers the canvas above the edges: nodes and edge labels (HTML layers over the SVG).
        const covers = [
          ...document.querySelectorAll('.react-flow__node, .react-flow__edgelabel-renderer > *'),
        ].map((el) => el.getBoundingClientRect());
        const coveredOnScreen = (path: SVGPathElement, p: { x: number; y: number }) => {
          const q = new DOMPoint(p.x, p.y).matrixTransform(path.getScreenCTM()!);
          return covers.some(
            (r) => q.x >= r.left - 2 && q.x <= r.right + 2 && q.y >= r.top - 2 && q.y <= r.bottom + 2,
          );
        };
        const parse = (css: string) => (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
        const edges = [
          ...document.querySelectorAll<SVGPathElement>('.react-flow__edge path.react-flow__edge-path'),
        ].map((path) => {
          const id = path.closest('.react-flow__edge')!.getAttribute('data-id')!;
          const colour = parse(getComputedStyle(path).stroke);
          const length = path.getTotalLength();
          // Clear of the label in the middle and of the nodes at the ends (dotted lines have gaps).
          const along = [0.25, 0.3, 0.35, 0.65, 0.7].map((f) => toImage(path.getPointAtLength(length * f)));
          // 5 flow px before the tip, 2.5 px to each side: outside the line, inside an arrowhead.
          // Measured along the direction the path ends in, as the marker is drawn (orient="auto"),
          // not along the curve: a steep curve still turns in its last pixels, under the arrowhead.
          const tip = path.getPointAtLength(length);
          const before = path.getPointAtLength(length - 0.5);
          const d = Math.hypot(tip.x - before.x, tip.y - before.y) || 1;
          const ahead = { x: (tip.x - before.x) / d, y: (tip.y - before.y) / d };
          const a = { x: tip.x - ahead.x * 5, y: tip.y - ahead.y * 5 };
          const side = { x: -ahead.y, y: ahead.x };
          const left = toImage({ x: a.x + side.x * 2.5, y: a.y + side.y * 2.5 });
          const right = toImage({ x: a.x - side.x * 2.5, y: a.y - side.y * 2.5 });
          return {
            id,
            line: along.some((p) => found(p, colour, 2)),
            arrow: found(left, colour, 1) && found(right, colour, 1),
            tipCovered: coveredOnScreen(path, a),
          };
        });
        return {
          width: bitmap.width,
          height: bitmap.height,
          inked: inked / (data.length / 4 / 7),
          edges,
          expected: { width: w * ratio, height: h * ratio },
        };
      },
      { base64, padding },
    );
  }
}
