import type { ReactFlowInstance } from '@xyflow/react';
import { emptyDiagram } from '../model/defaults';
import { moveElements } from '../model/edits';
import { EDGE_KINDS } from '../model/schema';
import { motionMs } from '../canvas/motion';
import { fitDiagram } from '../canvas/useDiagramView';
import type { AppState, AppStore } from '../store';
import type { KeySpec } from './keys';
import { openDiagram } from './persistence';
import { useTraceDock } from './traceDockState';
import { beginPresenting } from '../workshop/present';
import { reloadIntoNewVersion, updateWaiting } from '../workshop/offline';
import { breakpointFor, describeBreakpoint } from '../model/breakpointEdits';
import { formatSimTime } from '../panels/playback/format';

/** What a command may act on. */
export interface CommandContext {
  store: AppStore;
  flow: ReactFlowInstance | null;
  run: RunControls | null;
}

/** The playback controls the run commands drive (wired by the app once the playback exists). */
export interface RunControls {
  togglePlay: () => void;
  step: () => void;
  stepBack: () => void;
  rewind: () => void;
  reset: () => void;
}

/** An action of the app: menus, shortcuts, the palette and tests all go through these. */
export interface Command {
  id: string;
  label: string;
  group: 'File' | 'Edit' | 'View' | 'Run' | 'Help';
  keys?: KeySpec[];
  /** Shortcuts that still work while typing in a field. */
  whileTyping?: boolean;
  /** Changes nothing of the diagram or the device: allowed in the read-only embed. */
  readOnly?: boolean;
  enabled?: (s: AppState) => boolean;
  /** Offered in the top bar's menu on a phone (every File and Help command is, too). */
  menu?: boolean;
  run: (ctx: CommandContext) => void;
}

const hasSelection = (s: AppState) => s.selection.length > 0;

export const COMMANDS: Command[] = [
  {
    id: 'new',
    label: 'New diagram',
    group: 'File',
    run: ({ store }) => {
      const opened = openDiagram(
        store,
        emptyDiagram(),
        { origin: 'own' },
        { undoable: true, label: 'New diagram' },
      );
      if (!opened) return;
      store.getState().notify({
        tone: 'info',
        title: 'New empty diagram',
        detail: 'Undo (Ctrl+Z) brings the previous one back.',
      });
    },
  },
  {
    id: 'examples',
    label: 'Examples',
    group: 'File',
    run: ({ store }) => store.getState().setDialog('examples'),
  },
  {
    id: 'gallery',
    label: 'Pattern gallery',
    // View, not File: a phone's menu (every File command) is full; there the Examples dialog opens it.
    group: 'View',
    keys: ['g'],
    run: ({ store }) => store.getState().setDialog('gallery'),
  },
  {
    id: 'decision-guide',
    label: 'Decision guide',
    group: 'View',
    keys: ['shift+g'],
    run: ({ store }) => store.getState().setDialog('decision'),
  },
  {
    id: 'share',
    label: 'Share & export',
    group: 'File',
    keys: ['mod+shift+s'],
    run: ({ store }) => store.getState().setDialog('share'),
  },
  {
    id: 'recent',
    label: 'Recent diagrams',
    group: 'File',
    keys: ['mod+o'],
    run: ({ store }) => store.getState().setDialog('recent'),
  },
  {
    id: 'undo',
    menu: true,
    label: 'Undo',
    group: 'Edit',
    keys: ['mod+z'],
    enabled: (s) => s.history.past.length > 0,
    run: ({ store }) => store.getState().undo(),
  },
  {
    id: 'redo',
    menu: true,
    label: 'Redo',
    group: 'Edit',
    keys: ['mod+shift+z', 'mod+y'],
    enabled: (s) => s.history.future.length > 0,
    run: ({ store }) => store.getState().redo(),
  },
  {
    id: 'delete',
    label: 'Delete',
    group: 'Edit',
    keys: ['delete', 'backspace'],
    enabled: hasSelection,
    run: ({ store }) => store.getState().deleteSelection(),
  },
  {
    id: 'copy',
    label: 'Copy',
    group: 'Edit',
    keys: ['mod+c'],
    enabled: hasSelection,
    run: ({ store }) => store.getState().copySelection(),
  },
  {
    id: 'paste',
    label: 'Paste',
    group: 'Edit',
    keys: ['mod+v'],
    enabled: (s) => s.clipboard !== null,
    run: ({ store }) => store.getState().paste(),
  },
  {
    id: 'duplicate',
    label: 'Duplicate',
    group: 'Edit',
    keys: ['mod+d'],
    enabled: hasSelection,
    run: ({ store }) => store.getState().duplicateSelection(),
  },
  {
    id: 'select-all',
    label: 'Select all',
    group: 'Edit',
    keys: ['mod+a'],
    run: ({ store }) => store.getState().selectAll(),
  },
  {
    id: 'deselect',
    label: 'Clear selection',
    group: 'Edit',
    keys: ['escape'],
    readOnly: true,
    run: ({ store }) => {
      store.getState().select([]);
      store.getState().selectMessage(null);
    },
  },
  {
    id: 'rename',
    label: 'Rename service',
    group: 'Edit',
    keys: ['f2', 'enter'],
    enabled: (s) => s.selection.length === 1 && s.diagram.services.some((x) => x.id === s.selection[0]),
    run: ({ store }) => store.getState().setRenaming(store.getState().selection[0] ?? null),
  },
  {
    id: 'add-note',
    label: 'Add sticky note',
    group: 'Edit',
    keys: ['n'],
    run: ({ store, flow }) => {
      const at = flow?.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 }) ?? {
        x: 0,
        y: 0,
      };
      store.getState().addNote({ x: at.x - 100, y: at.y - 60 });
    },
  },
  {
    id: 'tidy',
    menu: true,
    label: 'Tidy up layout',
    group: 'View',
    keys: ['shift+l'],
    enabled: (s) => s.diagram.services.length > 0,
    // The layout code (dagre) is loaded on the first tidy up: the first screen never lays out.
    run: ({ store, flow }) =>
      void import('../canvas/layout').then(({ tidyLayout }) => {
        const st = store.getState();
        const positions = tidyLayout(st.diagram, st.measured);
        st.edit('Tidy up', (d) => moveElements(d, positions));
        window.setTimeout(() => flow && void fitDiagram(flow, motionMs(300)), 30);
      }),
  },
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
  {
    id: 'play',
    label: 'Play / pause',
    group: 'Run',
    keys: ['space'],
    readOnly: true,
    run: ({ run }) => run?.togglePlay(),
  },
  {
    id: 'step',
    label: 'Step to the next event',
    group: 'Run',
    keys: ['.'],
    readOnly: true,
    run: ({ run }) => run?.step(),
  },
  {
    id: 'step-back',
    label: 'Step back one event',
    group: 'Run',
    keys: [','],
    readOnly: true,
    run: ({ run }) => run?.stepBack(),
  },
  {
    id: 'rewind',
    label: 'Rewind to the start',
    group: 'Run',
    keys: ['shift+r'],
    readOnly: true,
    run: ({ run }) => run?.rewind(),
  },
  {
    id: 'reset',
    label: 'Reset the run',
    group: 'Run',
    keys: ['r'],
    readOnly: true,
    run: ({ run }) => run?.reset(),
  },
  {
    id: 'toggle-breakpoint',
    label: 'Toggle a breakpoint on the selection',
    group: 'Run',
    keys: ['b'],
    // A circuit on a sync edge with a breaker, a queue's dead letter, a saga's compensation, a client's slow request.
    enabled: (s) => s.selection.length === 1 && breakpointFor(s.diagram, s.selection[0]!) !== null,
    run: ({ store }) => {
      const st = store.getState();
      const suggested = breakpointFor(st.diagram, st.selection[0] ?? '');
      if (!suggested) return;
      const same = st.diagram.breakpoints.find(
        (b) => b.kind === suggested.kind && b.target === suggested.target,
      );
      if (same) st.removeBreakpoint(same.id);
      else st.addBreakpoint(suggested);
      st.notify({
        tone: 'info',
        title: `${same ? 'Removed' : 'Added'} breakpoint: ${describeBreakpoint(st.diagram, same ?? suggested)}`,
        detail:
          'The run pauses at the event that hits it. Breakpoints are listed in the inspector (nothing selected).',
      });
    },
  },
  {
    id: 'compare',
    label: 'Compare with a variant',
    group: 'Run',
    menu: true,
    // One comparison at a time: its region's A/B switch and Close end or steer it.
    enabled: (s) => s.comparison === null,
    run: ({ store }) => store.getState().startComparison(),
  },
  {
    id: 'fork',
    label: 'Fork from here',
    group: 'Run',
    // A moment held still (paused by a person, a step, a seek or a breakpoint); one comparison at a time.
    enabled: (s) => s.sim.status === 'paused' && s.comparison === null,
    run: ({ store }) => {
      const st = store.getState();
      const at = st.sim.now;
      st.startComparison(undefined, undefined, forkName(st.diagram.name, at));
      st.notify({
        tone: 'info',
        title: `Forked at ${formatSimTime(at)}`,
        detail:
          'You are on the fork (B), held at that moment; the original (A) is kept. Inject a fault and play on: it changes the run from here. The Comparison panel runs both.',
      });
    },
  },
  {
    id: 'report',
    label: 'Run report',
    group: 'Run',
    menu: true,
    run: ({ store }) => store.getState().setDialog('report'),
  },
  {
    id: 'loadtest',
    label: 'Load test',
    group: 'Run',
    enabled: (s) => s.diagram.services.some((x) => x.kind === 'client'),
    run: ({ store }) => {
      const st = store.getState();
      // On the selected client when one is selected; else the dialog picks the first.
      const selected =
        st.selection.length === 1 ? st.diagram.services.find((x) => x.id === st.selection[0]) : undefined;
      st.openLoadTest(selected?.kind === 'client' ? selected.id : null);
    },
  },
  {
    id: 'update-app',
    label: 'Reload into the new version',
    group: 'Help',
    // Offered by the "new version" notice; elsewhere (the palette) only while a version is waiting.
    enabled: () => updateWaiting(),
    run: () => reloadIntoNewVersion(),
  },
  {
    id: 'palette',
    label: 'Command palette',
    group: 'Help',
    keys: ['mod+k'],
    // From a field too (as in VS Code, Linear, Figma); pressed again, it closes the palette.
    whileTyping: true,
    run: ({ store }) => {
      const st = store.getState();
      st.setDialog(st.dialog === 'palette' ? null : 'palette');
    },
  },
  {
    id: 'shortcuts',
    label: 'Keyboard shortcuts',
    group: 'Help',
    keys: ['?', 'shift+/'],
    run: ({ store }) => store.getState().setDialog('shortcuts'),
  },
];

/** A fork's name: the diagram's, with the moment it was forked at. */
export const forkName = (name: string, atMs: number) =>
  `${name} (fork at ${formatSimTime(atMs)})`.slice(0, 200);

/** The command with `id` (throws on a typo, so tests and menus can't drift). */
export function command(id: string): Command {
  const c = COMMANDS.find((x) => x.id === id);
  if (!c) throw new Error(`unknown command ${id}`);
  return c;
}

/** The commands the top bar's menu lists on a phone, in the registry's order. */
export function menuCommands(): Command[] {
  return COMMANDS.filter((c) => c.menu || c.group === 'File' || c.group === 'Help');
}

/** Whether `c` may run where the app is: the read-only embed runs only commands that change nothing. */
export function allowedHere(c: Command, s: AppState): boolean {
  return s.mode !== 'embed' || c.readOnly === true;
}

/** Runs a command if it is enabled and allowed here; returns whether it ran. */
export function runCommand(id: string, ctx: CommandContext): boolean {
  const c = command(id);
  const st = ctx.store.getState();
  if (!allowedHere(c, st)) return false;
  if (c.enabled && !c.enabled(st)) return false;
  c.run(ctx);
  return true;
}
