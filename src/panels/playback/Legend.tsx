import { useEffect, useRef } from 'react';
import type { LegendEntry, MarkShape, Theme } from '../../legend';
import { BUNDLE_LEGEND, EFFECT_LEGEND, INK, MESSAGE_LEGEND, paintMark } from '../../legend';
import { EFFECT_KINDS, MESSAGE_LOOKS } from '../../playback';
import { StateLegend } from './StateLegend';
import './playback.css';

export interface LegendProps {
  /** Colours for this theme; when absent, the theme on <html data-theme>. */
  theme?: Theme;
  /** Show the effects and service/edge state sections too (default true). */
  effects?: boolean;
}

function pageTheme(): Theme {
  return typeof document !== 'undefined' && document.documentElement.dataset.theme === 'dark'
    ? 'dark'
    : 'light';
}

/** Every mark the message layer draws, drawn by the same code, with what it means. */
export function Legend({ theme, effects = true }: LegendProps) {
  const t = theme ?? pageTheme();
  return (
    <section className="pb-legend" data-testid="legend" aria-label="Legend">
      <h3 className="pb-legend-title">Messages</h3>
      <ul>
        {MESSAGE_LOOKS.map((look) => (
          <LegendRow
            key={look}
            id={look}
            entry={MESSAGE_LEGEND[look]}
            theme={t}
            label={look === 'saga-action' || look === 'compensation' ? '2' : undefined}
          />
        ))}
        <li data-legend="bundle">
          <Swatch shape="dot" color={MESSAGE_LEGEND.request.color[t]} theme={t} label="24" radius={8} />
          <span>
            <strong>{BUNDLE_LEGEND.label}</strong> <small>{BUNDLE_LEGEND.description}</small>
          </span>
        </li>
      </ul>
      {effects ? (
        <>
          <h3 className="pb-legend-title">Where things happen</h3>
          <ul>
            {EFFECT_KINDS.map((kind) => (
              <LegendRow key={kind} id={kind} entry={EFFECT_LEGEND[kind]} theme={t} />
            ))}
          </ul>
          <StateLegend />
        </>
      ) : null}
    </section>
  );
}

function LegendRow({
  id,
  entry,
  theme,
  label,
}: {
  id: string;
  entry: LegendEntry;
  theme: Theme;
  label?: string;
}) {
  return (
    <li data-legend={id}>
      <Swatch
        shape={entry.shape}
        color={entry.color[theme]}
        theme={theme}
        label={label}
        cssVar={entry.cssVar}
      />
      <span>
        <strong>{entry.label}</strong> <small>{entry.description}</small>
      </span>
    </li>
  );
}

interface SwatchProps {
  shape: MarkShape;
  color: string;
  theme: Theme;
  label?: string;
  radius?: number;
  cssVar?: string;
}

/** A mark painted with the canvas layer's own drawing code. */
function Swatch({ shape, color, theme, label, radius = 6, cssVar }: SwatchProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const size = 24;
    canvas.width = size * dpr;
    canvas.height = size * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size, size);
    const override = cssVar ? getComputedStyle(canvas).getPropertyValue(cssVar).trim() : '';
    paintMark(ctx, shape, size / 2, size / 2, radius, override || color, label, INK[theme].onMark);
  }, [shape, color, theme, label, radius, cssVar]);
  return (
    <canvas
      ref={ref}
      className="pb-swatch"
      width={24}
      height={24}
      style={{ width: 24, height: 24 }}
      aria-hidden="true"
    />
  );
}
