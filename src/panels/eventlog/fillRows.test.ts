// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { LogPage, LogRow } from '../../export/index';
import { LOG_ROW_HEIGHT, OVERSCAN, fillRows, slotCount, type DrawnRows } from './fillRows';
import type { LogNames } from './LogFilters';
import { windowFor } from './LogRows';

const names: LogNames = {
  services: [{ id: 'a', name: 'Orders' }],
  edges: [{ id: 'e1', label: 'Orders → Payment' }],
  channels: [],
  types: [],
};

/** A list as LogRows makes it: one row element per slot, each a row button of five cells and a request button. */
function makeList(slots: number): HTMLOListElement {
  const list = document.createElement('ol');
  for (let slot = 0; slot < slots; slot++) {
    const item = document.createElement('li');
    const row = document.createElement('button');
    for (let cell = 0; cell < 5; cell++) row.appendChild(document.createElement('span'));
    item.append(row, document.createElement('button'));
    list.appendChild(item);
  }
  return list;
}

function row(seq: number, extra: Partial<LogRow> = {}): LogRow {
  return { seq, t: seq * 10, type: 'sent', service: 'a', edge: 'e1', error: false, ...extra };
}

function page(offset: number, count: number, total: number): LogPage {
  const rows = Array.from({ length: count }, (_, i) =>
    row(offset + i, i % 2 ? { correlationId: `c${offset + i}` } : {}),
  );
  return { total, offset, rows, seen: total, kept: total, dropped: {} };
}

const texts = (item: Element) => Array.from(item.firstElementChild!.children, (cell) => cell.textContent);

describe('fillRows', () => {
  it('fills each slot from the first row in view, less the overscan, and moves the list there', () => {
    const list = makeList(6);
    const shown = fillRows(list, page(100, 50, 1000), 120, names, []);
    const from = 120 - OVERSCAN;
    expect(shown.map((r) => r?.seq)).toEqual([from, from + 1, from + 2, from + 3, from + 4, from + 5]);
    expect(list.style.transform).toBe(`translateY(${from * LOG_ROW_HEIGHT}px)`);
    const first = list.children[0]!;
    expect(texts(first)).toEqual(['1.180 s', 'sent', 'Orders · Orders → Payment', '', '']);
    expect(first.getAttribute('aria-posinset')).toBe(String(from + 1));
    expect(first.getAttribute('aria-setsize')).toBe('1000');
    // Rows without a request keep their request button, hidden; rows with one show it.
    expect((first.lastElementChild as HTMLButtonElement).hidden).toBe(true);
    expect((list.children[1]!.lastElementChild as HTMLButtonElement).hidden).toBe(false);
    expect(list.children[1]!.lastElementChild!.textContent).toBe(`c${from + 1}`);
  });

  it('writes new texts into the same text nodes, and leaves rows it already shows alone', () => {
    const list = makeList(4);
    const drawn: DrawnRows = [];
    fillRows(list, page(0, 100, 100), 10, names, drawn);
    const node = list.children[0]!.firstElementChild!.firstElementChild!.firstChild;
    fillRows(list, page(0, 100, 100), 50, names, drawn);
    expect(list.children[0]!.firstElementChild!.firstElementChild!.firstChild).toBe(node);
    expect(node!.nodeValue).toBe('0.480 s');
    // Read again from the worker (new objects, same records): nothing is written.
    node!.nodeValue = 'untouched';
    fillRows(list, page(0, 100, 100), 50, names, drawn);
    expect(node!.nodeValue).toBe('untouched');
  });

  it('hides the slots past the rows it has, with no text left in them, and marks errors', () => {
    const list = makeList(5);
    const errors: LogPage = { ...page(0, 2, 2), rows: [row(0, { error: true }), row(1)] };
    fillRows(list, page(0, 5, 5), 0, names, []);
    const shown = fillRows(list, errors, 0, names, []);
    expect(shown.filter(Boolean)).toHaveLength(2);
    expect(list.children[0]!.className).toBe('is-error');
    expect(list.children[1]!.className).toBe('');
    const hidden = list.children[3] as HTMLLIElement;
    expect(hidden.hidden).toBe(true);
    expect(hidden.textContent).toBe('');
  });

  it('keeps enough slots for the rows in view, a partial one and the overscan', () => {
    expect(slotCount(10 * LOG_ROW_HEIGHT)).toBe(11 + 2 * OVERSCAN);
  });
});

describe('windowFor', () => {
  it('asks again only when the view crosses a step, with rows to spare on both sides', () => {
    const at = (first: number) => windowFor(first, 8, false);
    expect(at(300)).toEqual(at(449));
    expect(at(450)).not.toEqual(at(449));
    // Rows to spare on either side at both ends of a step: a fast scroll (40 rows a frame) for three frames.
    for (const first of [300, 449]) {
      const { offset, limit } = at(first);
      expect(offset).toBeLessThanOrEqual(first - 120);
      expect(offset + limit).toBeGreaterThanOrEqual(first + 8 + 120);
    }
    expect(windowFor(5000, 8, true).offset).toBe(-1);
  });
});

describe('the keyboard focus while the list scrolls', () => {
  /** A list in a focusable scroller, in the document (focus needs it). */
  function mounted(slots: number): { list: HTMLOListElement; scroller: HTMLDivElement } {
    const scroller = document.createElement('div');
    scroller.tabIndex = 0;
    const list = makeList(slots);
    scroller.appendChild(list);
    document.body.replaceChildren(scroller);
    return { list, scroller };
  }

  it('follows its record to the slot that shows it now', () => {
    const { list } = mounted(6);
    const drawn: DrawnRows = [];
    const big = page(0, 40, 40);
    fillRows(list, big, OVERSCAN + 0, names, drawn);
    const focusedSeq = drawn[3]!.row.seq;
    (list.children[3]!.firstElementChild as HTMLElement).focus();
    fillRows(list, big, OVERSCAN + 2, names, drawn);
    const item = document.activeElement!.parentElement!;
    const slot = Array.prototype.indexOf.call(list.children, item);
    expect(drawn[slot]!.row.seq).toBe(focusedSeq);
    expect(document.activeElement).toBe(item.firstElementChild);
  });

  it('goes to the list itself once its record has scrolled out of the slots', () => {
    const { list, scroller } = mounted(6);
    const drawn: DrawnRows = [];
    const big = page(0, 40, 40);
    fillRows(list, big, OVERSCAN + 0, names, drawn);
    (list.children[1]!.firstElementChild as HTMLElement).focus();
    fillRows(list, big, OVERSCAN + 20, names, drawn);
    expect(document.activeElement).toBe(scroller);
  });
});
