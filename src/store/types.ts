import type { CompareSlice } from './compareSlice';
import type { DeckSlice } from './deckSlice';
import type { DiagramSlice } from './diagramSlice';
import type { SelectionSlice } from './selectionSlice';
import type { SimulationSlice } from './simulationSlice';
import type { UiSlice } from './uiSlice';

/** The whole app state: the store is built from these slices. */
export type AppState = DiagramSlice & SelectionSlice & UiSlice & SimulationSlice & CompareSlice & DeckSlice;
