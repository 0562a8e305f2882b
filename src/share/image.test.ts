// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';

const { downloadBlob, MAX_IMAGE_SIDE, pngScale, svgSize } = await import('./image');

describe('pngScale', () => {
  it('draws at twice the size, lowered for huge diagrams', () => {
    expect(pngScale(800, 300)).toBe(2);
    expect(10_000 * pngScale(10_000, 100)).toBeLessThanOrEqual(MAX_IMAGE_SIDE);
  });
});

describe('svgSize', () => {
  it("reads the root element's width and height", () => {
    expect(
      svgSize('<svg xmlns="http://www.w3.org/2000/svg" width="840" height="340.5"><rect width="9"/></svg>'),
    ).toEqual({
      width: 840,
      height: 340.5,
    });
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
