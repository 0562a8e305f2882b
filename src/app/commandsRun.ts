import { breakpointFor, describeBreakpoint } from '../model/breakpointEdits';
import { formatSimTime } from '../panels/playback/format';
import type { Command } from './commands';

/** A fork's name: the diagram's, with the moment it was forked at. */
export const forkName = (name: string, atMs: number) =>
  `${name} (fork at ${formatSimTime(atMs)})`.slice(0, 200);

/** Driving the run: play, step, rewind, reset, breakpoints, compare, fork, report, load test. */
export const RUN_COMMANDS: Command[] = [
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
];
