import { useEffect, useId, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatRate } from './summary';

/** One line of a sweep chart: its values at each rate, and the theme colour it is drawn in. */
export interface SweepLine {
  label: string;
  /** A CSS variable of the theme, e.g. `--danger`. */
  color: string;
  values: readonly (number | null)[];
  /** `right`: drawn against the right-hand axis (a second unit). */
  axis?: 'right';
  /** Drawn dashed (design B of a comparison). */
  dashed?: boolean;
}

/** Where the curve breaks, drawn over the plot. */
export interface SweepMarks {
  /** Knees, solid (A, or the only design) or dashed (B). */
  knees: ReadonlyArray<{ rate: number; dashed: boolean }>;
  /** Where the objective is first missed, per design. */
  objectiveMisses: ReadonlyArray<{ rate: number; dashed: boolean }>;
  /** Rates of the overloaded points (each shaded; of the first design). */
  overloaded: readonly number[];
}

export interface SweepChartProps {
  title: string;
  unit: string;
  rightUnit?: string;
  rates: readonly number[];
  lines: readonly SweepLine[];
  marks: SweepMarks;
  /** The figure's accessible name and its description in words. */
  name: string;
  summary: string;
  /** Bumped when the theme changes: colours are read again. */
  theme: string;
  testId?: string;
}

const HEIGHT = 170;

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** Half the gap to each neighbour: the band an overloaded point shades. */
function pointBand(rates: readonly number[], rate: number): [number, number] {
  const i = rates.indexOf(rate);
  const before = i > 0 ? (rate - rates[i - 1]!) / 2 : (rates[1] ?? rate * 2) - rate;
  const after = i < rates.length - 1 ? (rates[i + 1]! - rate) / 2 : before;
  return [rate - (i > 0 ? before : after), rate + after];
}

function options(props: SweepChartProps, width: number, live: { current: SweepChartProps }): uPlot.Options {
  const text = cssVar('--muted');
  const grid = cssVar('--border');
  const font = `11px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
  const axis = { stroke: text, font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const right = props.lines.some((l) => l.axis === 'right');
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    scales: {
      x: { time: false },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      ...(right
        ? { right: { range: (_u: uPlot, _min: number, max: number) => [0, max > 0 ? max * 1.1 : 1] } }
        : {}),
    },
    axes: [
      { ...axis, size: 30, values: (_u, splits) => splits.map((s) => formatRate(s)) },
      { ...axis, size: 52 },
      ...(right ? [{ ...axis, scale: 'right', side: 1, size: 52, grid: { show: false } }] : []),
    ],
    series: [
      {},
      ...props.lines.map((line) => {
        const color = cssVar(line.color);
        return {
          label: line.label,
          stroke: color,
          width: 2,
          ...(line.dashed ? { dash: [6, 4] } : {}),
          scale: line.axis === 'right' ? 'right' : 'y',
          points: { show: true, size: 6, fill: color },
        };
      }),
    ],
    hooks: {
      drawClear: [(u) => drawOverloaded(u, live.current)],
      draw: [(u) => drawMarks(u, live.current.marks)],
    },
  };
}

/** Overloaded points shaded under the lines. */
function drawOverloaded(u: uPlot, props: SweepChartProps): void {
  const { ctx, bbox } = u;
  ctx.save();
  ctx.fillStyle = cssVar('--danger');
  ctx.globalAlpha = 0.12;
  for (const rate of props.marks.overloaded) {
    const [from, to] = pointBand(props.rates, rate);
    const left = Math.max(bbox.left, u.valToPos(from, 'x', true));
    const rightEdge = Math.min(bbox.left + bbox.width, u.valToPos(to, 'x', true));
    if (rightEdge > left) ctx.fillRect(left, bbox.top, rightEdge - left, bbox.height);
  }
  ctx.restore();
}

/** The knees (in the text colour) and the objective's first misses (red) as vertical lines; B's dashed. */
function drawMarks(u: uPlot, marks: SweepMarks): void {
  const { ctx, bbox } = u;
  const line = (rate: number, color: string, dash: number[]) => {
    const x = Math.round(u.valToPos(rate, 'x', true));
    ctx.save();
    ctx.strokeStyle = cssVar(color);
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.setLineDash(dash.map((d) => d * devicePixelRatio));
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.restore();
  };
  for (const knee of marks.knees) line(knee.rate, '--text', knee.dashed ? [5, 4] : []);
  for (const miss of marks.objectiveMisses) line(miss.rate, '--danger', miss.dashed ? [2, 3] : [8, 3]);
}

/**
 * A load-test chart: figures against offered load (uPlot), the knee and the objective's first
 * miss as vertical lines, overloaded points shaded. The canvas is hidden from screen readers,
 * which get the summary.
 */
export function SweepChart(props: SweepChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const live = useRef(props);
  live.current = props;
  const summaryId = useId();
  const { theme, lines, rates } = props;
  const shape = `${lines.map((l) => `${l.label}:${l.axis ?? ''}`).join(',')}|${theme}`;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const u = new uPlot(options(live.current, Math.max(160, el.clientWidth), live), data(live.current), el);
    u.root.setAttribute('aria-hidden', 'true');
    plot.current = u;
    const resize = new ResizeObserver(() => {
      const width = Math.max(160, el.clientWidth);
      if (width !== u.width) u.setSize({ width, height: HEIGHT });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [shape]);

  useEffect(() => {
    plot.current?.setData(data(live.current));
  }, [lines, rates, props.marks]);

  return (
    <figure
      className="lt-chart"
      aria-label={props.name}
      aria-describedby={summaryId}
      data-testid={props.testId}
    >
      <figcaption className="lt-chart__title">
        {props.title}{' '}
        <span className="muted">
          ({props.unit}
          {props.rightUnit ? `; right: ${props.rightUnit}` : ''})
        </span>
        <span className="lt-chart__keys" aria-hidden="true">
          {props.lines.map((l) => (
            <span key={l.label} className="lt-key">
              <span
                className="lt-key__swatch"
                style={
                  l.dashed
                    ? { borderTop: `2px dashed var(${l.color})`, height: 0 }
                    : { background: `var(${l.color})` }
                }
              />
              {l.label}
            </span>
          ))}
        </span>
      </figcaption>
      <div ref={host} className="lt-chart__plot" />
      <p id={summaryId} className="lt-sr">
        {props.summary}
      </p>
    </figure>
  );
}

function data(props: SweepChartProps): uPlot.AlignedData {
  return [[...props.rates], ...props.lines.map((l) => [...l.values])] as uPlot.AlignedData;
}
