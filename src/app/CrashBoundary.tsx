import { Component, useSyncExternalStore, type ErrorInfo, type ReactNode } from 'react';
import type { Diagram } from '../model/schema';
import type { RecentEntry } from '../storage';
import { useAppStore } from '../store';
import type { CrashReport } from './crash';
import { errorText } from './errorText';
import { Notices } from './Notices';
import { autosaveGuard, withPersistence, type Persistence } from './persistenceLoader';
import './share.css';

interface Props {
  children: ReactNode;
  /** The read-only embed: says what happened, touches no storage. */
  embed?: boolean;
}
interface State {
  error: unknown;
  crashed: Diagram | null;
  /** The store's load count when it crashed: a diagram loaded after it (not a camera move) may draw. */
  loads: number;
  report: CrashReport | null;
  previous: RecentEntry | undefined;
}

/**
 * Catches an error while drawing, so a diagram can never leave the app blank: says what happened and
 * offers the previous diagram (from Recent) or a fresh one. The crashed diagram is never autosaved.
 * Any other diagram taking its place (go back, new, a link) brings the app back.
 */
export class CrashBoundary extends Component<Props, State> {
  override state: State = { error: null, crashed: null, loads: 0, report: null, previous: undefined };
  private off: (() => void) | null = null;

  static getDerivedStateFromError(error: unknown): Partial<State> {
    const { diagram, loads } = useAppStore.getState();
    return { error, crashed: diagram, loads };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo) {
    const crashed = this.state.crashed ?? useAppStore.getState().diagram;
    if (this.props.embed) return;
    // At once, even before the storage code is in: no autosave may write the crashed diagram.
    autosaveGuard.crashed = true;
    withStorage((p) => {
      // Going back opens a recent diagram, which the diagram reader reads: fetched now, before the click.
      void p.loadDiagramReader().catch(() => {});
      this.setState({ report: p.recordCrash(crashed, error), previous: p.previousDiagram(crashed) });
    });
  }

  override componentDidMount() {
    this.off = useAppStore.subscribe((s) => {
      if (this.state.error === null || s.loads === this.state.loads) return;
      if (!this.props.embed) withStorage((p) => p.crashRecovered());
      this.setState({ error: null, crashed: null, report: null, previous: undefined });
    });
  }

  override componentWillUnmount() {
    this.off?.();
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    const name = this.state.crashed?.name ?? 'the diagram';
    const previous = this.state.previous;
    return (
      <div className="crash-page">
        <section className="crash" role="alert" aria-labelledby="crash-title" data-testid="crash">
          <h1 id="crash-title">This diagram could not be drawn</h1>
          <p>
            Microsim hit an error while drawing “{name}”: <code>{errorText(this.state.error)}</code>
          </p>
          {this.props.embed ? (
            <p>Nothing on this page changed. Open the link in Microsim to see what the diagram holds.</p>
          ) : (
            <>
              <p>
                It was not saved over your last diagram.
                {this.state.report?.keptAs &&
                  ` It was kept aside on this device (${this.state.report.keptAs}), so nothing is lost.`}
              </p>
              <div className="crash__actions">
                {previous && (
                  <button
                    className="btn btn--primary"
                    onClick={() =>
                      withStorage((p) => {
                        const goBack = () => p.goBackTo(useAppStore, previous);
                        if (p.diagramReaderLoaded()) goBack();
                        else void p.loadDiagramReader().then(goBack, goBack);
                      })
                    }
                  >
                    Go back to “{previous.name}”
                  </button>
                )}
                <button
                  className={`btn${previous ? '' : ' btn--primary'}`}
                  onClick={() => withStorage((p) => p.startFresh(useAppStore))}
                >
                  Start a new diagram
                </button>
              </div>
            </>
          )}
        </section>
        <Notices />
      </div>
    );
  }
}

/** Runs `run` with the storage code (at once when it is in); says so when it cannot load. */
function withStorage(run: (p: Persistence) => void) {
  withPersistence(run, () =>
    useAppStore.getState().notify({
      tone: 'error',
      title: 'Part of Microsim did not load',
      detail:
        'What keeps and reopens diagrams on this device could not be loaded. Reload the page to try again.',
    }),
  );
}

/**
 * Test hook: drawing a diagram with this name throws, to exercise the boundary and the autosave guard
 * (set from e2e through `window.__microsim.failDrawing(name)`; drawing reacts at once).
 */
export const drawingFault = {
  name: null as string | null,
  listeners: new Set<() => void>(),
  set(name: string | null) {
    this.name = name;
    for (const l of this.listeners) l();
  },
};

const subscribeFault = (l: () => void) => {
  drawingFault.listeners.add(l);
  return () => drawingFault.listeners.delete(l);
};

/** Throws while drawing the diagram `drawingFault` names; draws nothing otherwise. */
export function DrawingFaultProbe() {
  const name = useAppStore((s) => s.diagram.name);
  const failing = useSyncExternalStore(subscribeFault, () => drawingFault.name);
  if (failing !== null && name === failing) {
    throw new Error(`Test fault: drawing “${name}” fails on purpose`);
  }
  return null;
}
