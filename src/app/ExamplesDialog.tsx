import { SCENARIOS } from '../scenarios';
import { useAppStore } from '../store';
import { Dialog } from './Dialog';
import { keepInRecent } from './persistence';

/** The built-in scenarios; opening one replaces the diagram (undoable). */
export function ExamplesDialog() {
  return (
    <Dialog title="Examples" testId="examples-dialog" wide>
      <ul className="examples">
        {SCENARIOS.map((s) => (
          <li key={s.id}>
            <button
              className="example"
              data-testid={`example-${s.id}`}
              onClick={() => {
                const st = useAppStore.getState();
                keepInRecent(useAppStore);
                st.replaceDiagram(s.diagram, { undoable: true, label: `Open ${s.title}` });
                st.setDialog(null);
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
