/**
 * The diagram as a real SVG picture: rectangles, paths and text that any vector editor or slide tool
 * opens (no HTML inside a foreignObject). Pure: the app measures the canvas and hands in a scene.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A small rounded mark with text over a card or an edge: "down", "×4 slow", "circuit open". */
export interface Badge {
  text: string;
  fill: string;
  color: string;
  stroke?: string;
}

export interface SceneService {
  box: Rect;
  name: string;
  subtitle: string;
  /** The kind's colour (stripe, icon). */
  color: string;
  /** The kind's icon: SVG markup in a 24×24 box, drawn in `color`. */
  icon: string;
  /** As running: what the run says over the card, its load (0–1) and state. */
  badges?: Badge[];
  load?: number;
  down?: boolean;
  slow?: boolean;
}

export interface SceneNote {
  box: Rect;
  text: string;
  fill: string;
}

export interface SceneEdge {
  /** SVG path data (the canvas's own curve). */
  path: string;
  /** Where the label stands: its bottom centre, and how wide it may be. */
  labelAt: { x: number; y: number; room: number };
  kind: 'sync' | 'queue' | 'topic' | 'saga';
  color: string;
  width: number;
  dash?: string;
  /** The badge at the label's start (REST, gRPC, the step) and the label's text. */
  tag: string;
  text: string;
  /** As running: marks stacked above the label (circuit state, queue depth); a cut edge. */
  marks?: Badge[];
  cut?: boolean;
}

/** The theme's colours the picture uses besides each element's own. */
export interface ScenePalette {
  background: string;
  panel: string;
  border: string;
  text: string;
  muted: string;
  noteText: string;
  danger: string;
  warning: string;
  success: string;
  track: string;
  font: string;
}

export interface Scene {
  bounds: Rect;
  padding: number;
  services: SceneService[];
  notes: SceneNote[];
  edges: SceneEdge[];
  palette: ScenePalette;
  /** Width of `text` in px at `size` px and `weight` (the app measures with the page's font). */
  measure: (text: string, size: number, weight: number) => number;
}

/** Escapes text for SVG content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const n = (v: number) => String(Math.round(v * 100) / 100);

/** Splits `text` into at most `max` lines no wider than `width`, the last one ellipsised if cut. */
export function wrapText(text: string, width: number, max: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (measure(next) <= width || !line) line = next;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  const kept = lines.slice(0, max).map((l) => fit(l, width, measure));
  if (lines.length > max) kept[max - 1] = fit(`${kept[max - 1]}…`, width, measure);
  return kept;
}

/** `s`, cut with an ellipsis where it would pass `width`. */
export function fit(s: string, width: number, measure: (s: string) => number): string {
  if (measure(s) <= width) return s;
  let cut = s.replace(/…$/, '');
  while (cut.length > 1 && measure(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

function textLines(lines: string[], x: number, y: number, lineHeight: number, attrs: string): string {
  return lines
    .map((l, i) => `<text x="${n(x)}" y="${n(y + i * lineHeight)}" ${attrs}>${escapeXml(l)}</text>`)
    .join('');
}

/** A pill with text, its bottom centre at (x, y); returns its markup and height. */
function badge(b: Badge, x: number, y: number, scene: Scene, anchor: 'middle' | 'start' = 'middle') {
  const size = 10;
  const width = scene.measure(b.text, size, 700) + 12;
  const height = 15;
  const left = anchor === 'middle' ? x - width / 2 : x;
  const stroke = b.stroke ? ` stroke="${b.stroke}"` : '';
  return {
    width,
    markup:
      `<rect x="${n(left)}" y="${n(y - height)}" width="${n(width)}" height="${height}" rx="7.5" fill="${b.fill}"${stroke}/>` +
      `<text x="${n(left + width / 2)}" y="${n(y - 4)}" font-size="${size}" font-weight="700" text-anchor="middle" fill="${b.color}">${escapeXml(b.text)}</text>`,
  };
}

function serviceSvg(s: SceneService, scene: Scene): string {
  const { x, y, width, height } = s.box;
  const p = scene.palette;
  const out: string[] = [];
  const border = s.down ? p.danger : s.slow ? p.warning : p.border;
  const dash = s.down ? ' stroke-dasharray="5 3"' : '';
  out.push(`<g${s.down ? ' opacity="0.6"' : ''}>`);
  out.push(
    `<rect x="${n(x + 0.75)}" y="${n(y + 0.75)}" width="${n(width - 1.5)}" height="${n(height - 1.5)}" rx="12" fill="${p.panel}" stroke="${border}" stroke-width="1.5"${dash}/>`,
  );
  out.push(
    `<rect x="${n(x)}" y="${n(y + 12)}" width="3" height="${n(height - 24)}" rx="1.5" fill="${s.color}"/>`,
  );
  const tile = { x: x + 11.5, y: y + height / 2 - 15 };
  out.push(
    `<rect x="${n(tile.x)}" y="${n(tile.y)}" width="30" height="30" rx="9" fill="${s.color}" fill-opacity="0.13"/>`,
    `<svg x="${n(tile.x + 5)}" y="${n(tile.y + 5)}" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="${s.color}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${s.icon}</svg>`,
  );
  const textX = tile.x + 38;
  const textWidth = x + width - 11.5 - textX;
  const name = wrapText(s.name, textWidth, 2, (t) => scene.measure(t, 13, 600));
  const lineHeight = 16.25;
  const block = name.length * lineHeight + 2 + 14;
  const top = y + height / 2 - block / 2;
  out.push(
    textLines(name, textX, top + 12.5, lineHeight, `font-size="13" font-weight="600" fill="${p.text}"`),
  );
  const sub = fit(s.subtitle, textWidth, (t) => scene.measure(t, 11, 400));
  out.push(
    `<text x="${n(textX)}" y="${n(top + name.length * lineHeight + 2 + 11)}" font-size="11" fill="${p.muted}">${escapeXml(sub)}</text>`,
  );
  if (s.load !== undefined && !s.down) {
    const w = width - 24;
    out.push(
      `<rect x="${n(x + 12)}" y="${n(y + height - 7)}" width="${n(w)}" height="3" rx="1.5" fill="${p.track}"/>`,
    );
    if (s.load > 0) {
      const fill = s.load > 0.85 ? p.danger : p.success;
      out.push(
        `<rect x="${n(x + 12)}" y="${n(y + height - 7)}" width="${n(w * s.load)}" height="3" rx="1.5" fill="${fill}"/>`,
      );
    }
  }
  out.push('</g>');
  let bx = x + 8;
  for (const b of s.badges ?? []) {
    const drawn = badge(b, bx, y + 4, scene, 'start');
    out.push(drawn.markup);
    bx += drawn.width + 4;
  }
  return out.join('');
}

function noteSvg(note: SceneNote, scene: Scene): string {
  const { x, y, width, height } = note.box;
  const size = 12.5;
  const lineHeight = size * 1.45;
  const max = Math.max(1, Math.floor((height - 20) / lineHeight));
  const lines = wrapText(note.text, width - 24, max, (t) => scene.measure(t, size, 400));
  return (
    `<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" rx="4" fill="${note.fill}"/>` +
    textLines(
      lines,
      x + 12,
      y + 10 + size,
      lineHeight,
      `font-size="${size}" fill="${scene.palette.noteText}"`,
    )
  );
}

function edgeLineSvg(e: SceneEdge, scene: Scene, index: number): string {
  const color = e.cut ? scene.palette.danger : e.color;
  const dash = e.cut ? '3 6' : e.dash;
  return `<path d="${e.path}" fill="none" stroke="${color}" stroke-width="${e.width}"${dash ? ` stroke-dasharray="${dash}"` : ''} marker-end="url(#end-${index})"/>`;
}

function edgeLabelSvg(e: SceneEdge, scene: Scene): string {
  const p = scene.palette;
  const size = 10.5;
  const width10 = (t: string) => scene.measure(t, size, 500);
  const tagWidth = e.kind === 'sync' ? scene.measure(e.tag, 9, 700) + 10 : 16;
  const cut = e.cut ? ' ✂ cut' : '';
  const room = Math.min(220, e.labelAt.room);
  const oneLine = tagWidth + 4 + width10(e.text + cut) + 10;
  // Too wide for the gap between its cards: the tag goes above the text, as on the canvas.
  const stacked = oneLine > room;
  const lines = stacked ? wrapText(e.text + cut, Math.max(60, room - 12), 2, width10) : [e.text + cut];
  const width = stacked ? Math.max(tagWidth, ...lines.map(width10)) + 12 : oneLine;
  const height = stacked ? 3 + 16 + 1 + lines.length * 12.6 + 3 : 20;
  const left = e.labelAt.x - width / 2;
  const top = e.labelAt.y - height;
  const radius = e.kind === 'queue' || stacked ? 6 : 10;
  const tagX = stacked ? e.labelAt.x - tagWidth / 2 : left + 3;
  const tagY = stacked ? top + 3 : top + 2;
  const out = [
    `<rect x="${n(left)}" y="${n(top)}" width="${n(width)}" height="${n(height)}" rx="${radius}" fill="${p.panel}" stroke="${e.color}"/>`,
    `<rect x="${n(tagX)}" y="${n(tagY)}" width="${n(tagWidth)}" height="16" rx="${e.kind === 'queue' ? 4 : 8}" fill="${e.color}"/>`,
    `<text x="${n(tagX + tagWidth / 2)}" y="${n(tagY + 11.5)}" font-size="${e.kind === 'sync' ? 9 : 10}" font-weight="700" text-anchor="middle" fill="#fff">${escapeXml(e.tag)}</text>`,
  ];
  const attrs = `font-size="${size}" font-weight="500" fill="${p.text}"`;
  if (stacked)
    out.push(textLines(lines, e.labelAt.x, tagY + 16 + 10.5, 12.6, `${attrs} text-anchor="middle"`));
  else
    out.push(
      `<text x="${n(left + 3 + tagWidth + 4)}" y="${n(top + 14)}" ${attrs}>${escapeXml(e.text)}${e.cut ? `<tspan fill="${p.danger}" font-weight="700">${cut}</tspan>` : ''}</text>`,
    );
  let y = top - 3;
  for (const m of e.marks ?? []) {
    out.push(badge(m, e.labelAt.x, y, scene).markup);
    y -= 18;
  }
  return out.join('');
}

function markers(edges: SceneEdge[], scene: Scene): string {
  return edges
    .map((e, i) => {
      const color = e.cut ? scene.palette.danger : e.color;
      const shape =
        e.kind === 'topic'
          ? `<circle cx="5" cy="5" r="4" fill="${color}"/>`
          : e.kind === 'saga'
            ? `<path d="M0 1 L9 5 L0 9 M4 1 L10 5 L4 9" fill="none" stroke="${color}" stroke-width="1.6"/>`
            : `<path d="M0 0 L10 5 L0 10z" fill="${color}"/>`;
      const size = e.kind === 'topic' ? 6 : e.kind === 'saga' ? 8 : 7;
      const refX = e.kind === 'topic' ? 8 : 9;
      return `<marker id="end-${i}" viewBox="0 0 10 10" refX="${refX}" refY="5" markerWidth="${size}" markerHeight="${size}" orient="auto">${shape}</marker>`;
    })
    .join('');
}

/** The scene as an SVG document, cropped to its bounds plus padding. */
export function sceneSvg(scene: Scene): string {
  const { bounds, padding } = scene;
  const width = Math.ceil(bounds.width + 2 * padding);
  const height = Math.ceil(bounds.height + 2 * padding);
  const ox = n(padding - bounds.x);
  const oy = n(padding - bounds.y);
  const p = scene.palette;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(p.font)}">`,
    `<defs>${markers(scene.edges, scene)}</defs>`,
    `<rect width="100%" height="100%" fill="${p.background}"/>`,
    `<g transform="translate(${ox} ${oy})">`,
    `<g id="notes">${scene.notes.map((x) => noteSvg(x, scene)).join('')}</g>`,
    `<g id="edges">${scene.edges.map((e, i) => edgeLineSvg(e, scene, i)).join('')}</g>`,
    `<g id="services">${scene.services.map((s) => serviceSvg(s, scene)).join('')}</g>`,
    `<g id="labels">${scene.edges.map((e) => edgeLabelSvg(e, scene)).join('')}</g>`,
    '</g></svg>',
  ].join('\n');
}
