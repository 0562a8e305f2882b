import { useEffect, useId, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { isolatedPoints, type ChartSpec } from './chartSpecs';
import { bandsAt, type FaultBand } from './faultBands';
import { canShowGuide, type ChartGuide } from './objectiveGuides';
import { otherVariant, type OverlayLines } from './overlay';
import { formatValue, shortTime } from './summary';
import { FAULT_KIND_INFO } from '../../model/faultKinds';

export interface ChartProps {
  chart: ChartSpec;
  /** Bucket start times, in simulated ms. */
  tMs: ArrayLike<number>;
  /** One array per line of `chart`, aligned with `tMs`. */
  lines: readonly (readonly (number | null)[])[];
  /** The end of the time axis, in ms (every chart of the panel shares it, so times line up). */
  endMs: number;
  bands: readonly FaultBand[];
  /** A client objective's target on this chart: a dashed line, and a red strip where it was missed. */
  guide?: ChartGuide;
  /** While comparing: the other design's lines, drawn over these (B's lines dashed, A's solid). */
  overlay?: OverlayLines;
  /** The chart in words (its accessible description). */
  summary: string;
  /** "Web client: outcomes" — the figure's accessible name. */
  name: string;
  /** Bumped when the theme changes: colours are read from the CSS variables again. */
  theme: string;
  /** A click on the plot at simulated time `ms`. */
  onSeek: (ms: number) => void;
  testId?: string;
}

const HEIGHT = 112;
/** Height of the strip above the plot that marks where the objective was missed. */
const MISSED_STRIP = 5;

/** What the chart's hooks read when they draw, kept current without rebuilding the plot. */
interface LiveInputs {
  bands: readonly FaultBand[];
  endMs: number;
  guide?: ChartGuide;
}

/** A CSS variable of the theme, read from the document. */
function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** `color` at `alpha` (hex or rgb from the theme), for fills. */
function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (!hex) return color;
  const n = parseInt(hex[1]!, 16);
  return `rgb(${n >> 16} ${(n >> 8) & 255} ${n & 255} / ${alpha})`;
}

/**
 * B's lines are dashed, A's solid: the same colour per line, so p95 of A and of B read as a pair. A
 * shorter dash than the objective's target line (6, 4), so the two don't read as one.
 */
const B_DASH = [3, 3];

/** uPlot's series of `chart`'s lines, drawn as design `variant`'s while comparing (B dashed). */
function lineSeries(chart: ChartSpec, variant: 'A' | 'B' | null): uPlot.Series[] {
  return chart.lines.map((line) => {
    const color = cssVar(line.color);
    return {
      label: variant ? `${line.label} ${variant}` : line.label,
      stroke: color,
      width: 1.5,
      ...(variant === 'B' ? { dash: B_DASH } : {}),
      spanGaps: false,
      // A gap is a bucket where nothing finished; a value between two gaps is a dot, not nothing.
      points: {
        show: true,
        size: 5,
        fill: color,
        filter: (u: uPlot, seriesIndex: number) => isolatedPoints(u.data[seriesIndex]!),
      },
      ...(line.stepped
        ? { paths: uPlot.paths.stepped!({ align: 1 }), fill: withAlpha(color, variant === 'B' ? 0.1 : 0.25) }
        : {}),
    };
  });
}

/**
 * The uPlot options of `chart`; `live` holds what the hooks read at draw time. `compared` names the
 * live run's design while comparing (the other design's lines follow the live ones).
 */
function chartOptions(
  chart: ChartSpec,
  width: number,
  live: { current: LiveInputs },
  compared: 'A' | 'B' | null,
): uPlot.Options {
  const text = cssVar('--muted');
  const grid = cssVar('--border');
  const font = `11px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
  return {
    width,
    height: HEIGHT,
    // Charts that can show an objective keep room above the plot for the strip that marks its misses.
    ...(canShowGuide(chart) ? { padding: [MISSED_STRIP + 4, null, null, null] as uPlot.Padding } : {}),
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    scales: {
      x: { time: false, range: () => [0, Math.max(live.current.endMs / 1000, 1)] },
      y: chart.range
        ? { range: () => [chart.range![0], chart.range![1]] }
        : { range: (_u, _min, max) => [0, Math.max(max, live.current.guide?.value ?? 0) * 1.1 || 1] },
    },
    axes: [
      {
        stroke: text,
        font,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid, width: 1 },
        values: (_u, splits) => splits.map((s) => shortTime(s * 1000)),
        size: 28,
      },
      {
        stroke: text,
        font,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid, width: 1 },
        size: chart.states ? 64 : 48,
        ...(chart.states
          ? { splits: () => chart.states!.map((_, i) => i), values: () => [...chart.states!] }
          : {
              values: (_u: uPlot, splits: number[]) =>
                splits.map((s) => formatValue({ unit: '', states: undefined }, s).trim()),
            }),
      },
    ],
    series: [
      {},
      ...lineSeries(chart, compared),
      ...(compared ? lineSeries(chart, otherVariant(compared)) : []),
    ],
    hooks: {
      // The fault bands go under the lines: drawn right after the plot is cleared.
      drawClear: [
        (u) => {
          const { ctx, bbox } = u;
          ctx.save();
          for (const b of live.current.bands) {
            const x0 = u.valToPos(b.fromMs / 1000, 'x', true);
            const x1 = u.valToPos(b.toMs / 1000, 'x', true);
            const left = Math.max(bbox.left, x0);
            const right = Math.min(bbox.left + bbox.width, Math.max(x1, x0 + 2));
            if (right <= left) continue;
            ctx.fillStyle = withAlpha(cssVar(`--${FAULT_KIND_INFO[b.kind].tone}`), 0.14);
            ctx.fillRect(left, bbox.top, right - left, bbox.height);
            ctx.fillStyle = withAlpha(cssVar(`--${FAULT_KIND_INFO[b.kind].tone}`), 0.6);
            ctx.fillRect(left, bbox.top, Math.max(1, devicePixelRatio), bbox.height);
          }
          ctx.restore();
        },
      ],
      draw: [(u) => drawGuide(u, live.current.guide)],
    },
  };
}

/** The objective's target as a dashed line over the plot, and its misses as a strip just above it. */
function drawGuide(u: uPlot, guide: ChartGuide | undefined) {
  if (!guide) return;
  const { ctx, bbox } = u;
  const danger = cssVar('--danger');
  ctx.save();
  ctx.fillStyle = danger;
  for (const span of guide.missed) {
    const left = Math.max(bbox.left, u.valToPos(span.fromMs / 1000, 'x', true));
    const right = Math.min(bbox.left + bbox.width, u.valToPos(span.toMs / 1000, 'x', true));
    const strip = MISSED_STRIP * devicePixelRatio;
    if (right > left) ctx.fillRect(left, bbox.top - strip - devicePixelRatio, right - left, strip);
  }
  const y = Math.round(u.valToPos(guide.value, 'y', true));
  if (y >= bbox.top && y <= bbox.top + bbox.height) {
    ctx.strokeStyle = cssVar('--text');
    ctx.lineWidth = devicePixelRatio;
    ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(bbox.left, y);
    ctx.lineTo(bbox.left + bbox.width, y);
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * The values at the cursor, in words: "6.0 s · success 20% · error 80% · Payment Service down"
 * (while comparing, each line's value in A and in B: "p95 A 120 ms · p95 B 30 ms").
 */
function readoutAt(u: uPlot, chart: ChartSpec, bands: readonly FaultBand[], guide?: ChartGuide): string {
  const i = u.cursor.idx;
  if (i === null || i === undefined) return '';
  const x = u.data[0][i];
  if (x === undefined) return '';
  const values = u.series
    .slice(1)
    .map(
      (series, k) => `${series.label} ${formatValue(chart, (u.data[k + 1]?.[i] ?? null) as number | null)}`,
    );
  const faults = bandsAt(bands, x * 1000).map((b) => b.label);
  const ms = x * 1000;
  const missed = guide?.missed.some((s) => s.fromMs <= ms && ms < s.toMs) ? [`${guide.label}: missed`] : [];
  return [shortTime(ms), ...values, ...missed, ...faults].join(' · ');
}

/**
 * One chart of the Metrics panel, drawn by uPlot: lines over simulated time with the faults shaded
 * under them. Hovering reads the values at that moment; clicking seeks the run there. The canvas is
 * hidden from screen readers, which get the summary instead.
 */
export function Chart(props: ChartProps) {
  const { chart, tMs, lines, endMs, bands, guide, overlay, summary, name, theme, onSeek, testId } = props;
  const compared = overlay?.live ?? null;
  const host = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLParagraphElement>(null);
  const plot = useRef<uPlot | null>(null);
  const live = useRef({ bands, endMs, guide, onSeek });
  live.current = { bands, endMs, guide, onSeek };
  const summaryId = useId();

  const data = (): uPlot.AlignedData => [
    Array.from(tMs, (t) => t / 1000),
    ...lines.map((l) => l as (number | null)[]),
    ...(overlay?.lines ?? []),
  ];
  const dataRef = useRef(data);
  dataRef.current = data;

  // Built once per chart and theme; the data, bands and size change without rebuilding.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const width = Math.max(120, el.clientWidth);
    const u = new uPlot(chartOptions(chart, width, live, compared), dataRef.current(), el);
    u.root.setAttribute('aria-hidden', 'true');
    plot.current = u;
    u.hooks.setCursor = [
      ...(u.hooks.setCursor ?? []),
      (self) => {
        if (readout.current)
          readout.current.textContent = readoutAt(self, chart, live.current.bands, live.current.guide);
      },
    ];
    const onClick = () => {
      const left = u.cursor.left ?? -1;
      if (left < 0) return;
      live.current.onSeek(Math.max(0, Math.round(u.posToVal(left, 'x') * 1000)));
    };
    u.over.addEventListener('click', onClick);
    const resize = new ResizeObserver(() => {
      const width = Math.max(120, el.clientWidth);
      if (width !== u.width) u.setSize({ width, height: HEIGHT });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.over.removeEventListener('click', onClick);
      u.destroy();
      plot.current = null;
    };
  }, [chart, theme, compared]);

  useEffect(() => {
    plot.current?.setData(dataRef.current());
  }, [tMs, lines, endMs, bands, guide, overlay]);

  return (
    <figure className="mx-chart" aria-label={name} aria-describedby={summaryId} data-testid={testId}>
      <figcaption className="mx-chart__title">
        {chart.title} <span className="muted">({chart.unit})</span>
        <span className="mx-chart__keys" aria-hidden="true">
          {chart.lines.map((l) => (
            <span key={l.label} className="mx-key">
              <span className="mx-key__swatch" style={{ background: `var(${l.color})` }} />
              {l.label}
            </span>
          ))}
          {guide && <GuideKeys guide={guide} />}
          {compared && <VariantKeys />}
        </span>
      </figcaption>
      <div ref={host} className="mx-chart__plot" title="Click to seek the run to this moment" />
      <p ref={readout} className="mx-chart__readout" aria-hidden="true" />
      <p id={summaryId} className="mx-sr" data-testid={testId && `${testId}-summary`}>
        {summary}
      </p>
    </figure>
  );
}

/** While comparing, the key says which lines are whose: A's solid, B's dashed. */
function VariantKeys() {
  return (
    <>
      <span className="mx-key" data-testid="metrics-key-a">
        <span className="mx-key__swatch mx-key__swatch--solid" />A
      </span>
      <span className="mx-key" data-testid="metrics-key-b">
        <span className="mx-key__swatch mx-key__swatch--dashed" />B
      </span>
    </>
  );
}

/** The chart key's entries for an objective: its dashed target line and, once missed, the red strip. */
function GuideKeys({ guide }: { guide: ChartGuide }) {
  return (
    <>
      <span className="mx-key">
        <span className="mx-key__swatch mx-key__swatch--target" />
        {guide.label}
      </span>
      {guide.missed.length > 0 && (
        <span className="mx-key">
          <span className="mx-key__swatch" style={{ background: 'var(--danger)' }} />
          missed
        </span>
      )}
    </>
  );
}
