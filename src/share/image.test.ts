// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: Array<{ fn: string; node: HTMLElement; options: Record<string, unknown> }> = [];
vi.mock('html-to-image', () => ({
  toSvg: (node: HTMLElement, options: Record<string, unknown>) => {
    calls.push({ fn: 'toSvg', node, options });
    return Promise.resolve('data:image/svg+xml;charset=utf-8,<svg/>');
  },
  toBlob: (node: HTMLElement, options: Record<string, unknown>) => {
    calls.push({ fn: 'toBlob', node, options });
    return Promise.resolve(new Blob(['png'], { type: 'image/png' }));
  },
}));

const { downloadBlob, exportImage, imageFrame, MAX_IMAGE_SIDE } = await import('./image');

beforeEach(() => {
  calls.length = 0;
});

describe('imageFrame', () => {
  it('crops to the bounds plus padding, whatever the current pan and zoom', () => {
    expect(imageFrame({ x: -100, y: 40, width: 800, height: 300 }, 20, 2)).toEqual({
      width: 840,
      height: 340,
      pixelRatio: 2,
      transform: 'translate(120px, -20px) scale(1)',
    });
  });

  it('lowers the pixel ratio for huge diagrams', () => {
    const f = imageFrame({ x: 0, y: 0, width: 10_000, height: 100 }, 0, 2);
    expect(f.width * f.pixelRatio).toBeLessThanOrEqual(MAX_IMAGE_SIDE);
  });
});

describe('exportImage', () => {
  const viewport = document.createElement('div');
  const bounds = { x: 10, y: 20, width: 300, height: 200 };

  it('PNG: a Blob, at the frame size with the theme background', async () => {
    const out = await exportImage(viewport, { format: 'png', bounds, background: '#0b1020', padding: 10 });
    expect(out).toBeInstanceOf(Blob);
    expect(calls[0]).toMatchObject({
      fn: 'toBlob',
      node: viewport,
      options: {
        backgroundColor: '#0b1020',
        width: 320,
        height: 220,
        pixelRatio: 2,
        style: { width: '320px', height: '220px', transform: 'translate(0px, -10px) scale(1)' },
      },
    });
  });

  it('SVG: a data URL; elements marked data-export="exclude" are left out', async () => {
    const out = await exportImage(viewport, { format: 'svg', bounds, background: 'white' });
    expect(out).toMatch(/^data:image\/svg\+xml/);
    const filter = calls[0]!.options.filter as (n: HTMLElement) => boolean;
    const hidden = document.createElement('div');
    hidden.dataset.export = 'exclude';
    expect(filter(hidden)).toBe(false);
    expect(filter(document.createElement('div'))).toBe(true);
  });
});

describe('downloadBlob', () => {
  it('clicks a download link with the name', () => {
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(`${this.download} ${this.href.slice(0, 20)}`);
    });
    downloadBlob('checkout.svg', 'data:image/svg+xml;charset=utf-8,<svg/>');
    expect(clicked).toEqual(['checkout.svg data:image/svg+xml;c']);
    expect(document.querySelector('a[download]')).toBeNull();
  });
});
