import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../scenarios';
import { createAppStore } from '../store';
import { allowedHere, COMMANDS, runCommand, type CommandContext } from './commands';

/** A store showing the Checkout example, in the editor or the read-only embed. */
function setup(mode: 'editor' | 'embed') {
  const store = createAppStore();
  store.getState().setMode(mode);
  store.getState().replaceDiagram(SCENARIOS[0]!.diagram, { undoable: false });
  const ran: string[] = [];
  const ctx: CommandContext = {
    store,
    flow: null,
    run: {
      togglePlay: () => ran.push('play'),
      step: () => ran.push('step'),
      stepBack: () => ran.push('stepBack'),
      rewind: () => ran.push('rewind'),
      reset: () => ran.push('reset'),
    },
  };
  return { store, ctx, ran };
}

describe('commands in the read-only embed', () => {
  it('only play, step, step back, rewind, reset, fit, zoom and clearing the selection are allowed', () => {
    const { store } = setup('embed');
    const allowed = COMMANDS.filter((c) => allowedHere(c, store.getState())).map((c) => c.id);
    expect(allowed.sort()).toEqual([
      'deselect',
      'fit',
      'play',
      'reset',
      'rewind',
      'step',
      'step-back',
      'zoom-in',
      'zoom-out',
    ]);
  });

  it('every other command changes nothing: not the diagram, the selection, the theme or a dialog', () => {
    const { store, ctx, ran } = setup('embed');
    const before = store.getState();
    for (const c of COMMANDS) {
      if (c.readOnly) continue;
      expect(runCommand(c.id, ctx), c.id).toBe(false);
      // With something selected too (as an editor shortcut would need).
      store.setState({ selection: ['orders'] });
      expect(runCommand(c.id, ctx), c.id).toBe(false);
      store.setState({ selection: [] });
    }
    const after = store.getState();
    expect(after.diagram).toBe(before.diagram);
    expect(after.theme).toBe(before.theme);
    expect(after.dialog).toBeNull();
    expect(after.history).toEqual(before.history);
    expect(ran).toEqual([]);
  });

  it('the run commands work there', () => {
    const { ctx, ran } = setup('embed');
    for (const id of ['play', 'step', 'reset']) expect(runCommand(id, ctx)).toBe(true);
    expect(ran).toEqual(['play', 'step', 'reset']);
  });

  it('in the editor the same commands edit', () => {
    const { store, ctx } = setup('editor');
    expect(runCommand('select-all', ctx)).toBe(true);
    expect(store.getState().selection.length).toBeGreaterThan(0);
    expect(runCommand('delete', ctx)).toBe(true);
    expect(store.getState().diagram.services).toEqual([]);
  });
});

describe('Fork from here', () => {
  it('is offered only while the run is paused, and not during a comparison', () => {
    const { store, ctx } = setup('editor');
    for (const status of ['idle', 'playing', 'ended'] as const) {
      store.setState({ sim: { ...store.getState().sim, status, now: 12_345 } });
      expect(runCommand('fork', ctx), status).toBe(false);
    }
    expect(store.getState().comparison).toBeNull();
  });

  it('puts a copy named for the moment on the canvas, with the original kept to compare', () => {
    const { store, ctx } = setup('editor');
    const original = store.getState().diagram;
    store.setState({ sim: { ...store.getState().sim, status: 'paused', now: 12_345 } });
    expect(runCommand('fork', ctx)).toBe(true);
    const st = store.getState();
    expect(st.diagram.name).toBe(`${original.name} (fork at 12.345 s)`);
    // The same run: everything it depends on is the original's, so it goes on from the moment.
    expect({ ...st.diagram, name: '' }).toEqual({ ...original, name: '' });
    expect(st.comparison).toMatchObject({ showing: 'b', aside: { diagram: original } });
    expect(st.notices.at(-1)?.title).toBe('Forked at 12.345 s');
    expect(runCommand('fork', ctx), 'one comparison at a time').toBe(false);
  });
});
