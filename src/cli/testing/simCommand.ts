import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** For the command's tests: a scratch folder, and `sim(...args)` running `src/cli/sim.ts` as a person would. */
export function simCommand() {
  const dir = mkdtempSync(join(tmpdir(), 'microsim-cli-'));
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const sim = (...args: string[]) => spawnSync(tsx, ['src/cli/sim.ts', ...args], { encoding: 'utf8' });
  return { dir, sim };
}
