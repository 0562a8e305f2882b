import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { openModal } from './modalLayer';
import { useAppStore } from '../store';
import { runCommand, type CommandContext } from './commands';
import { bringIntoView, paletteItems, type PaletteItem } from './paletteEntries';
import { searchEntries } from './paletteMatch';
import './cmdk.css';

/** More results than this are not drawn (a diagram of hundreds of services); typing narrows them. */
const MAX_SHOWN = 50;

const disabled = (item: PaletteItem) => item.type === 'command' && !item.enabled;

const TYPE_LABEL = { command: 'Command', service: 'Service', edge: 'Edge', note: 'Note' } as const;

/**
 * Finds every command and every service, edge and note by name: type, move with the arrows, Enter
 * runs the command or selects the element and brings it into view. Escape closes and puts the
 * focus back where it was.
 */
export function CommandPalette({ ctx }: { ctx: CommandContext }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  // Read once: the palette is a moment's look at the diagram, not a live view of it.
  const items = useMemo(() => paletteItems(useAppStore.getState()), []);
  // What can't run now (Paste with nothing copied) comes after what can.
  const found = useMemo(() => {
    const all = searchEntries(query, items);
    return [...all.filter((i) => !disabled(i)), ...all.filter(disabled)];
  }, [query, items]);
  const shown = found.slice(0, MAX_SHOWN);
  const current = shown[Math.min(active, shown.length - 1)];
  const optionId = (item: PaletteItem) => `${listId}-${item.id}`;

  // Where the focus was, to go back to; and where it should go instead (a chosen element).
  const returnTo = useRef<HTMLElement | null>(null);
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    returnTo.current = document.activeElement as HTMLElement | null;
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    const closeModal = d ? openModal(d) : () => {};
    return () => {
      closeModal();
      const element = focusNext.current;
      // After the view has moved: the chosen element's card takes the focus, so Delete, F2 and the
      // arrows act on it; else the focus goes back where it was (a dialog opened by a command
      // takes it from there).
      const target = element
        ? document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(element)}"]`)
        : null;
      (target ?? returnTo.current)?.focus({ preventScroll: true });
    };
  }, []);

  useEffect(() => {
    if (!current) return;
    list.current
      ?.querySelector(`[id="${CSS.escape(optionId(current))}"]`)
      ?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the option's id derives from current
  }, [current]);

  const close = () => useAppStore.getState().setDialog(null);
  const choose = (item: PaletteItem | undefined) => {
    if (!item) return;
    if (item.type === 'command') {
      if (disabled(item)) return;
      close();
      runCommand(item.command.id, ctx);
      return;
    }
    focusNext.current = item.nodeIds.length === 1 ? item.elementId : null;
    close();
    useAppStore.getState().select([item.elementId]);
    if (ctx.flow) bringIntoView(ctx.flow, item.nodeIds);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const move = { ArrowDown: 1, ArrowUp: -1, PageDown: 8, PageUp: -8 }[e.key];
    if (move !== undefined && shown.length > 0) {
      e.preventDefault();
      const from = Math.min(active, shown.length - 1);
      // Arrows wrap round; page keys stop at the ends.
      const next = Math.abs(move) === 1 ? (from + move + shown.length) % shown.length : from + move;
      setActive(Math.max(0, Math.min(shown.length - 1, next)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(current);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog cmdk"
      aria-label="Command palette"
      data-testid="command-palette"
      onClose={close}
      onClick={(e) => e.target === dialog.current && close()}
    >
      <input
        className="cmdk__input"
        role="combobox"
        aria-label="Find a command, service, edge or note"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current ? optionId(current) : undefined}
        placeholder="Find a command, service, edge or note…"
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        data-testid="cmdk-input"
      />
      <ul className="cmdk__list" role="listbox" id={listId} ref={list} aria-label="Results">
        {shown.map((item, i) => (
          <li
            key={item.id}
            id={optionId(item)}
            role="option"
            aria-selected={item === current}
            aria-disabled={disabled(item) || undefined}
            title={disabled(item) ? 'Not available now' : undefined}
            className={`cmdk__item cmdk__item--${item.type}`}
            data-testid={`cmdk-${item.id}`}
            // The focus stays in the field: a click chooses without taking it.
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => i !== active && setActive(i)}
            onClick={() => choose(item)}
          >
            <span className="cmdk__type">{TYPE_LABEL[item.type]}</span>
            <span className="cmdk__label">{item.label}</span>
            {item.detail &&
              (item.type === 'command' ? (
                <kbd className="cmdk__detail">{item.detail}</kbd>
              ) : (
                <span className="cmdk__detail">{item.detail}</span>
              ))}
          </li>
        ))}
      </ul>
      <div className="cmdk__foot muted" role="status">
        {found.length === 0
          ? `Nothing called “${query.trim()}”.`
          : found.length > shown.length
            ? `${shown.length} of ${found.length}: type more to narrow them.`
            : `${found.length} ${found.length === 1 ? 'result' : 'results'} · ↑↓ to move, Enter to choose, Esc to close`}
      </div>
    </dialog>
  );
}
