// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fit, sceneSvg, wrapText, type Scene } from './svg';

const measure = (text: string, size: number) => text.length * size * 0.6;

function scene(running: boolean): Scene {
  return {
    bounds: { x: 0, y: 0, width: 500, height: 200 },
    padding: 32,
    measure,
    palette: {
      background: '#fbfbfe',
      panel: '#fff',
      border: '#e2e5ee',
      text: '#1c2033',
      muted: '#687089',
      noteText: '#3b3320',
      danger: '#dc2626',
      warning: '#d97706',
      success: '#059669',
      track: '#eee',
      font: "system-ui, 'Segoe UI', sans-serif",
    },
    services: [
      {
        box: { x: 0, y: 0, width: 172, height: 64 },
        name: 'Orders & <Payments>',
        subtitle: '4 slots · ~25 ms',
        color: '#4f46e5',
        icon: '<circle cx="12" cy="12" r="9"></circle>',
        ...(running
          ? { badges: [{ text: 'down', fill: '#dc2626', color: '#fff' }], down: true, load: 0.5 }
          : {}),
      },
      {
        box: { x: 300, y: 0, width: 172, height: 64 },
        name: 'Bank',
        subtitle: '8 slots',
        color: '#ea580c',
        icon: '<path d="M3 12h18"></path>',
      },
    ],
    notes: [{ box: { x: 0, y: 120, width: 200, height: 80 }, text: 'Watch the\nqueue', fill: '#fef3c7' }],
    edges: [
      {
        path: 'M177,32 C240,32 240,32 295,32',
        labelAt: { x: 236, y: 28, room: 110 },
        kind: 'sync',
        color: '#4f46e5',
        width: 2,
        tag: 'REST',
        text: 'POST /charges',
        ...(running ? { marks: [{ text: 'CIRCUIT OPEN', fill: '#dc2626', color: '#fff' }], cut: true } : {}),
      },
    ],
  };
}

const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml');
const texts = (doc: Document) => [...doc.querySelectorAll('text')].map((t) => t.textContent);

describe('sceneSvg', () => {
  it('is well-formed SVG of shapes and text: no HTML, no foreignObject', () => {
    const svg = sceneSvg(scene(false));
    const doc = parse(svg);
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.documentElement.localName).toBe('svg');
    expect(doc.documentElement.getAttribute('width')).toBe('564');
    expect(svg).not.toContain('foreignObject');
    expect(doc.querySelectorAll('rect').length).toBeGreaterThan(5);
    expect(doc.querySelectorAll('path[marker-end]').length).toBe(1);
  });

  it('writes every name, subtitle, label and note as text, escaped', () => {
    const doc = parse(sceneSvg(scene(false)));
    const all = texts(doc).join(' | ');
    for (const t of [
      'Orders &',
      '<Payments>',
      'Bank',
      '4 slots · ~25 ms',
      'REST',
      'POST /charges',
      'Watch the',
      'queue',
    ])
      expect(all).toContain(t);
  });

  it('diagram only leaves the run out; as running draws its badges and marks', () => {
    const plain = texts(parse(sceneSvg(scene(false))));
    expect(plain).not.toContain('down');
    expect(plain).not.toContain('CIRCUIT OPEN');
    const running = parse(sceneSvg(scene(true)));
    expect(texts(running)).toContain('down');
    expect(texts(running)).toContain('CIRCUIT OPEN');
    expect(running.querySelector('path[stroke-dasharray="3 6"]')).not.toBeNull();
  });
});

describe('wrapText and fit', () => {
  const m = (s: string) => s.length * 10;

  it('wraps at words, and cuts the last allowed line with an ellipsis', () => {
    expect(wrapText('Payment Service', 100, 2, m)).toEqual(['Payment', 'Service']);
    expect(wrapText('one two three four', 90, 2, m)).toEqual(['one two', 'three…']);
  });

  it('fit shortens a line to the width', () => {
    expect(fit('abcdefghij', 50, m)).toBe('abcd…');
    expect(fit('abc', 50, m)).toBe('abc');
  });
});
