import { useTraceDock } from '../app/traceDockState';
import type { ScenePanels } from '../model/schema';
import type { AppStore, MetricsPanelPrefs } from '../store';

/**
 * Which panels a scene shows (issue 15): captured from the editor's docks when a scene is added or
 * updated, put up while the scene is presented, and the person's own docks back when they leave.
 * The comparison dock is no scene's: it compares two designs, and a scene is one diagram state.
 */

/** The panels open under the canvas now, as a scene keeps them; undefined when none is open. */
export function currentPanels(app: AppStore): ScenePanels | undefined {
  const metricsPanel = app.getState().metricsPanel;
  const dock = useTraceDock.getState();
  // A folded Metrics panel is a header: the person put it away, so the scene does not show it.
  const metrics = metricsPanel.open && !metricsPanel.collapsed;
  const log = dock.open ? dock.tab : null;
  return metrics || log ? { metrics, log } : undefined;
}

/** The person's docks as they were before presenting. */
interface OwnPanels {
  metrics: MetricsPanelPrefs;
  log: { open: boolean; tab: 'log' | 'trace'; correlationId: string | null };
}
let own: OwnPanels | null = null;

/** Keeps the person's docks aside (once per presentation) so leaving puts them back. */
export function keepOwnPanels(app: AppStore) {
  if (own) return;
  const { open, tab, correlationId } = useTraceDock.getState();
  own = { metrics: app.getState().metricsPanel, log: { open, tab, correlationId } };
}

/** Opens the panels `panels` names and closes the others (null: the diagram alone). */
export function showScenePanels(app: AppStore, panels: ScenePanels | null) {
  app.getState().setMetricsPanel({ open: panels?.metrics ?? false, collapsed: false });
  // A request traced in the person's diagram is no request of the scene's run.
  useTraceDock.setState({ open: !!panels?.log, tab: panels?.log ?? 'log', correlationId: null });
}

/** Puts the person's docks back as they were before presenting. */
export function restoreOwnPanels(app: AppStore) {
  if (!own) return;
  app.getState().setMetricsPanel(own.metrics);
  useTraceDock.setState(own.log);
  own = null;
}
