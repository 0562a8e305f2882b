import { useEffect, useRef, useState } from 'react';
import type { LogFilter, LogPage, LogRow } from '../../export/index';
import { formatSimTime } from '../playback/format';
import { LogFilters, type LogNames } from './LogFilters';
import './eventlog.css';

/** Height of one row in CSS pixels: the list is windowed on it. */
export const LOG_ROW_HEIGHT = 26;
/** Rows asked beyond those in view, above and below, so a scroll finds them ready. */
const OVERSCAN = 20;

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
  const [view, setView] = useState({ top: 0, height: 300 });
  const [follow, setFollow] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  const first = Math.floor(view.top / LOG_ROW_HEIGHT);
  const count = Math.ceil(view.height / LOG_ROW_HEIGHT) + 1;
  const limit = count + 2 * OVERSCAN;
  useEffect(() => {
    let live = true;
    const offset = follow ? -1 : Math.max(0, first - OVERSCAN);
    void rows(filter, offset, limit).then((p) => {
      if (live && p) setPage(p);
    });
    return () => {
      live = false;
    };
  }, [rows, filter, first, limit, follow, tick]);
  useEffect(() => {
    const el = scroller.current;
    if (!el || !follow || !page) return;
    el.scrollTop = el.scrollHeight;
  }, [page, follow]);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const onScroll = () => {
    const el = scroller.current!;
    setView({ top: el.scrollTop, height: el.clientHeight });
    const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - LOG_ROW_HEIGHT;
    if (atEnd !== follow) setFollow(atEnd);
  };
  const total = page?.total ?? 0;
  return (
    <div className="el-panel">
      <LogFilters names={names} filter={filter} onChange={setFilter} />
      <LogSummary page={page} />
      <div className="el-scroll" ref={scroller} onScroll={onScroll} tabIndex={0} aria-label="Log rows">
        <ol className="el-rows" style={{ height: total * LOG_ROW_HEIGHT }} aria-rowcount={total}>
          {page?.rows.map((row, i) => (
            <li
              // Keyed by place, not by record: a scroll fills the same elements with other rows
              // instead of replacing them all (rows are consecutive, so no two share a key).
              key={(page.offset + i) % limit}
              style={{ top: (page.offset + i) * LOG_ROW_HEIGHT }}
              className={row.error ? 'is-error' : undefined}
            >
              <button type="button" className="el-row" onClick={() => onPick(row)} data-testid="log-row">
                <span className="el-time">{formatSimTime(row.t)}</span>
                <span className="el-type">{row.type}</span>
                <span className="el-where">{where(row, names)}</span>
                <span className="el-message">{row.message ?? ''}</span>
                <span className="el-outcome">{row.outcome ?? ''}</span>
              </button>
              {row.correlationId ? (
                <button
                  type="button"
                  className="el-corr"
                  title={`Trace request ${row.correlationId}`}
                  onClick={() => onTrace(row.correlationId!)}
                >
                  {row.correlationId}
                </button>
              ) : null}
            </li>
          ))}
        </ol>
        {page && total === 0 ? (
          <p className="el-empty">
            {page.seen === 0 ? 'Nothing has happened yet: press play.' : 'No record matches the filter.'}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function where(row: LogRow, names: LogNames): string {
  const service =
    row.service === undefined ? '' : (names.services.find((s) => s.id === row.service)?.name ?? row.service);
  const edge = row.edge === undefined ? '' : (names.edges.find((e) => e.id === row.edge)?.label ?? row.edge);
  return [service, row.channel ?? edge].filter(Boolean).join(' · ');
}

/** How much the log holds, and what it dropped to stay bounded. */
function LogSummary({ page }: { page: LogPage | null }) {
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
}
