import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { Canvas } from '../canvas/Canvas';
import { Palette } from '../canvas/Palette';
import { Inspector } from '../panels/inspector/Inspector';
import { useAppStore } from '../store';
import type { CommandContext } from './commands';
import { ExamplesDialog } from './ExamplesDialog';
import { Notices } from './Notices';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useThemeEffect } from './theme';
import { Topbar } from './Topbar';
import { useShortcuts } from './useShortcuts';

function Editor() {
  const flow = useReactFlow();
  const dialog = useAppStore((s) => s.dialog);
  const ctx: CommandContext = useMemo(() => ({ store: useAppStore, flow, run: null }), [flow]);
  useShortcuts(ctx);
  useThemeEffect();
  return (
    <div className="app">
      <Topbar ctx={ctx} />
      <div className="workspace">
        <Palette />
        <main className="stage" aria-label="Diagram">
          <Canvas />
        </main>
        <Inspector />
      </div>
      <Notices />
      {dialog === 'shortcuts' && <ShortcutsDialog />}
      {dialog === 'examples' && (
        <ExamplesDialog onOpened={() => setTimeout(() => flow.fitView({ padding: 0.2, maxZoom: 1.2 }), 50)} />
      )}
    </div>
  );
}

/** The whole app. */
export function App() {
  return (
    <ReactFlowProvider>
      <Editor />
    </ReactFlowProvider>
  );
}
