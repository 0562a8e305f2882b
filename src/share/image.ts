import { toBlob, toSvg } from 'html-to-image';
import { withCompactStyles } from './compactStyles';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ImageOptions {
  format: 'png' | 'svg';
  /** The diagram's bounds in flow coordinates (React Flow's getNodesBounds of every node). */
  bounds: Bounds;
  /** The page background of the current theme, so the image looks like the app. */
  background: string;
  /** Space around the diagram, in flow pixels. Default 32. */
  padding?: number;
  /** Pixels per flow pixel in a PNG (default 2, lowered if the image would pass MAX_IMAGE_PIXELS). */
  scale?: number;
  /** Elements to leave out (HTML or SVG), besides those marked `data-export="exclude"`. */
  exclude?: (element: Element) => boolean;
  /**
   * Elements outside `element` that it refers to (SVG `<defs>` with the edges' arrowheads): copied into
   * it for the capture, since the captured copy can only resolve `url(#…)` within itself.
   */
  inline?: Iterable<Element>;
}

/** Browsers refuse canvases much beyond 16k pixels a side; stay well inside. */
export const MAX_IMAGE_SIDE = 8_192;

/** The size, CSS transform and pixel ratio that crop the viewport element to exactly `bounds`. */
export function imageFrame(bounds: Bounds, padding = 32, scale = 2) {
  const width = Math.max(1, Math.ceil(bounds.width + 2 * padding));
  const height = Math.max(1, Math.ceil(bounds.height + 2 * padding));
  const pixelRatio = Math.max(0.1, Math.min(scale, MAX_IMAGE_SIDE / width, MAX_IMAGE_SIDE / height));
  // The viewport element normally carries the pan/zoom; replacing it puts the bounds' corner at the padding.
  const transform = `translate(${padding - bounds.x}px, ${padding - bounds.y}px) scale(1)`;
  return { width, height, pixelRatio, transform };
}

/**
 * Renders the diagram to PNG (a Blob) or SVG (a data URL), cropped to its bounds. Pass React Flow's
 * viewport element (`.react-flow__viewport`): this sets its transform for the capture, so the crop is
 * exact whatever the current pan and zoom.
 */
export async function exportImage(element: HTMLElement, options: ImageOptions): Promise<Blob | string> {
  const frame = imageFrame(options.bounds, options.padding, options.scale);
  // html-to-image copies every computed style of every element it keeps: each one left out counts.
  const filter = (node: Node) =>
    !(node instanceof Element) ||
    ((node as HTMLElement | SVGElement).dataset?.export !== 'exclude' && !options.exclude?.(node));
  const common = {
    backgroundColor: options.background,
    width: frame.width,
    height: frame.height,
    style: { width: `${frame.width}px`, height: `${frame.height}px`, transform: frame.transform },
    filter,
  };
  // The originals come earlier in the page, so the page itself keeps resolving url(#…) to them.
  const copies = [...(options.inline ?? [])].map((el) => el.cloneNode(true) as Element);
  for (const c of [...copies].reverse()) element.insertBefore(c, element.firstChild);
  try {
    return await withCompactStyles(element, async () => {
      if (options.format === 'svg') return await toSvg(element, common);
      const blob = await toBlob(element, { ...common, pixelRatio: frame.pixelRatio });
      if (!blob) throw new Error('The browser could not draw the image.');
      return blob;
    });
  } finally {
    for (const c of copies) c.remove();
  }
}

/** Saves a Blob or data URL as a file download called `name`. */
export function downloadBlob(name: string, data: Blob | string): void {
  const url = typeof data === 'string' ? data : URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  if (typeof data !== 'string') setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
