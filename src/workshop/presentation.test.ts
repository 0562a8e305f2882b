import { describe, expect, it } from 'vitest';
import { checkoutExample } from '../scenarios/checkout';
import { createAppStore } from '../store';
import {
  goToScene,
  nextScene,
  previousScene,
  startPresenting,
  stopPresenting,
  toggleBlack,
  usePresentation,
} from './presentation';
import { useTraceDock } from '../app/traceDockState';
import { currentPanels } from './panels';
import { currentDiagramScene, type PresentedScene } from './scenes';

function scene(title: string, seed: number): PresentedScene {
  const diagram = { ...checkoutExample, run: { ...checkoutExample.run, seed, untilMs: 5_000 } };
  return { ...currentDiagramScene(diagram), title };
}

describe('a presentation', () => {
  it('shows each scene, stays within the deck, and gives the diagram and undo history back', () => {
    const app = createAppStore();
    app.getState().edit('Rename', (d) => ({ ...d, name: 'Mine' }));
    const own = app.getState().diagram;
    const history = app.getState().history;
    startPresenting(app, [scene('One', 1), scene('Two', 2), scene('Three', 3)]);
    expect(usePresentation.getState()).toMatchObject({ active: true, index: 0 });
    expect(app.getState().diagram.run.seed).toBe(1);
    previousScene(app);
    expect(usePresentation.getState().index).toBe(0);
    nextScene(app);
    nextScene(app);
    nextScene(app);
    expect(usePresentation.getState().index).toBe(2);
    expect(app.getState().diagram.run.seed).toBe(3);
    // Showing a scene blacks nothing out; B does, and the next scene brings the picture back.
    toggleBlack();
    expect(usePresentation.getState().black).toBe(true);
    goToScene(app, 0);
    expect(usePresentation.getState().black).toBe(false);
    // Presenting edits nothing: no undo step was added.
    expect(app.getState().history).toBe(history);
    stopPresenting(app);
    expect(usePresentation.getState().active).toBe(false);
    expect(app.getState().diagram).toBe(own);
    expect(app.getState().history).toBe(history);
  });

  it('showing the same scene again counts as a new show (its run and camera restart)', () => {
    const app = createAppStore();
    startPresenting(app, [scene('One', 1)]);
    const shown = usePresentation.getState().shown;
    goToScene(app, 0);
    expect(usePresentation.getState().shown).toBe(shown + 1);
    stopPresenting(app);
  });
});

describe('the panels a scene shows', () => {
  it('are captured from the open docks: a folded Metrics panel counts as put away, none is undefined', () => {
    const app = createAppStore();
    useTraceDock.setState({ open: false, tab: 'log' });
    expect(currentPanels(app)).toBeUndefined();
    app.getState().setMetricsPanel({ open: true, collapsed: false });
    useTraceDock.setState({ open: true, tab: 'trace' });
    expect(currentPanels(app)).toEqual({ metrics: true, log: 'trace' });
    app.getState().setMetricsPanel({ collapsed: true });
    expect(currentPanels(app)).toEqual({ metrics: false, log: 'trace' });
    useTraceDock.setState({ open: false });
  });

  it('open per scene while presenting, and the person’s own docks come back on leaving', () => {
    const app = createAppStore();
    app.getState().setMetricsPanel({ open: false, collapsed: true, height: 222 });
    useTraceDock.setState({ open: true, tab: 'trace', correlationId: 'c7' });
    startPresenting(app, [
      { ...scene('Charts', 1), panels: { metrics: true, log: null } },
      { ...scene('Log', 2), panels: { metrics: false, log: 'log' } },
      scene('Bare', 3),
    ]);
    expect(app.getState().metricsPanel).toMatchObject({ open: true, collapsed: false });
    expect(useTraceDock.getState()).toMatchObject({ open: false });
    nextScene(app);
    expect(app.getState().metricsPanel.open).toBe(false);
    // The person's traced request is none of the scene's run.
    expect(useTraceDock.getState()).toMatchObject({ open: true, tab: 'log', correlationId: null });
    nextScene(app);
    expect(app.getState().metricsPanel.open).toBe(false);
    expect(useTraceDock.getState().open).toBe(false);
    stopPresenting(app);
    expect(app.getState().metricsPanel).toEqual({ open: false, collapsed: true, height: 222 });
    expect(useTraceDock.getState()).toMatchObject({ open: true, tab: 'trace', correlationId: 'c7' });
    useTraceDock.setState({ open: false, tab: 'log', correlationId: null });
  });
});
