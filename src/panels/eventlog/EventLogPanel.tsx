import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { LogFilter, LogPage, LogRow } from '../../export/index';
import { LogFilters, type LogNames } from './LogFilters';
import { LogRows, windowFor, type LogWindow } from './LogRows';
import './eventlog.css';

export interface EventLogPanelProps {
  /** Asks for rows of the run's log (the worker filters); null when a newer ask replaced this one. */
  rows: (filter: LogFilter, offset: number, limit: number) => Promise<LogPage | null>;
  names: LogNames;
  /** Changes whenever the run moved on: the panel asks again. */
  tick: number;
  /** A row was clicked: select its element and go to its moment. */
  onPick: (row: LogRow) => void;
  /** Show this row's request in the Trace tab. */
  onTrace: (correlationId: string) => void;
}

/**
 * The run's trace records as they happen, windowed (only the rows in view exist in the page; the
 * worker keeps the log and filters it), filterable and searchable, following the newest rows while
 * the list is scrolled to its end.
 */
export function EventLogPanel({ rows, names, tick, onPick, onTrace }: EventLogPanelProps) {
  const [filter, setFilter] = useState<LogFilter>({});
  const [page, setPage] = useState<LogPage | null>(null);
  const [follow, setFollow] = useState(true);
  const [asked, setAsked] = useState<LogWindow>(() => windowFor(0, 12, true));
  useEffect(() => {
    let live = true;
    void rows(filter, asked.offset, asked.limit).then((p) => {
      if (live && p) setPage(p);
    });
    return () => {
      live = false;
    };
  }, [rows, filter, asked, tick]);
  const pick = useLatestCallback(onPick);
  const trace = useLatestCallback(onTrace);
  // Asked on every fill: the same window again keeps the state (no render, no ask).
  const onWindow = useCallback(
    (offset: number, limit: number) =>
      setAsked((before) => (before.offset === offset && before.limit === limit ? before : { offset, limit })),
    [],
  );
  return (
    <div className="el-panel">
      <LogFilters names={names} filter={filter} onChange={setFilter} />
      <LogSummary page={page} />
      <LogRows
        page={page}
        names={names}
        follow={follow}
        onFollow={setFollow}
        onWindow={onWindow}
        onPick={pick}
        onTrace={trace}
      />
    </div>
  );
}

/**
 * A callback that stays the same function while calling the latest `callback`: the dock passes new
 * ones on every render, which would otherwise draw every row again.
 */
function useLatestCallback<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}

/** How much the log holds, and what it dropped to stay bounded. */
const LogSummary = memo(function LogSummary({ page }: { page: LogPage | null }) {
  if (!page) return <p className="el-summary">Reading the log…</p>;
  const dropped = Object.entries(page.dropped).sort((a, b) => b[1] - a[1]);
  const droppedCount = dropped.reduce((sum, [, n]) => sum + n, 0);
  return (
    <p className="el-summary" data-testid="log-summary">
      {page.total.toLocaleString('en-US')} shown of the last {page.kept.toLocaleString('en-US')} records
      {droppedCount > 0
        ? ` · ${droppedCount.toLocaleString('en-US')} older ones dropped (${dropped
            .slice(0, 4)
            .map(([type, n]) => `${type} ${n.toLocaleString('en-US')}`)
            .join(', ')}${dropped.length > 4 ? ', …' : ''})`
        : ''}
    </p>
  );
});
