import { SCENARIOS } from '../scenarios';
import { useAppStore } from '../store';
import { Dialog } from './Dialog';
import { openDiagram } from './persistence';

/** The built-in scenarios; opening one replaces the diagram (undoable). */
export function ExamplesDialog() {
  return (
    <Dialog title="Examples" testId="examples-dialog" wide>
      <p className="examples__gallery">
        <button
          className="btn"
          data-testid="open-gallery"
          onClick={() => useAppStore.getState().setDialog('gallery')}
        >
          Pattern gallery
        </button>
        <span className="muted">
          {' '}
          13 patterns to run, each with moments to watch and a claim the engine proves (<kbd>G</kbd>).
        </span>
      </p>
      <ul className="examples">
        {SCENARIOS.map((s) => (
          <li key={s.id}>
            <button
              className="example"
              data-testid={`example-${s.id}`}
              onClick={() => {
                const opened = openDiagram(
                  useAppStore,
                  s.diagram,
                  { origin: 'example' },
                  { undoable: true, label: `Open ${s.title}` },
                );
                if (opened) useAppStore.getState().setDialog(null);
              }}
            >
              <strong>{s.title}</strong>
              <span>{s.summary}</span>
              <small>
                {s.diagram.services.length} services · {s.diagram.edges.length} edges
              </small>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
