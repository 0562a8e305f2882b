/** Browsers refuse canvases much beyond 16k pixels a side; stay well inside. */
export const MAX_IMAGE_SIDE = 8_192;

/** Pixels per picture pixel in a PNG: `scale` (2 by default), lowered so neither side passes MAX_IMAGE_SIDE. */
export function pngScale(width: number, height: number, scale = 2): number {
  return Math.max(0.1, Math.min(scale, MAX_IMAGE_SIDE / width, MAX_IMAGE_SIDE / height));
}

/** The width and height an SVG document declares on its root. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const read = (name: string) => Number(new RegExp(`\\b${name}="([\\d.]+)"`).exec(root)?.[1] ?? 0);
  return { width: read('width'), height: read('height') };
}

/**
 * Draws an SVG document onto a canvas and returns it as a PNG: the same picture as the SVG export,
 * at `scale` pixels per SVG pixel (see pngScale).
 */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const ratio = pngScale(width, height, scale);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('The browser could not draw the image.');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('The browser could not draw the image.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
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
