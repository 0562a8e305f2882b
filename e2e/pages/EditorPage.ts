import { expect, type Locator, type Page } from '@playwright/test';

import type { Diagram, Edge, Service } from '../../src/model/schema';
import { EDGE_KINDS, SERVICE_KINDS, type EdgeKind, type ServiceKind } from '../../src/model/schema';
import { checkoutExample } from '../../src/scenarios/checkout';
import { STORAGE_PREFIX } from '../../src/storage/storage';

export { EDGE_KINDS, SERVICE_KINDS, type EdgeKind, type ServiceKind };

/**
 * What the specs read back from the app's store: the diagram as the schema types it, with the
 * kind-specific fields of edges and latencies readable without narrowing first.
 */
export type ServiceView = Omit<Service, 'latency'> & { latency: Record<string, number | string> };
export type EdgeView = Pick<Edge, 'id' | 'from' | 'to' | 'kind'> & { [field: string]: unknown };
export type DiagramView = Omit<Diagram, 'services' | 'edges'> & {
  services: ServiceView[];
  edges: EdgeView[];
};
export interface StateView {
  diagram: DiagramView;
  selection: string[];
  defaultEdgeKind: string;
  theme: string;
  past: number;
  future: number;
}

/** The ids of the built-in Checkout example, which a first visit opens on (read from the example itself). */
export const EXAMPLE = {
  services: checkoutExample.services.map((service) => service.id),
  edges: checkoutExample.edges.map((edge) => edge.id),
};

/** Where the app autosaves the current diagram. */
export const STORAGE_KEY = `${STORAGE_PREFIX}:current`;

/** A place on the canvas as fractions of its width and height (0,0 top-left; 1,1 bottom-right). */
export interface Spot {
  x: number;
  y: number;
}

/** Where clickEmpty looks for an empty spot of the canvas, in order. */
const EMPTY_SPOTS: readonly Spot[] = [
  { x: 0.5, y: 0.97 },
  { x: 0.5, y: 0.03 },
  { x: 0.75, y: 0.97 },
  { x: 0.97, y: 0.5 },
  { x: 0.75, y: 0.03 },
];

/**
 * The editor as a person meets it: palette, canvas, inspector, top bar. Actions go through the mouse
 * and keyboard; the store (`window.__microsim.store`) is only read, to assert what the actions did.
 */
export class EditorPage {
  readonly canvas: Locator;
  readonly inspector: Locator;
  readonly kindPicker: Locator;
  readonly renameInput: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('canvas');
    this.inspector = page.getByTestId('inspector');
    this.kindPicker = page.getByTestId('kind-picker');
    this.renameInput = page.getByTestId('rename-input');
  }

  /** Opens the app and waits until the diagram is drawn. */
  async open(path = '/') {
    await this.page.goto(path);
    await this.ready();
  }

  /** Waits for the bootstrapped store and a settled canvas. */
  async ready() {
    await this.page.waitForFunction(() => '__microsim' in window);
    await expect(this.canvas.locator('.react-flow__viewport')).toBeAttached();
    await this.settled();
  }

  /** Waits until the canvas transform stops changing (fit-view and tidy animations). */
  async settled() {
    const viewport = this.canvas.locator('.react-flow__viewport');
    let last = '';
    await expect
      .poll(async () => {
        const now = await viewport.evaluate((el) => getComputedStyle(el).transform);
        const same = now === last;
        last = now;
        return same;
      })
      .toBe(true);
  }

  // ---- reading state -------------------------------------------------------------------------

  /** A JSON snapshot of the store. */
  async state(): Promise<StateView> {
    return this.page.evaluate(() => {
      const s = window.__microsim!.store.getState();
      return JSON.parse(
        JSON.stringify({
          diagram: s.diagram,
          selection: s.selection,
          defaultEdgeKind: s.defaultEdgeKind,
          theme: s.theme,
          past: s.history.past.length,
          future: s.history.future.length,
        }),
      ) as StateView;
    });
  }

  async diagram(): Promise<DiagramView> {
    return (await this.state()).diagram;
  }

  async service(id: string): Promise<ServiceView> {
    const s = (await this.diagram()).services.find((x) => x.id === id);
    if (!s) throw new Error(`no service ${id} in the store`);
    return s;
  }

  async edge(id: string): Promise<EdgeView> {
    const e = (await this.diagram()).edges.find((x) => x.id === id);
    if (!e) throw new Error(`no edge ${id} in the store`);
    return e;
  }

  async serviceIds(): Promise<string[]> {
    return (await this.diagram()).services.map((s) => s.id);
  }

  async edgeIds(): Promise<string[]> {
    return (await this.diagram()).edges.map((e) => e.id);
  }

  async selection(): Promise<string[]> {
    return (await this.state()).selection;
  }

  /** What is saved in local storage under `key` (the autosave by default). */
  async stored(key = STORAGE_KEY): Promise<string | null> {
    return this.page.evaluate((k) => localStorage.getItem(k), key);
  }

  /**
   * Leaves the app for another page of its origin and writes `raw` under `key` there, as an older
   * session or another tool would have left it: the app (which saves a pending change on its way out)
   * is not running while the data is put in place.
   */
  async putInStorageWhileAway(key: string, raw: string) {
    await this.page.goto('/favicon.svg');
    await this.page.evaluate(({ k, v }) => localStorage.setItem(k, v), { k: key, v: raw });
  }

  /** Waits until the autosave holds the diagram currently in the store. */
  async waitForAutosave() {
    await expect
      .poll(async () =>
        this.page.evaluate((k) => {
          const raw = localStorage.getItem(k);
          if (raw === null) return false;
          // The autosave is an envelope { format, savedAt, diagram }.
          const saved = (JSON.parse(raw) as { diagram?: unknown }).diagram;
          return JSON.stringify(saved) === JSON.stringify(window.__microsim!.store.getState().diagram);
        }, STORAGE_KEY),
      )
      .toBe(true);
  }

  // ---- locators ------------------------------------------------------------------------------

  /** The React Flow wrapper of a node (what takes clicks and drags). */
  node(id: string): Locator {
    return this.canvas.locator(`.react-flow__node[data-id="${id}"]`);
  }

  serviceCard(id: string): Locator {
    return this.page.getByTestId(`service-${id}`);
  }

  edgeLabel(id: string): Locator {
    return this.page.getByTestId(`edge-label-${id}`);
  }

  edgePath(id: string): Locator {
    return this.canvas.locator(`.react-flow__edge[data-id="${id}"] path.react-flow__edge-path`);
  }

  field(name: string): Locator {
    return this.inspector.getByTestId(`field-${name}`);
  }

  /** The error message shown under an inspector field. */
  fieldError(name: string): Locator {
    return this.inspector
      .locator('.field', { has: this.page.getByTestId(`field-${name}`) })
      .getByRole('alert');
  }

  command(id: string): Locator {
    return this.page.getByTestId(`cmd-${id}`);
  }

  // ---- palette -------------------------------------------------------------------------------

  /**
   * A point on the canvas in page pixels. Specs place things by fractions of the canvas (0–1 across
   * and down), so a resized panel or a docked overlay in a corner doesn't move them off the canvas.
   */
  async canvasPoint(at: Spot): Promise<{ x: number; y: number }> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('canvas not visible');
    return { x: box.x + at.x * box.width, y: box.y + at.y * box.height };
  }

  /**
   * Drags a palette item onto the canvas with a real HTML5 drag (Playwright's dragTo: dragstart,
   * dragover and drop with the browser's own DataTransfer), dropping at `at`.
   * Returns the id of the element the drop created.
   */
  async dragFromPalette(kind: ServiceKind | 'note', at: Spot): Promise<string> {
    const before = await this.allIds();
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('canvas not visible');
    await this.page
      .getByTestId(`palette-${kind}`)
      .dragTo(this.canvas, { targetPosition: { x: at.x * box.width, y: at.y * box.height } });
    let added = '';
    await expect
      .poll(async () => {
        const ids = (await this.allIds()).filter((id) => !before.includes(id));
        added = ids[0] ?? '';
        return ids.length;
      }, `dropping ${kind} adds one element`)
      .toBe(1);
    return added;
  }

  private async allIds(): Promise<string[]> {
    const d = await this.diagram();
    return [...d.services, ...d.notes].map((x) => x.id);
  }

  // ---- canvas gestures -----------------------------------------------------------------------

  /**
   * Drags from one service's out handle to another's in handle, in small steps like a hand.
   * `grab` moves both the press and the drop that many pixels off each handle's centre.
   */
  async connect(from: string, to: string, grab = { dx: 0, dy: 0 }): Promise<string> {
    const before = await this.edgeIds();
    const srcCentre = await this.center(this.node(from).locator('.react-flow__handle.source'));
    const dstCentre = await this.center(this.node(to).locator('.react-flow__handle.target'));
    const src = { x: srcCentre.x + grab.dx, y: srcCentre.y + grab.dy };
    const dst = { x: dstCentre.x - grab.dx, y: dstCentre.y + grab.dy };
    await this.page.mouse.move(src.x, src.y);
    await this.page.mouse.down();
    await this.page.mouse.move(src.x + 20, src.y + 5, { steps: 4 });
    await this.page.mouse.move(dst.x, dst.y, { steps: 12 });
    await this.page.mouse.up();
    let added = '';
    await expect
      .poll(async () => {
        const ids = (await this.edgeIds()).filter((id) => !before.includes(id));
        added = ids[0] ?? '';
        return ids.length;
      }, `dragging ${from} → ${to} adds one edge`)
      .toBe(1);
    return added;
  }

  /** Drags a node by its body by (dx, dy) screen pixels. */
  async dragNode(id: string, dx: number, dy: number) {
    const c = await this.center(this.node(id));
    await this.page.mouse.move(c.x, c.y);
    await this.page.mouse.down();
    await this.page.mouse.move(c.x + dx / 2, c.y + dy / 2, { steps: 5 });
    await this.page.mouse.move(c.x + dx, c.y + dy, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Draws a selection box with Shift held, between two points in page pixels. */
  async boxSelect(a: { x: number; y: number }, b: { x: number; y: number }) {
    await this.page.keyboard.down('Shift');
    await this.page.mouse.move(a.x, a.y);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
    await this.page.mouse.move(b.x, b.y, { steps: 5 });
    await this.page.mouse.up();
    await this.page.keyboard.up('Shift');
  }

  /** Pans the canvas by dragging an empty spot of it by (dx, dy) pixels. */
  async pan(from: Spot, dx: number, dy: number) {
    const a = await this.canvasPoint(from);
    await this.page.mouse.move(a.x, a.y);
    await this.page.mouse.down();
    await this.page.mouse.move(a.x + dx, a.y + dy, { steps: 8 });
    await this.page.mouse.up();
  }

  /**
   * Clicks an empty spot of the canvas (clears the selection): `at`, which must be empty, or else
   * the first empty one of a few spots along the edges, low in the middle first (inside fit-view's
   * padding, clear of the zoom controls, minimap and docked panels). Where the diagram lies after a
   * resize depends on timing (a phone's canvas keeps the view it had), so no one spot is always free.
   */
  async clickEmpty(at?: Spot) {
    for (const spot of at ? [at] : EMPTY_SPOTS) {
      const p = await this.canvasPoint(spot);
      const onPane = await this.page.evaluate(
        ({ x, y }) => !!document.elementFromPoint(x, y)?.closest('.react-flow__pane'),
        p,
      );
      if (!onPane) continue;
      await this.page.mouse.click(p.x, p.y);
      return;
    }
    const tried = (at ? [at] : EMPTY_SPOTS).map((s) => `(${s.x}, ${s.y})`).join(', ');
    throw new Error(`${tried} of the canvas ${at ? 'is' : 'are all'} covered, not empty`);
  }

  /** Clicks an edge's line halfway along it (where a zoomed-out canvas shows no label). */
  async clickEdgeLine(id: string) {
    const at = await this.edgePath(id).evaluate((el) => {
      const path = el as SVGPathElement;
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      const m = path.getScreenCTM()!;
      return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
    });
    await this.page.mouse.click(at.x, at.y);
  }

  /** Selects an edge by clicking its label. */
  async selectEdge(id: string) {
    await this.edgeLabel(id).click();
  }

  async center(l: Locator): Promise<{ x: number; y: number }> {
    await expect(l).toBeVisible();
    const box = await l.boundingBox();
    if (!box) throw new Error('element has no box');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  /** Zooms with the canvas's zoom buttons until the zoom is below (`out`) or above (`in`) `zoom`. */
  async zoomPast(direction: 'in' | 'out', zoom: number) {
    const button = this.canvas.getByRole('button', { name: `zoom ${direction}` });
    const past = async () => {
      const now = (await this.viewportTransform()).zoom;
      return direction === 'out' ? now < zoom : now > zoom;
    };
    for (let i = 0; i < 12 && !(await past()); i++) {
      await button.click();
      await this.settled();
    }
    expect(await past(), `zoomed ${direction} past ${zoom}`).toBe(true);
  }

  /** An empty spot of the canvas near its middle (the pane itself), to drag the view by. */
  emptyCanvasSpot(): Promise<{ x: number; y: number }> {
    return this.page.evaluate(() => {
      const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
      for (let d = 0; d < 300; d += 6)
        for (const [x, y] of [
          [pane.left + pane.width / 2 + d, pane.top + pane.height / 2],
          [pane.left + pane.width / 2 - d, pane.top + pane.height / 2 + d / 2],
        ])
          if (document.elementFromPoint(x!, y!)?.classList.contains('react-flow__pane'))
            return { x: x!, y: y! };
      throw new Error('no empty spot of the canvas');
    });
  }

  /** The flow-to-screen transform the canvas currently shows. */
  async viewportTransform(): Promise<{ x: number; y: number; zoom: number }> {
    return this.canvas.locator('.react-flow__viewport').evaluate((el) => {
      const m = new DOMMatrixReadOnly(getComputedStyle(el).transform);
      return { x: m.e, y: m.f, zoom: m.a };
    });
  }

  /** The computed look of an edge's line. */
  async edgeLook(id: string): Promise<{ stroke: string; dash: string; marker: string; width: string }> {
    return this.edgePath(id).evaluate((el) => {
      const cs = getComputedStyle(el);
      return {
        stroke: cs.stroke,
        dash: cs.strokeDasharray,
        marker: el.getAttribute('marker-end') ?? '',
        width: cs.strokeWidth,
      };
    });
  }
}
