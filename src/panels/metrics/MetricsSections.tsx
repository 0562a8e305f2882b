import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Diagram } from '../../model/schema';
import { Chart } from './Chart';
import { CHARTS, chartHasData, lineValues, type ChartSpec, type SeriesData } from './chartSpecs';
import type { FaultBand } from './faultBands';
import { objectiveGuide } from './objectiveGuides';
import { otherVariant, overlayLines, type Overlay } from './overlay';
import { metricSections, type MetricElement, type MetricSection } from './sections';
import { formatValue, summarizeChart } from './summary';

/** Rows shown per section before "Show all": 300 services must not mean 300 rows refreshed live. */
const ROWS_SHOWN = 8;
/** Clients open by default (the first thing a person asks: do requests succeed, how fast). */
const CLIENTS_OPEN = 2;

export interface SectionsProps {
  diagram: Pick<Diagram, 'services' | 'edges'>;
  series: SeriesData;
  selection: readonly string[];
  bands: readonly FaultBand[];
  endMs: number;
  theme: string;
  onSeek: (ms: number) => void;
  /** While comparing: the other design's run, drawn over the live one's charts. */
  overlay?: Overlay | null;
}

const rowKey = (x: MetricElement) => `${x.kind}:${x.key}`;

/** The charts `x` has data for, less those that say nothing about it (a breaker it lacks). */
function chartsOf(x: MetricElement): ChartSpec[] {
  const own = CHARTS[x.kind].filter((c) => chartHasData(c, x.columns) && !x.hiddenCharts?.includes(c.id));
  return x.extraCharts ? [...own, ...x.extraCharts] : own;
}

/** The values of `chart`'s lines for element `x`. */
function chartLines(chart: ChartSpec, x: MetricElement, series: SeriesData): (number | null)[][] {
  return chart.lines.map((l) => lineValues(l, x.columns, series));
}

/** One line of the latest figures, for a folded row: "success 100% · p95 120 ms · sent 4/s". */
function latestLine(x: MetricElement, series: SeriesData): string {
  const n = series.t.length;
  const said: string[] = [];
  for (const chart of chartsOf(x)) {
    const line = chart.lines.find((l) => l.label === 'success' || l.label === 'p95') ?? chart.lines[0]!;
    const values = lineValues(line, x.columns, series);
    let last: number | null = null;
    for (let i = n - 1; i >= 0 && last === null; i--) last = values[i] ?? null;
    if (last !== null) said.push(`${line.label} ${formatValue(chart, last)}`);
  }
  return said.join(' · ');
}

/** A chart of both designs in words: A's summary, then B's (or that B has no such element). */
function comparedSummary(
  own: string,
  overlay: Overlay,
  otherLines: (number | null)[][] | null,
  name: string,
  chart: ChartSpec,
  series: SeriesData,
  bands: SectionsProps['bands'],
): string {
  const otherLabel = otherVariant(overlay.live);
  const theirs = otherLines
    ? summarizeChart(chart, otherLines, series.t, series.bucketMs, bands)
    : `${otherLabel} has no ${name}.`;
  const said = {
    [overlay.live]: `${overlay.live} (on the canvas): ${own}`,
    [otherLabel]: `${otherLabel}: ${theirs}`,
  };
  return `${said.A} ${said.B}`;
}

/** An element's charts, side by side as the width allows. */
function ElementCharts({ x, ...p }: { x: MetricElement } & Omit<SectionsProps, 'diagram' | 'selection'>) {
  const { series, bands, endMs, theme, onSeek, overlay } = p;
  const charts = chartsOf(x);
  if (!charts.length) return <p className="muted mx-note">No figures for {x.name} in this run.</p>;
  return (
    <div className="mx-charts">
      {charts.map((chart) => {
        const lines = chartLines(chart, x, series);
        const guide = objectiveGuide(chart, x.objective);
        const own = summarizeChart(chart, lines, series.t, series.bucketMs, bands);
        const other = overlay ? overlayLines(chart, x.kind, x.key, overlay, { t: series.t, endMs }) : null;
        const summary = overlay
          ? comparedSummary(own, overlay, other?.lines ?? null, x.name, chart, series, bands)
          : own;
        return (
          <Chart
            key={chart.id}
            chart={chart}
            tMs={series.t}
            lines={lines}
            endMs={endMs}
            bands={bands}
            guide={guide}
            overlay={other ?? undefined}
            theme={theme}
            onSeek={onSeek}
            name={`${x.name}: ${chart.title}`}
            summary={guide ? `${summary} ${guide.summary}` : summary}
            testId={`chart-${x.kind}-${x.key}-${chart.id}`}
          />
        );
      })}
    </div>
  );
}

/** A section of one kind: a row per element, open rows with their charts. */
function Section({
  section,
  open,
  toggle,
  ...p
}: {
  section: MetricSection;
  open: (x: MetricElement, i: number) => boolean;
  toggle: (x: MetricElement, i: number) => void;
} & Omit<SectionsProps, 'diagram' | 'selection'>) {
  const [all, setAll] = useState(false);
  const shown = all ? section.elements : section.elements.slice(0, ROWS_SHOWN);
  const headingId = `mx-section-${section.kind}`;
  return (
    <section
      className="mx-section"
      aria-labelledby={headingId}
      data-testid={`metrics-section-${section.kind}`}
    >
      <h3 id={headingId} className="mx-section__title">
        {section.title} <span className="muted">{section.elements.length || ''}</span>
      </h3>
      {section.empty && <p className="mx-note">{section.empty}</p>}
      {shown.map((x, i) => {
        const isOpen = open(x, i);
        return (
          <div
            key={rowKey(x)}
            className={`mx-row${x.focused ? ' is-focused' : ''}`}
            data-testid={`metrics-row-${x.kind}-${x.key}`}
          >
            <button
              type="button"
              className="mx-row__head"
              aria-expanded={isOpen}
              onClick={() => toggle(x, i)}
            >
              <span className="mx-row__chevron" aria-hidden="true">
                {isOpen ? '▾' : '▸'}
              </span>
              <span className="mx-row__name">{x.name}</span>
              {x.focused && <span className="mx-row__tag">selected</span>}
              <span className="mx-row__latest">{latestLine(x, p.series)}</span>
            </button>
            {x.note && <p className="mx-note">{x.note}</p>}
            {isOpen && <ElementCharts x={x} {...p} />}
          </div>
        );
      })}
      {section.elements.length > ROWS_SHOWN && (
        <button type="button" className="btn btn--small mx-more" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${section.elements.length}`}
        </button>
      )}
    </section>
  );
}

/**
 * The panel's sections, clients first. Rows open by default: the selected element's, and the first
 * clients'; any row opens or folds on a click, and that choice is kept while the run goes on.
 */
export const MetricsSections = memo(function MetricsSections(props: SectionsProps) {
  const { diagram, series, selection } = props;
  const sections = useMemo(() => metricSections(diagram, series, selection), [diagram, series, selection]);
  const [choices, setChoices] = useState<ReadonlyMap<string, boolean>>(new Map());
  const root = useRef<HTMLDivElement>(null);
  // A newly selected element opens even if it was folded before: adjusted during render.
  const focused = sections.flatMap((s) => s.elements.filter((x) => x.focused).map(rowKey));
  const focusKey = focused.join('|');
  const [seenFocus, setSeenFocus] = useState(focusKey);
  if (seenFocus !== focusKey) {
    setSeenFocus(focusKey);
    if (focused.some((k) => choices.has(k))) {
      const next = new Map(choices);
      for (const k of focused) next.delete(k);
      setChoices(next);
    }
  }
  const open = (x: MetricElement, i: number) =>
    choices.get(rowKey(x)) ?? (x.focused || (x.kind === 'client' && i < CLIENTS_OPEN));
  const toggle = (x: MetricElement, i: number) => setChoices(new Map(choices).set(rowKey(x), !open(x, i)));

  // Selecting an element on the canvas brings its charts into view.
  useEffect(() => {
    if (!focusKey) return;
    root.current?.querySelector('.mx-row.is-focused')?.scrollIntoView({ block: 'nearest' });
  }, [focusKey]);

  return (
    <div ref={root} className="mx-sections">
      {sections.map((s) => (
        <Section key={s.kind} section={s} open={open} toggle={toggle} {...props} />
      ))}
    </div>
  );
});
