import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useDockResize } from '../panels/DockResizer';
import type { LogFilter, LogRow, RequestTraceView } from '../export/index';
import type { Playback } from '../playback';
import { EventLogPanel } from '../panels/eventlog/EventLogPanel';
import type { LogNames } from '../panels/eventlog/LogFilters';
import { TracePanel, type TracePick } from '../panels/trace/TracePanel';
import { TRACE_TYPES } from '../runtime/index';
import { useAppStore } from '../store';
import { usePlaybackState } from './run';
import { runWork } from './RunHealth';
import { TraceClient } from './traceClient';
import { useTracePath } from '../canvas/tracePath';
import { pathOfSpans } from '../panels/trace/tracePath';
import { useTraceDock } from './traceDockState';

const PICK_NONE: Record<TracePick, string> = {
  slowest: 'No request has finished yet.',
  failed: 'No request has failed so far in this run.',
  compensated: 'No saga has been compensated so far in this run.',
};

/**
 * The Event log and Trace tabs, docked under the canvas (below the Metrics panel when both are
 * open). Both read a replay of the run in a worker (traceWork.ts), never the playing engine.
 */
export function TraceDock({ playback: p }: { playback: Playback }) {
  const dock = useTraceDock();
  const s = usePlaybackState();
  const client = useMemo(() => new TraceClient(), []);
  useEffect(() => () => client.dispose(), [client]);
  const diagram = p.loadedDiagram;
  const work = runWork(p, s);
  const workRef = useLatest(work);
  const tick = Math.floor(s.now / 200) + s.runId * 1e9;
  const names = useMemo<LogNames>(() => namesOf(diagram), [diagram]);
  const nameOf = (id: string) => names.services.find((x) => x.id === id)?.name ?? id;
  const rows = useMemo(
    () => async (filter: LogFilter, offset: number, limit: number) => {
      const w = workRef.current;
      if (!w) return null;
      const answer = await client.ask(w, { kind: 'rows', filter, offset, limit });
      return answer?.page ?? null;
    },
    [client, workRef],
  );
  const trace = useRequestTrace(
    client,
    dock.open && dock.tab === 'trace' ? dock.correlationId : null,
    workRef,
    tick,
  );
  useTraceSelectedMessage(p, dock.open && dock.tab === 'trace');
  useLitPath(dock.open && dock.tab === 'trace' ? trace.view : null, dock.correlationId);
  const [pickMessage, setPickMessage] = useState<string | null>(null);
  const panel = useRef<HTMLElement>(null);
  const { height, separator } = useDockResize({
    panel,
    height: dock.height,
    min: 120,
    label: 'Resize the event log and trace',
    testId: 'log-dock-resize',
    commit: dock.setHeight,
  });
  if (!dock.open) return null;
  const onPick = (row: LogRow) => {
    const target = row.edge ?? row.service;
    if (target) useAppStore.getState().select([target]);
    p.seek(row.t);
  };
  const pick = async (which: TracePick) => {
    const w = workRef.current;
    if (!w) return;
    const answer = await client.ask(w, { kind: 'pick', which });
    if (answer?.picked) {
      setPickMessage(null);
      dock.showTrace(answer.picked);
    } else if (answer) setPickMessage(PICK_NONE[which]);
  };
  return (
    <section
      ref={panel}
      className="el-dock"
      aria-label={dock.tab === 'log' ? 'Event log' : 'Trace'}
      data-sized={height === null ? undefined : true}
      style={height === null ? undefined : ({ '--dock-height': `${height}px` } as CSSProperties)}
    >
      {separator}
      <header className="el-head">
        <div role="tablist" aria-label="Run records" className="el-tabs">
          <button
            role="tab"
            aria-selected={dock.tab === 'log'}
            className="el-tab"
            onClick={() => dock.setTab('log')}
          >
            Event log
          </button>
          <button
            role="tab"
            aria-selected={dock.tab === 'trace'}
            className="el-tab"
            onClick={() => dock.setTab('trace')}
          >
            Trace
          </button>
        </div>
        <button
          type="button"
          className="btn btn--small el-close"
          aria-label="Close the event log and trace"
          onClick={() => dock.setOpen(false)}
        >
          ×
        </button>
      </header>
      <div className="el-body" role="tabpanel">
        {!work ? <p className="muted">No run yet.</p> : null}
        {work && dock.tab === 'log' ? (
          <EventLogPanel rows={rows} names={names} tick={tick} onPick={onPick} onTrace={dock.showTrace} />
        ) : null}
        {work && dock.tab === 'trace' ? (
          <TracePanel
            correlationId={dock.correlationId}
            trace={trace.view}
            loading={trace.loading}
            message={pickMessage ?? trace.message}
            nameOf={nameOf}
            onShow={dock.showTrace}
            onPick={(which) => void pick(which)}
            onHighlight={(id) => useAppStore.getState().selectMessage(id)}
            onClear={dock.clearTrace}
          />
        ) : null}
      </div>
    </section>
  );
}

function useLatest<T>(value: T): { current: T } {
  const [ref] = useState(() => ({ current: value }));
  ref.current = value;
  return ref;
}

/**
 * Builds the trace of `correlationId` at the run's current moment, again whenever `tick` says the
 * run moved (it plays, seeks or restarts): a request still in flight grows as the run plays. The
 * client keeps only the latest waiting ask, so a fast run asks no faster than the replay answers.
 */
function useRequestTrace(
  client: TraceClient,
  correlationId: string | null,
  workRef: { current: ReturnType<typeof runWork> },
  tick: number,
) {
  const [state, setState] = useState<{
    id: string | null;
    view: RequestTraceView | null;
    message: string | null;
  }>({
    id: null,
    view: null,
    message: null,
  });
  useEffect(() => {
    const w = workRef.current;
    if (!correlationId || !w) return;
    let live = true;
    void client.ask(w, { kind: 'trace', correlationId }).then((answer) => {
      if (!live || !answer) return;
      const message =
        answer.error ?? (answer.trace ? null : `No request ${correlationId} in this run so far.`);
      setState({ id: correlationId, view: answer.trace ?? null, message });
    });
    return () => {
      live = false;
    };
  }, [client, correlationId, workRef, tick]);
  const loading = correlationId !== null && state.id !== correlationId;
  return {
    view: state.id === correlationId ? state.view : null,
    message: loading ? null : state.message,
    loading,
  };
}

/**
 * Lights on the canvas the services and edges of the request the Trace tab shows; the path goes out
 * when it shows none (cleared, another tab, the dock closed).
 */
function useLitPath(view: RequestTraceView | null, correlationId: string | null): void {
  const shown = view && view.correlationId === correlationId ? view : null;
  useEffect(() => {
    const setPath = useTracePath.getState().setPath;
    if (!shown) {
      setPath(null);
      return;
    }
    setPath({ correlationId: shown.correlationId, ...pathOfSpans(shown.spans) });
    return () => setPath(null);
  }, [shown]);
}

/** A message clicked on the canvas while the Trace tab is open: trace its request. */
function useTraceSelectedMessage(p: Playback, active: boolean): void {
  const selected = useAppStore((st) => st.selectedMessage);
  useEffect(() => {
    if (!active || !selected) return;
    let live = true;
    void p.envelope(selected).then((envelope) => {
      if (live && envelope) useTraceDock.getState().showTrace(envelope.correlationId);
    });
    return () => {
      live = false;
    };
  }, [p, selected, active]);
}

function namesOf(diagram: Playback['loadedDiagram']): LogNames {
  const services = (diagram?.services ?? []).map((s) => ({ id: s.id, name: s.name }));
  const name = (id: string) => services.find((s) => s.id === id)?.name ?? id;
  const edges = (diagram?.edges ?? []).map((e) => ({
    id: e.id,
    label: `${name(e.from)} → ${name(e.to)}${e.message ? ` · ${e.message}` : ''}`,
  }));
  const channels = [
    ...new Set(
      (diagram?.edges ?? []).flatMap((e) =>
        e.kind === 'queue' ? [e.channel] : e.kind === 'topic' ? [e.topic] : [],
      ),
    ),
  ];
  return { services, edges, channels, types: TRACE_TYPES };
}
