import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { Box } from '../geometry';
import type { Playback } from '../../playback';
import type { Palette, Theme } from '../../playback/legend';
import { resolvePalette } from '../../playback/legend';
import { anchorBox } from './anchors';
import type { NodeBoxLookup } from './renderer';
import { MessageRenderer } from './renderer';

export interface MessageLayerProps {
  playback: Playback;
  /** Called when a message is clicked (the click then goes no further). */
  onSelectMessage?: (messageId: string, correlationId: string) => void;
  selectedMessageId?: string | null;
  /** The correlation to light up; defaults to the selected message's, while it is in flight. */
  selectedCorrelationId?: string | null;
  /** Colours for this theme; when absent, follows `data-theme` / `.dark` on <html>, else the OS. */
  theme?: Theme;
}

let darkQuery: MediaQueryList | null | undefined;
let calmQuery: MediaQueryList | null | undefined;

/** Whether the person asked the system for less motion. */
function prefersReducedMotion(): boolean {
  if (calmQuery === undefined) calmQuery = window.matchMedia?.('(prefers-reduced-motion: reduce)') ?? null;
  return calmQuery?.matches ?? false;
}

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

/**
 * The messages in flight, drawn on one <canvas> over React Flow. Render it as a child of
 * <ReactFlow>: it reads the viewport and node boxes from React Flow's store in its own
 * requestAnimationFrame loop, so nothing re-renders per frame.
 */
export function MessageLayer(props: MessageLayerProps) {
  const { playback } = props;
  const store = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const propsRef = useRef(props);
  const rendererRef = useRef<MessageRenderer | null>(null);

  useEffect(() => {
    propsRef.current = props;
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const renderer = new MessageRenderer();
    rendererRef.current = renderer;
    let palette: Palette | null = null;
    let paletteTheme: Theme | null = null;
    let reducedMotion = prefersReducedMotion();
    let frames = 0;
    let cssW = 0;
    let cssH = 0;
    let dpr = 0;
    let lastCorrelation: { id: string; runId: number; correlation: string } | null = null;
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
      const nextDpr = window.devicePixelRatio || 1;
      if (s.width !== cssW || s.height !== cssH || nextDpr !== dpr) {
        cssW = s.width;
        cssH = s.height;
        dpr = nextDpr;
        canvas.width = Math.max(1, Math.round(cssW * dpr));
        canvas.height = Math.max(1, Math.round(cssH * dpr));
        canvas.style.width = `${cssW}px`;
        canvas.style.height = `${cssH}px`;
      }
      // Theme and motion preference are re-read every half second: cheap, and a switch shows promptly.
      if (frames++ % 30 === 0 || p.theme !== paletteTheme) {
        reducedMotion = prefersReducedMotion();
        const theme = p.theme ?? detectTheme();
        if (!palette || theme !== paletteTheme) {
          palette = resolvePalette(theme, getComputedStyle(canvas));
          paletteTheme = theme;
        }
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
      // Nothing moved (paused, no pan, no drag): keep last frame's pixels and save the CPU.
      let nodeSum = 0;
      for (const n of s.nodeLookup.values())
        nodeSum += n.internals.positionAbsolute.x * 3 + n.internals.positionAbsolute.y;
      const sig = last;
      if (
        sig.time === frame.time &&
        sig.version === frame.messages.version &&
        sig.effects === frame.effects.length &&
        sig.x === x &&
        sig.y === y &&
        sig.zoom === zoom &&
        sig.w === cssW &&
        sig.h === cssH &&
        sig.dpr === dpr &&
        sig.nodes === nodeSum &&
        sig.palette === palette &&
        sig.selected === selected &&
        sig.correlation === correlation &&
        sig.reducedMotion === reducedMotion &&
        sig.diagram === frame.diagram
      ) {
        return;
      }
      Object.assign(sig, {
        time: frame.time,
        version: frame.messages.version,
        effects: frame.effects.length,
        x,
        y,
        zoom,
        w: cssW,
        h: cssH,
        dpr,
        nodes: nodeSum,
        palette,
        selected,
        correlation,
        reducedMotion,
        diagram: frame.diagram,
      });
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      renderer.draw(ctx, frame, { x, y, zoom }, boxOf, {
        width: cssW,
        height: cssH,
        palette: palette!,
        highlightCorrelation: correlation,
        selectedMessageId: selected,
        reducedMotion,
      });
    };
    handle = requestAnimationFrame(loop);

    // Clicks reach the flow below (the canvas ignores pointers) unless they land on a message.
    const host = store.getState().domNode ?? canvas.parentElement;
    const onClick = (ev: MouseEvent) => {
      const rect = canvas.getBoundingClientRect();
      const hit = renderer.hitTest(ev.clientX - rect.left, ev.clientY - rect.top);
      if (!hit) return;
      ev.stopPropagation();
      ev.preventDefault();
      propsRef.current.onSelectMessage?.(hit.messageId, hit.correlationId);
    };
    host?.addEventListener('click', onClick, true);
    return () => {
      cancelAnimationFrame(handle);
      host?.removeEventListener('click', onClick, true);
      rendererRef.current = null;
    };
  }, [store, playback]);

  return (
    <canvas
      ref={canvasRef}
      className="microsim-message-layer"
      data-testid="message-layer"
      aria-hidden="true"
      style={{ position: 'absolute', inset: 0, zIndex: 4, pointerEvents: 'none' }}
    />
  );
}
