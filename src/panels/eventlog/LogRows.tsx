import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { LogPage, LogRow } from '../../export/index';
import type { LogNames } from './LogFilters';
import { LOG_ROW_HEIGHT, fillRows, slotCount, type DrawnRows } from './fillRows';

/**
 * The worker is asked for rows this many at a time on either side of the view: the view moves this
 * far before the next ask, instead of asking on every scroll event. Each ask sends the run to the
 * worker and each answer renders the panel: at 60, a fast scroll (40 rows a frame) asked about every
 * other frame and sometimes outran the answers (blank rows for a frame); at 150, every fourth frame.
 */
const ASK_STEP = 150;

/** Which rows to ask the worker for: `offset` -1 asks for the newest `limit` rows. */
export interface LogWindow {
  offset: number;
  limit: number;
}

/** The rows to ask for when the view starts at row `first` and shows `count` rows. */
export function windowFor(first: number, count: number, follow: boolean): LogWindow {
  const limit = 3 * ASK_STEP + count;
  if (follow) return { offset: -1, limit };
  const step = Math.floor(first / ASK_STEP) * ASK_STEP;
  return { offset: Math.max(0, step - ASK_STEP), limit };
}

export interface LogRowsProps {
  page: LogPage | null;
  names: LogNames;
  /** The view is held at the newest rows, and stays there as the run adds rows. */
  follow: boolean;
  onFollow: (follow: boolean) => void;
  /** The rows the view needs: ask the worker for them (the same again changes nothing). */
  onWindow: (offset: number, limit: number) => void;
  onPick: (row: LogRow) => void;
  onTrace: (correlationId: string) => void;
}

/**
 * The scrolled list. React makes one row element per slot (the rows in view and a few more), in
 * normal flow inside one list moved with a transform; a scroll refills those elements in the scroll
 * event itself (fillRows: only the texts that changed), without a React render, so the rows are
 * drawn in the frame that shows the scroll. The worker is asked again only when the view nears the
 * edge of the rows it holds.
 */
export const LogRows = memo(function LogRows(props: LogRowsProps) {
  const { page, names, follow, onFollow, onWindow, onPick, onTrace } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const [height, setHeight] = useState(300);
  // The last scroll position seen, and what each slot shows (read by clicks and the next fill).
  const view = useRef({ top: 0, shown: [] as (LogRow | undefined)[], drawn: [] as DrawnRows });
  const total = page?.total ?? 0;
  const slots = slotCount(height);
  // The same elements on every render: a new page re-renders the list without comparing its rows.
  const items = useMemo(() => slotItems(slots), [slots]);
  const draw = (top: number) => {
    const count = Math.ceil(height / LOG_ROW_HEIGHT) + 1;
    // While following, the view is at the end (the scroll there may land after this fill).
    const first = follow
      ? Math.max(0, total - Math.floor(height / LOG_ROW_HEIGHT))
      : Math.floor(top / LOG_ROW_HEIGHT);
    view.current.shown = fillRows(list.current!, page, first, names, view.current.drawn);
    const { offset, limit } = windowFor(first, count, follow);
    onWindow(offset, limit);
  };
  // Rows drawn with other names, or in slots made again, are drawn again.
  useLayoutEffect(() => {
    view.current.drawn = [];
  }, [names, slots]);
  useLayoutEffect(() => {
    const element = scroller.current!;
    // Setting past the end lands at the end: no need to read the list's height first.
    if (follow && page) element.scrollTop = page.total * LOG_ROW_HEIGHT;
    draw(view.current.top);
  });
  useEffect(() => {
    const element = scroller.current!;
    const measure = () => setHeight(element.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const onScroll = () => {
    const top = scroller.current!.scrollTop;
    view.current.top = top;
    const atEnd = top + height >= total * LOG_ROW_HEIGHT - LOG_ROW_HEIGHT;
    if (atEnd !== follow) onFollow(atEnd);
    else draw(top);
  };
  // One handler for every row's buttons: a slot shows whichever row fillRows put there.
  const onClick = (event: MouseEvent<HTMLOListElement>) => {
    const button = (event.target as Element).closest('button');
    const item = button?.parentElement;
    if (!button || !item) return;
    const row = view.current.shown[Array.prototype.indexOf.call(list.current!.children, item)];
    if (!row) return;
    if (button.classList.contains('el-corr')) onTrace(row.correlationId!);
    else onPick(row);
  };
  return (
    <div className="el-scroll" ref={scroller} onScroll={onScroll} tabIndex={0} aria-label="Log rows">
      <div className="el-space" style={{ height: total * LOG_ROW_HEIGHT }}>
        {/* The buttons inside take the keys and clicks; the list only hears them bubble. */}
        <ol className="el-rows" ref={list} aria-rowcount={total} onClick={onClick}>
          {items}
        </ol>
      </div>
      {page && total === 0 ? (
        <p className="el-empty">
          {page.seen === 0 ? 'Nothing has happened yet: press play.' : 'No record matches the filter.'}
        </p>
      ) : null}
    </div>
  );
});

/** One row element per slot, each with its cells empty: fillRows writes them. */
function slotItems(slots: number) {
  return Array.from({ length: slots }, (_, slot) => (
    <li key={slot}>
      <button type="button" className="el-row" data-testid="log-row">
        <span className="el-time" />
        <span className="el-type" />
        <span className="el-where" />
        <span className="el-message" />
        <span className="el-outcome" />
      </button>
      <button type="button" className="el-corr" />
    </li>
  ));
}
