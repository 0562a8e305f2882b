import type { LogPage, LogRow } from '../../export/index';
import { formatSimTime } from '../playback/format';
import type { LogNames } from './LogFilters';

/** Height of one row in CSS pixels: the list is windowed on it (eventlog.css gives rows this height). */
export const LOG_ROW_HEIGHT = 26;
/**
 * Rows drawn beyond those in view, above and below. Rows are drawn in the scroll event, before the
 * frame paints, so these only cover the compositor scrolling a little ahead of the page.
 */
export const OVERSCAN = 2;

/** Row elements to keep for a list `height` pixels tall: the rows in view, a partial one, and the overscan. */
export function slotCount(height: number): number {
  return Math.ceil(height / LOG_ROW_HEIGHT) + 1 + 2 * OVERSCAN;
}

/** What each slot shows now, so drawing the same again changes nothing in the page. */
export type DrawnRows = ({ row: LogRow; position: number; total: number } | undefined)[];

/**
 * Fills the list's row elements (made once by React, one per slot) with the rows from `first`, and
 * moves the list to their place with one transform. Only texts and attributes that changed are
 * written: one text node per cell, no element made or removed. Returns the row each slot shows.
 */
export function fillRows(
  list: HTMLOListElement,
  page: LogPage | null,
  first: number,
  names: LogNames,
  drawn: DrawnRows,
): (LogRow | undefined)[] {
  const total = page?.total ?? 0;
  const from = page ? Math.max(first - OVERSCAN, page.offset, 0) : 0;
  const to = page ? Math.min(from + list.children.length, page.offset + page.rows.length, total) : 0;
  const transform = `translateY(${from * LOG_ROW_HEIGHT}px)`;
  if (list.style.transform !== transform) list.style.transform = transform;
  const focus = focusedRecord(list, drawn);
  const shown: (LogRow | undefined)[] = [];
  for (let slot = 0; slot < list.children.length; slot++) {
    const item = list.children[slot] as HTMLLIElement;
    const row = page && from + slot < to ? page.rows[from + slot - page.offset] : undefined;
    shown.push(row);
    const before = drawn[slot];
    if (!row) {
      if (before || !item.hidden) clearRow(item);
      drawn[slot] = undefined;
      continue;
    }
    const position = from + slot + 1;
    if (before && before.position === position && before.total === total && sameRow(before.row, row))
      continue;
    fillRow(item, row, position, total, names);
    drawn[slot] = { row, position, total };
  }
  if (focus) keepFocusOnRecord(list, drawn, focus);
  return shown;
}

/** The record whose button has the keyboard focus, and which of its two buttons it is. */
interface FocusedRecord {
  slot: number;
  seq: number;
  request: boolean;
}

function focusedRecord(list: HTMLOListElement, drawn: DrawnRows): FocusedRecord | null {
  const active = list.ownerDocument.activeElement;
  const item = active?.parentElement;
  if (!active || !item || item.parentElement !== list) return null;
  const slot = Array.prototype.indexOf.call(list.children, item);
  const record = drawn[slot];
  return record ? { slot, seq: record.row.seq, request: active === item.lastElementChild } : null;
}

/**
 * Slots are reused as the list scrolls: a focused button would otherwise show another record than
 * the one the person focused (and Enter would open that). The focus follows its record to the slot
 * that shows it now, or goes to the list itself when the record has scrolled out of the slots.
 */
function keepFocusOnRecord(list: HTMLOListElement, drawn: DrawnRows, focus: FocusedRecord): void {
  if (drawn[focus.slot]?.row.seq === focus.seq) return;
  const slot = drawn.findIndex((d) => d?.row.seq === focus.seq);
  const item = slot >= 0 ? list.children[slot] : undefined;
  const target = item && (focus.request ? item.lastElementChild : item.firstElementChild);
  const scroller = list.closest<HTMLElement>('[tabindex]');
  if (target instanceof HTMLElement && !target.hidden) target.focus({ preventScroll: true });
  else scroller?.focus({ preventScroll: true });
}

/** One slot shows one record: its cells, its request's id (when it has one), its place in the list. */
function fillRow(item: HTMLLIElement, row: LogRow, position: number, total: number, names: LogNames): void {
  if (item.hidden) item.hidden = false;
  setClass(item, row.error ? 'is-error' : '');
  item.setAttribute('aria-posinset', String(position));
  item.setAttribute('aria-setsize', String(total));
  const cells = item.firstElementChild!.children;
  setText(cells[0]!, formatSimTime(row.t));
  setText(cells[1]!, row.type);
  setText(cells[2]!, where(row, names));
  setText(cells[3]!, row.message ?? '');
  setText(cells[4]!, row.outcome ?? '');
  const request = item.lastElementChild as HTMLButtonElement;
  const id = row.correlationId ?? '';
  if (request.hidden !== !id) request.hidden = !id;
  setText(request, id);
  const title = id ? `Trace request ${id}` : '';
  if (request.title !== title) request.title = title;
}

/** An empty slot is hidden and keeps no text, so a search of the page never finds a stale row. */
function clearRow(item: HTMLLIElement): void {
  item.hidden = true;
  for (const cell of Array.from(item.firstElementChild!.children)) setText(cell, '');
  setText(item.lastElementChild!, '');
}

function setClass(element: Element, name: string): void {
  if (element.className !== name) element.className = name;
}

/** Writes the element's one text node in place (replacing the text would lay out a new node). */
function setText(element: Element, text: string): void {
  const node = element.firstChild;
  if (node) {
    if (node.nodeValue !== text) node.nodeValue = text;
  } else element.appendChild(element.ownerDocument.createTextNode(text));
}

function sameRow(a: LogRow, b: LogRow): boolean {
  return (
    a === b ||
    (a.seq === b.seq &&
      a.t === b.t &&
      a.type === b.type &&
      a.service === b.service &&
      a.edge === b.edge &&
      a.channel === b.channel &&
      a.message === b.message &&
      a.correlationId === b.correlationId &&
      a.outcome === b.outcome &&
      a.error === b.error)
  );
}

function where(row: LogRow, names: LogNames): string {
  const service =
    row.service === undefined ? '' : (names.services.find((s) => s.id === row.service)?.name ?? row.service);
  const edge = row.edge === undefined ? '' : (names.edges.find((e) => e.id === row.edge)?.label ?? row.edge);
  return [service, row.channel ?? edge].filter(Boolean).join(' · ');
}
