import { useStoreApi } from '@xyflow/react';
import { useContext, useEffect, useRef } from 'react';
import { RoutesContext } from '../edgeRoutes';
import type { Box } from '../geometry';
import type { Playback } from '../../playback';
import type { Palette, Theme } from '../../legend';
import { resolvePalette } from '../../legend';
import { anchorBox } from './anchors';
import type { FrameParams } from './painter';
import type { NodeBoxLookup } from './renderer';
import { MessageRenderer } from './renderer';
import { prefersReducedMotion } from '../motion';
import { createLayerSink } from './sinks';
import { litElementsNow } from '../tracePath';

export interface MessageLayerProps {
  playback: Playback;
  /** Called when a message is clicked (the click then goes no further). */
  onSelectMessage?: (messageId: string, correlationId: string) => void;
  selectedMessageId?: string | null;
  /** The correlation to light up; defaults to the selected message's, while it is in flight. */
  selectedCorrelationId?: string | null;
  /** Colours for this theme; when absent, follows `data-theme` / `.dark` on <html>, else the OS. */
  theme?: Theme;
  /** Presenting to a room: larger marks with short trails (see DrawOptions.presenting). */
  presenting?: boolean;
}

let darkQuery: MediaQueryList | null | undefined;

/** Which theme the page shows, when the layer is not told. */
function detectTheme(): Theme {
  const root = document.documentElement;
  const attr = root.dataset.theme;
  if (attr === 'dark' || attr === 'light') return attr;
  if (root.classList.contains('dark')) return 'dark';
  if (root.classList.contains('light')) return 'light';
  if (darkQuery === undefined) darkQuery = window.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
  return darkQuery?.matches ? 'dark' : 'light';
}

/** A canvas for the layer, made here (not by React) so a worker can take it over. */
function makeCanvas(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.className = 'microsim-message-layer';
  canvas.dataset.testid = 'message-layer';
  canvas.setAttribute('aria-hidden', 'true');
  canvas.style.cssText = 'position:absolute;inset:0;pointer-events:none';
  return canvas;
}

/**
 * The messages in flight, drawn on one <canvas> over React Flow. Render it as a child of
 * <ReactFlow>: it reads the viewport and node boxes from React Flow's store in its own
 * requestAnimationFrame loop, so nothing re-renders per frame. Where the browser can, the drawing
 * itself happens in a worker (OffscreenCanvas); the page only says what changed.
 */
export function MessageLayer(props: MessageLayerProps) {
  const { playback } = props;
  const store = useStoreApi();
  const hostRef = useRef<HTMLDivElement>(null);
  const propsRef = useRef(props);
  // The canvas's edge routes: messages ride the same paths as the drawn edges.
  const routes = useContext(RoutesContext);
  const routesRef = useRef(routes);

  useEffect(() => {
    propsRef.current = props;
    routesRef.current = routes;
  });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const canvas = makeCanvas();
    host.append(canvas);
    const sink = createLayerSink(canvas, playback);
    // Hit tests run here whichever side draws: same columns, same layout, same positions.
    const hits = sink.renderer ?? new MessageRenderer();
    let palette: Palette | null = null;
    let paletteTheme: Theme | null = null;
    let reducedMotion = prefersReducedMotion();
    let frames = 0;
    let lastCorrelation: { id: string; runId: number; correlation: string } | null = null;
    let params: FrameParams | null = null;
    let routes: typeof routesRef.current | undefined;
    const last: Record<string, unknown> = {};

    const boxOf: NodeBoxLookup = (id: string, out: Box) => {
      const node = store.getState().nodeLookup.get(id);
      if (!node) return false;
      anchorBox(node, out);
      return true;
    };

    let handle = 0;
    const loop = () => {
      handle = requestAnimationFrame(loop);
      const s = store.getState();
      const p = propsRef.current;
      const dpr = window.devicePixelRatio || 1;
      // Theme and motion preference are re-read every half second: cheap, and a switch shows promptly.
      if (frames++ % 30 === 0 || p.theme !== paletteTheme) {
        reducedMotion = prefersReducedMotion();
        const theme = p.theme ?? detectTheme();
        if (!palette || theme !== paletteTheme) {
          palette = resolvePalette(theme, getComputedStyle(host));
          paletteTheme = theme;
        }
      }
      if (routesRef.current !== routes) {
        routes = routesRef.current;
        sink.setRoutes(routes);
        if (!sink.renderer) hits.setRoutes(routes);
      }
      const frame = p.playback.frame();
      const selected = p.selectedMessageId ?? null;
      let correlation = p.selectedCorrelationId ?? null;
      if (correlation === null && selected !== null) {
        // Ids restart with every run, so the run is part of what the cached correlation is for.
        if (lastCorrelation?.id !== selected || lastCorrelation.runId !== frame.runId) {
          const slot = frame.messages.slotOf(selected);
          lastCorrelation =
            slot >= 0
              ? { id: selected, runId: frame.runId, correlation: frame.messages.correlations[slot]! }
              : null;
        }
        correlation = lastCorrelation?.correlation ?? null;
      }
      const [x, y, zoom] = s.transform;
      // A digest of where the nodes are and how big (a worker is sent new boxes when it changes).
      let nodeSum = s.nodeLookup.size;
      for (const n of s.nodeLookup.values()) {
        const at = n.internals.positionAbsolute;
        nodeSum += at.x * 3 + at.y + (n.measured.width ?? 0) * 7 + (n.measured.height ?? 0) * 11;
        if (n.internals.handleBounds) nodeSum += 0.5;
      }
      // Nothing moved (paused, no pan, no drag): keep last frame's pixels and save the CPU.
      const now = {
        time: frame.time,
        version: frame.messages.version,
        effects: frame.effectsAdded,
        effectsEpoch: frame.effectsEpoch,
        x,
        y,
        zoom,
        w: s.width,
        h: s.height,
        dpr,
        nodes: nodeSum,
        palette,
        selected,
        correlation,
        reducedMotion,
        presenting: p.presenting === true,
        lit: litElementsNow(),
        diagram: frame.diagram,
        routes,
      };
      let changed = false;
      for (const k in now) if (last[k] !== now[k as keyof typeof now]) changed = true;
      if (!changed) return;
      const nodesMoved = last.nodes !== nodeSum || last.diagram !== frame.diagram;
      Object.assign(last, now);
      canvas.style.width = `${s.width}px`;
      canvas.style.height = `${s.height}px`;
      params = {
        time: frame.time,
        speed: frame.speed,
        view: { x, y, zoom },
        dpr,
        options: {
          width: s.width,
          height: s.height,
          palette: palette!,
          highlightCorrelation: correlation,
          selectedMessageId: selected,
          reducedMotion,
          presenting: p.presenting === true,
          lit: now.lit,
        },
      };
      sink.draw(frame, params, boxOf, nodesMoved ? s.nodeLookup : null);
    };
    handle = requestAnimationFrame(loop);

    // Clicks reach the flow below (the canvas ignores pointers) unless they land on a message.
    const flow = store.getState().domNode ?? host.parentElement;
    const onClick = (ev: MouseEvent) => {
      if (!params) return;
      if (!sink.renderer) hits.layout(propsRef.current.playback.frame(), params.view, boxOf, params.options);
      const rect = canvas.getBoundingClientRect();
      const hit = hits.hitTest(ev.clientX - rect.left, ev.clientY - rect.top);
      if (!hit) return;
      ev.stopPropagation();
      ev.preventDefault();
      propsRef.current.onSelectMessage?.(hit.messageId, hit.correlationId);
    };
    flow?.addEventListener('click', onClick, true);
    return () => {
      cancelAnimationFrame(handle);
      flow?.removeEventListener('click', onClick, true);
      sink.dispose();
      canvas.remove();
    };
  }, [store, playback]);

  return (
    <div
      ref={hostRef}
      className="microsim-message-layer-host"
      data-export="exclude"
      aria-hidden="true"
      style={{ position: 'absolute', inset: 0, zIndex: 4, pointerEvents: 'none' }}
    />
  );
}
