import type { ReactFlowInstance } from '@xyflow/react';
import type { AppState, AppStore } from '../store';
import type { KeySpec } from './keys';
import { EDIT_COMMANDS } from './commandsEdit';
import { FILE_COMMANDS } from './commandsFile';
import { HELP_COMMANDS } from './commandsHelp';
import { RUN_COMMANDS } from './commandsRun';
import { VIEW_COMMANDS } from './commandsView';

export { forkName } from './commandsRun';

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

/** Every command, in the order menus, the palette and the shortcuts list show them. */
export const COMMANDS: Command[] = [
  ...FILE_COMMANDS,
  ...EDIT_COMMANDS,
  ...VIEW_COMMANDS,
  ...RUN_COMMANDS,
  ...HELP_COMMANDS,
];

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
