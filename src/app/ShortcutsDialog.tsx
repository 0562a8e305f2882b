import { COMMANDS } from './commands';
import { Dialog } from './Dialog';
import { formatKey } from './keys';

/** Every command with a shortcut, grouped: generated from the command list, so it can't go stale. */
export function ShortcutsDialog() {
  const groups = ['File', 'Edit', 'View', 'Run', 'Help'] as const;
  return (
    <Dialog title="Keyboard shortcuts" testId="shortcuts-dialog">
      <div className="shortcuts">
        {groups.map((g) => (
          <section key={g}>
            <h3>{g}</h3>
            <dl>
              {COMMANDS.filter((c) => c.group === g && c.keys?.length).map((c) => (
                <div key={c.id} className="shortcut">
                  <dt>{c.label}</dt>
                  <dd>
                    {c.keys!.slice(0, 2).map((k) => (
                      <kbd key={k}>{formatKey(k)}</kbd>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section>
          <h3>Canvas</h3>
          <dl>
            <div className="shortcut">
              <dt>Select several</dt>
              <dd>
                <kbd>Shift</kbd>+click or drag a box
              </dd>
            </div>
            <div className="shortcut">
              <dt>Connect</dt>
              <dd>drag from a right handle to a left handle</dd>
            </div>
            <div className="shortcut">
              <dt>Rename</dt>
              <dd>double-click a service</dd>
            </div>
            <div className="shortcut">
              <dt>Faults</dt>
              <dd>right-click a service or edge</dd>
            </div>
          </dl>
        </section>
      </div>
    </Dialog>
  );
}
