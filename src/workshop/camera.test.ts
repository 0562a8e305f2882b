import { describe, expect, it } from 'vitest';
import { between, cameraOf, PRESENT_MIN_ZOOM, sceneViewport } from './camera';

/** A service's name in the presentation theme, in px at zoom 1 (present.css). */
const PRESENT_NAME_PX = 20;

describe('the presenting camera', () => {
  it('fits a whole small diagram, and a large one no further out than names 18 px on screen', () => {
    const screen = { width: 1280, height: 600 };
    const small = sceneViewport(null, { x: 0, y: 0, width: 800, height: 300 }, screen);
    expect(small.zoom).toBeGreaterThan(1);
    const large = sceneViewport(null, { x: 0, y: 0, width: 5000, height: 3000 }, screen);
    expect(large.zoom).toBe(PRESENT_MIN_ZOOM);
    expect(PRESENT_NAME_PX * large.zoom).toBeGreaterThanOrEqual(18);
  });

  it('shows the top-left corner of a diagram too large for the screen, so no top card is cut in half', () => {
    const screen = { width: 1280, height: 300 };
    // Wide enough to fit across, too tall for a short stage (a scene's panels under it).
    const bounds = { x: 40, y: 60, width: 1100, height: 460 };
    const v = sceneViewport(null, bounds, screen);
    expect(v.zoom).toBe(PRESENT_MIN_ZOOM);
    expect(bounds.y * v.zoom + v.y).toBeCloseTo(40);
    // Across, it fits: still centred.
    const left = bounds.x * v.zoom + v.x;
    const right = screen.width - ((bounds.x + bounds.width) * v.zoom + v.x);
    expect(left).toBeCloseTo(right);
    // Larger both ways: the top-left corner.
    const huge = sceneViewport(null, { x: -200, y: -100, width: 5000, height: 3000 }, screen);
    expect(-200 * huge.zoom + huge.x).toBeCloseTo(40);
    expect(-100 * huge.zoom + huge.y).toBeCloseTo(40);
  });

  it("fits a scene's own camera as the author framed it, on any screen", () => {
    const camera = cameraOf({ x: -100, y: -50, zoom: 2 }, { width: 800, height: 400 });
    expect(camera).toEqual({ x: 50, y: 25, width: 400, height: 200 });
    const v = sceneViewport(camera, { x: 0, y: 0, width: 1, height: 1 }, { width: 1600, height: 800 });
    expect(v.zoom).toBeCloseTo(4);
    // The camera's top-left corner lands on the screen's.
    expect(camera.x * v.zoom + v.x).toBeCloseTo(0);
    expect(camera.y * v.zoom + v.y).toBeCloseTo(0);
  });

  it('travels evenly: halfway in zoom is the geometric mean', () => {
    const mid = between({ x: 0, y: 0, zoom: 1 }, { x: 100, y: 50, zoom: 4 }, 0.5);
    expect(mid).toEqual({ x: 50, y: 25, zoom: 2 });
  });
});
