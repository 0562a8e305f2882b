import type { StateCreator } from 'zustand';
import type { ChannelState, EdgeState, ServiceState } from '../runtime/api';
import type { AppState } from './types';

export type { ChannelState, EdgeState, ServiceState };

/** What the canvas shows of the run, refreshed a few times a second (never per frame). */
export interface SimView {
  status: 'idle' | 'playing' | 'paused' | 'ended';
  now: number;
  services: Record<string, ServiceState>;
  edges: Record<string, EdgeState>;
  /** Channels by the edge they are drawn on. */
  channelsByEdge: Record<string, ChannelState>;
}

export interface SimulationSlice {
  sim: SimView;
  selectedMessage: string | null;
  setSimView: (v: SimView) => void;
  selectMessage: (id: string | null) => void;
}

export const idleSimView: SimView = { status: 'idle', now: 0, services: {}, edges: {}, channelsByEdge: {} };

export const createSimulationSlice: StateCreator<AppState, [], [], SimulationSlice> = (set) => ({
  sim: idleSimView,
  selectedMessage: null,
  setSimView: (sim) => set({ sim }),
  selectMessage: (selectedMessage) => set({ selectedMessage }),
});
