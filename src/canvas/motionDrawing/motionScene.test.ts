import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutExample } from '../../scenarios';
import { buildMotionScene, wrapText, type MotionColours, type SceneNode } from './motionScene';

/** Every character 7 px wide: widths are easy to reason about. */
const measure = (text: string) => text.length * 7;

/** Records the path it is given, as a canvas's Path2D would draw it (Node has none). */
class RecordingPath {
  readonly steps: number[][] = [];
  moveTo(x: number, y: number) {
    this.steps.push([x, y]);
  }
  bezierCurveTo(...points: number[]) {
    this.steps.push(points);
  }
}

const colours: MotionColours = {
  panel: 'white',
  border: 'grey',
  text: 'black',
  accent: 'blue',
  danger: 'red',
  note: 'yellow',
  kind: { client: 'a', gateway: 'b', service: 'c', database: 'd', external: 'e', orchestrator: 'f' },
  edge: { sync: 's', queue: 'q', topic: 't', saga: 'g' },
};

/** React Flow's nodes for the Checkout example: each card 172 × 64 with its measured handles. */
function flowNodes(): Map<string, SceneNode> {
  const nodes = new Map<string, SceneNode>();
  for (const s of checkoutExample.services)
    nodes.set(s.id, {
      data: {},
      measured: { width: 172, height: 64 },
      internals: {
        positionAbsolute: s.position,
        handleBounds: {
          source: [{ x: 165, y: 26, width: 12, height: 12 }],
          target: [{ x: -5, y: 26, width: 12, height: 12 }],
        },
      },
    });
  return nodes;
}

function scene(overview: boolean, selection: string[] = []) {
  return buildMotionScene({
    nodes: flowNodes(),
    services: checkoutExample.services,
    notes: [],
    edges: checkoutExample.edges,
    routes: null,
    labelPlaces: new Map(
      checkoutExample.edges.map((e) => [
        e.id,
        { t: 0.5, dx: 0, dy: 0, box: { x: 0, y: 0, width: 100, height: 22 } },
      ]),
    ),
    selection: new Set(selection),
    isDown: (id) => id === 'payment',
    isCut: () => false,
    colours,
    overview,
    font: 'sans-serif',
    measure,
  });
}

describe('the moving view’s snapshot', () => {
  const original = globalThis.Path2D;
  beforeAll(() => {
    globalThis.Path2D = RecordingPath as unknown as typeof Path2D;
  });
  afterAll(() => {
    globalThis.Path2D = original;
  });

  it('has every card where React Flow has it, with its kind, selection and state', () => {
    const { cards } = scene(false, ['orders']);
    expect(cards).toHaveLength(checkoutExample.services.length);
    const orders = cards.find((c) => c.lines.join(' ') === 'Order Service')!;
    const service = checkoutExample.services.find((s) => s.id === 'orders')!;
    expect(orders).toMatchObject({
      ...service.position,
      width: 172,
      height: 64,
      selected: true,
      down: false,
    });
    expect(cards.filter((c) => c.down)).toHaveLength(1);
  });

  it('runs each edge from its source’s out handle to its target’s in handle', () => {
    const { edges } = scene(false);
    expect(edges).toHaveLength(checkoutExample.edges.length);
    const first = checkoutExample.edges[0]!;
    const from = checkoutExample.services.find((s) => s.id === first.from)!.position;
    const to = checkoutExample.services.find((s) => s.id === first.to)!.position;
    const path = edges[0]!.path as unknown as RecordingPath;
    expect(path.steps[0]).toEqual([from.x + 177, from.y + 32]);
    expect(path.steps.at(-1)!.slice(-2)).toEqual([to.x - 5, to.y + 32]);
    expect(edges[0]!.end).toMatchObject({ x: to.x - 5, y: to.y + 32, angle: 0 });
  });

  it('draws labels where the canvas placed them, and none zoomed out (as the DOM shows none)', () => {
    const near = scene(false);
    expect(near.labels).toHaveLength(checkoutExample.edges.length);
    expect(near.labels[0]!.box).toMatchObject({ y: 2, height: 20 });
    expect(near.labels[0]!.box.x + near.labels[0]!.box.width / 2).toBe(50);
    expect(scene(true).labels).toEqual([]);
  });
});

describe('wrapText', () => {
  it('keeps a name that fits on one line', () => {
    expect(wrapText(measure, 'Orders', 100, 'f', 2)).toEqual(['Orders']);
  });

  it('breaks between words, and ends the last allowed line in an ellipsis when the name goes on', () => {
    expect(wrapText(measure, 'Order Service', 70, 'f', 2)).toEqual(['Order', 'Service']);
    expect(wrapText(measure, 'The very long order service name', 70, 'f', 2)).toEqual([
      'The very',
      'long orde…',
    ]);
  });

  it('cuts a single word wider than the card', () => {
    expect(wrapText(measure, 'Supercalifragilistic', 70, 'f', 1)).toEqual(['Supercali…']);
  });

  it('gives one empty line for an empty name', () => {
    expect(wrapText(measure, '', 70, 'f', 2)).toEqual(['']);
  });
});
