import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../scenarios';
import { createAppStore, DEFAULT_METRICS_HEIGHT } from '../store';
import { runCommand, type CommandContext } from './commands';
import {
  MAX_METRICS_HEIGHT,
  MIN_METRICS_HEIGHT,
  persistMetricsPanel,
  savedMetricsPanel,
} from './metricsPanelPrefs';

/** A key-value store in memory, as localStorage is. */
function memory(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

describe('the Metrics panel preference', () => {
  it('is saved on every change and read back on the next visit', () => {
    const store = createAppStore();
    const storage = memory();
    persistMetricsPanel(store, storage);
    store.getState().setMetricsPanel({ open: true, height: 333 });
    expect(savedMetricsPanel(storage)).toEqual({ open: true, collapsed: false, height: 333 });
    store.getState().setMetricsPanel({ collapsed: true });
    expect(savedMetricsPanel(storage)).toEqual({ open: true, collapsed: true, height: 333 });
  });

  it('starts closed with nothing saved, or with something unreadable; a height out of bounds is brought in', () => {
    const closed = { open: false, collapsed: false, height: DEFAULT_METRICS_HEIGHT };
    expect(savedMetricsPanel(memory())).toEqual(closed);
    expect(savedMetricsPanel(memory({ 'microsim:metrics-panel': '{not json' }))).toEqual(closed);
    expect(savedMetricsPanel(memory({ 'microsim:metrics-panel': '{"open":"yes","height":"big"}' }))).toEqual(
      closed,
    );
    const huge = savedMetricsPanel(memory({ 'microsim:metrics-panel': '{"open":true,"height":1e9}' }));
    expect(huge.height).toBe(MAX_METRICS_HEIGHT);
    const tiny = savedMetricsPanel(memory({ 'microsim:metrics-panel': '{"open":true,"height":-5}' }));
    expect(tiny.height).toBe(MIN_METRICS_HEIGHT);
  });

  it('the command opens a closed panel, closes an open one, and unfolds a folded one', () => {
    const store = createAppStore();
    store.getState().replaceDiagram(SCENARIOS[0]!.diagram, { undoable: false });
    const ctx: CommandContext = { store, flow: null, run: null };
    runCommand('metrics', ctx);
    expect(store.getState().metricsPanel.open).toBe(true);
    store.getState().setMetricsPanel({ collapsed: true });
    runCommand('metrics', ctx);
    expect(store.getState().metricsPanel).toMatchObject({ open: true, collapsed: false });
    runCommand('metrics', ctx);
    expect(store.getState().metricsPanel.open).toBe(false);
  });
});
