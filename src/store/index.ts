import { create } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import { createCompareSlice } from './compareSlice';
import { createDeckSlice } from './deckSlice';
import { createDiagramSlice } from './diagramSlice';
import { createSelectionSlice } from './selectionSlice';
import { createSimulationSlice } from './simulationSlice';
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
export type { AppState } from './types';
export type { MetricsPanelPrefs, Notice, ThemePreference } from './uiSlice';
export { DEFAULT_METRICS_HEIGHT } from './uiSlice';
export type { SimView, ServiceState, EdgeState, ChannelState } from './simulationSlice';
export { comparedDiagrams, variantName, type ComparisonState, type Variant } from './compareSlice';
