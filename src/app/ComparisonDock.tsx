import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo } from 'react';
import { motionMs } from '../canvas/motion';
import { fitDiagram } from '../canvas/useDiagramView';
import { ComparisonPanel } from '../panels/compare/ComparisonPanel';
import { comparedDiagrams, useAppStore, useDiagramContent } from '../store';
import {
  comparisonJson,
  diagramFileName,
  downloadBlob,
  encodeComparisonLink,
  linkSizeWarning,
  shareUrl,
} from '../share';
import { keepVariant } from './persistence';
import { useComparison } from './useComparison';

/** The Comparison region under the canvas while a comparison is open, fed by the comparison worker. */
export function ComparisonDock() {
  const diagram = useDiagramContent();
  const state = useAppStore((s) => s.comparison);
  const pair = useMemo(() => comparedDiagrams({ diagram, comparison: state }), [diagram, state]);
  const status = useComparison(pair);
  const flow = useReactFlow();
  // The canvas shrank or grew with the region: the diagram is fitted to it again, as for Metrics.
  const refit = useCallback(() => {
    window.setTimeout(() => void fitDiagram(flow, motionMs(200)), 60);
  }, [flow]);
  const open = pair !== null;
  useEffect(() => {
    if (open) refit();
    return () => {
      if (open) refit();
    };
  }, [open, refit]);
  // The region grows when the first table arrives: fit again then too.
  const answered = status.answer !== null;
  useEffect(() => {
    if (answered) refit();
  }, [answered, refit]);
  // The Metrics panel overlays A's and B's runs: it reads them from the store.
  const answerSeries = status.answer?.series ?? null;
  useEffect(() => {
    useAppStore.getState().setComparedSeries(open ? answerSeries : null);
  }, [open, answerSeries]);
  if (!pair) return null;
  const answer = status.answer;
  return (
    <ComparisonPanel
      result={{
        running: status.running || answer === null,
        comparison: answer?.comparison ?? null,
        error: answer?.error ?? null,
        skippedInB: answer?.skippedInB ?? [],
      }}
      onFold={refit}
      onShareLink={async () => {
        const url = shareUrl(location.href, encodeComparisonLink(pair.a, pair.b));
        const copied = await navigator.clipboard?.writeText(url).then(
          () => true,
          () => false,
        );
        useAppStore.getState().notify({
          tone: 'success',
          title: copied ? 'Comparison link copied' : 'Comparison link ready',
          detail:
            linkSizeWarning(url.length) ??
            'It opens A and B side by side, with the same seed and fault script, on any machine.',
        });
        return url;
      }}
      onExportJson={() =>
        downloadBlob(
          diagramFileName(pair.a, 'comparison.json'),
          new Blob([comparisonJson(pair.a, pair.b)], { type: 'application/json' }),
        )
      }
      onClose={(keep) => {
        const kept = keepVariant(useAppStore, keep);
        if (kept && keep)
          useAppStore.getState().notify({
            tone: 'success',
            title: 'The variant is kept in Recent diagrams',
            detail: 'Open it from Recent (Ctrl+O) to work on it as a diagram of its own.',
          });
      }}
    />
  );
}
