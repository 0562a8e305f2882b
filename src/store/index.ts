import { useState } from 'react';
import { create } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import { createCompareSlice } from './compareSlice';
import { createDeckSlice } from './deckSlice';
import { contentSelector } from './diagramContent';
import { createDiagramSlice } from './diagramSlice';
import { createSelectionSlice } from './selectionSlice';
import { createSimulationSlice } from './simulationSlice';
import type { Diagram } from '../model/schema';
import type { AppState } from './types';
import { createUiSlice } from './uiSlice';

/** Creates a fresh store (the app uses one; tests make their own). */
export const createAppStore = () =>
  create<AppState>()(
    subscribeWithSelector((...a) => ({
      ...createDiagramSlice(...a),
      ...createSelectionSlice(...a),
      ...createUiSlice(...a),
      ...createSimulationSlice(...a),
      ...createCompareSlice(...a),
      ...createDeckSlice(...a),
    })),
  );

/** The app's store. */
export const useAppStore = createAppStore();
export type AppStore = typeof useAppStore;

/**
 * The diagram, for a component that does not show the viewport: it re-renders on an edit, not on
 * every pan or zoom (the view is saved with the diagram when a move ends, and at 1,000 services the
 * advisor's checks alone took 40 ms of that frame).
 */
export function useDiagramContent(): Diagram {
  const [select] = useState(contentSelector);
  return useAppStore(select);
}
export type { AppState } from './types';
export type { MetricsPanelPrefs, Notice, ThemePreference } from './uiSlice';
export { DEFAULT_METRICS_HEIGHT } from './uiSlice';
export { sameButViewport } from './diagramContent';
export type { SimView, ServiceState, EdgeState, ChannelState } from './simulationSlice';
export { comparedDiagrams, variantName, type ComparisonState, type Variant } from './compareSlice';
