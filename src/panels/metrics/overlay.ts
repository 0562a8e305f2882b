import {
  columnsOf,
  lineValues,
  type ChartSpec,
  type Columns,
  type ElementKind,
  type SeriesData,
} from './chartSpecs';

/** Which of a comparison's two designs a run is. */
export type VariantLabel = 'A' | 'B';

/**
 * While two designs are compared: the other design's whole run (from the comparison), drawn over the
 * live run's charts. `live` names the design playing on the canvas; the overlay is the other one.
 */
export interface Overlay {
  series: SeriesData;
  live: VariantLabel;
}

/** A chart's lines of the other design, ready to draw over the live ones. */
export interface OverlayLines {
  lines: (number | null)[][];
  live: VariantLabel;
}

const GROUP: Record<ElementKind, 'clients' | 'services' | 'channels' | 'sagas' | 'edges'> = {
  client: 'clients',
  service: 'services',
  channel: 'channels',
  saga: 'sagas',
  edge: 'edges',
};

/** The other design of `live`. */
export const otherVariant = (live: VariantLabel): VariantLabel => (live === 'A' ? 'B' : 'A');

/**
 * `chart`'s lines for element `key` of `kind` in the other design's run, on the live run's buckets
 * and cut where the live run is (both show the same stretch of simulated time); null when the other
 * design has no such element. The other run is whole, so its last shown bucket is a whole one.
 */
export function overlayLines(
  chart: ChartSpec,
  kind: ElementKind,
  key: string,
  overlay: Overlay,
  frame: Pick<SeriesData, 't' | 'endMs'>,
): OverlayLines | null {
  const other = overlay.series;
  const columns = columnsOf(other[GROUP[kind]] as Readonly<Record<string, Columns>> | undefined, key);
  if (!columns) return null;
  const end = frame.endMs ?? Infinity;
  const lines = chart.lines.map((line) => {
    const values = lineValues(line, columns, other);
    const out: (number | null)[] = new Array(frame.t.length).fill(null);
    for (let i = 0; i < frame.t.length; i++) {
      const t = frame.t[i]!;
      if (t >= end) break;
      // The same moment in the other run (its buckets may be wider if it was downsampled).
      out[i] = values[Math.floor(t / other.bucketMs + 1e-9)] ?? null;
    }
    return out;
  });
  return { lines, live: overlay.live };
}
