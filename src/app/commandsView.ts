import { EDGE_KINDS } from '../model/schemaConstants';
import { motionMs } from '../canvas/motion';
import { fitDiagram } from '../canvas/useDiagramView';
import { useTraceDock } from './traceDockState';
import { beginPresenting } from '../workshop/present';
import type { Command } from './commands';

/** The view and its panels, and the kind new connections take. */
export const VIEW_COMMANDS: Command[] = [
  {
    id: 'fit',
    readOnly: true,
    label: 'Fit view',
    group: 'View',
    keys: ['f'],
    run: ({ flow }) => flow && void fitDiagram(flow, motionMs(250)),
  },
  {
    id: 'zoom-in',
    readOnly: true,
    label: 'Zoom in',
    group: 'View',
    keys: ['='],
    run: ({ flow }) => void flow?.zoomIn({ duration: motionMs(150) }),
  },
  {
    id: 'zoom-out',
    readOnly: true,
    label: 'Zoom out',
    group: 'View',
    keys: ['-'],
    run: ({ flow }) => void flow?.zoomOut({ duration: motionMs(150) }),
  },
  {
    id: 'theme',
    menu: true,
    label: 'Switch theme',
    group: 'View',
    keys: ['shift+d'],
    run: ({ store }) => {
      // From following the system, the first switch goes to the theme the system is not showing:
      // otherwise the first press would change nothing visible.
      const osDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
      const order = osDark ? (['system', 'light', 'dark'] as const) : (['system', 'dark', 'light'] as const);
      const cur = store.getState().theme;
      store.getState().setTheme(order[(order.indexOf(cur) + 1) % order.length]!);
    },
  },
  {
    id: 'present',
    label: 'Present',
    group: 'View',
    keys: ['shift+p'],
    // Full screen, the presentation theme and the clicker keys (src/workshop).
    run: () => beginPresenting(),
  },
  {
    id: 'scenes',
    label: 'Scenes (the deck to present)',
    group: 'View',
    keys: ['shift+s'],
    // The deck of scenes: capture, rename, reorder, present (src/workshop/ScenesDialog).
    run: ({ store }) => store.getState().setDialog('scenes'),
  },
  {
    id: 'metrics',
    menu: true,
    label: 'Metrics panel',
    group: 'View',
    keys: ['m'],
    run: ({ store, flow }) => {
      const st = store.getState();
      // A folded panel unfolds; an open one closes; a closed one opens.
      if (st.metricsPanel.open && st.metricsPanel.collapsed) st.setMetricsPanel({ collapsed: false });
      else st.setMetricsPanel({ open: !st.metricsPanel.open, collapsed: false });
      // The canvas grew or shrank: the diagram is fitted to it again, as on opening.
      if (flow) window.setTimeout(() => void fitDiagram(flow, motionMs(200)), 60);
    },
  },
  {
    id: 'event-log',
    menu: true,
    label: 'Event log',
    group: 'View',
    keys: ['l'],
    run: () => {
      const dock = useTraceDock.getState();
      // Open on the log; pressed again while the log shows, it closes.
      if (dock.open && dock.tab === 'log') dock.setOpen(false);
      else dock.setTab('log');
    },
  },
  {
    id: 'trace-view',
    menu: true,
    label: 'Trace view (one request end to end)',
    group: 'View',
    keys: ['shift+t'],
    run: () => {
      const dock = useTraceDock.getState();
      if (dock.open && dock.tab === 'trace') dock.setOpen(false);
      else dock.setTab('trace');
    },
  },
  ...EDGE_KINDS.map((k, i): Command => ({
    id: `edge-kind-${k}`,
    label: `Connect as ${k}`,
    group: 'Edit',
    keys: [String(i + 1)],
    run: ({ store }) => {
      const st = store.getState();
      st.setDefaultEdgeKind(k);
      // With one edge selected, the shortcut also switches that edge's kind.
      const sel = st.selection[0];
      if (st.selection.length === 1 && st.diagram.edges.some((e) => e.id === sel)) st.changeEdgeKind(sel!, k);
    },
  })),
];
