import { createContext, useContext } from 'react';
import type { Position } from '../model/schema';
import { useAppStore } from '../store';

/** Opens the context menu of a service or an edge at a point on screen. */
export type OpenMenu = (target: 'service' | 'edge', id: string, at: Position) => void;

/** The canvas's menu opener; null where there are no menus (the read-only embed). */
export const MenuContext = createContext<OpenMenu | null>(null);

/**
 * A "⋯" button on the one selected service or edge that opens its context menu: on a touch screen
 * the menu is otherwise a long-press nobody is told about, and a mouse user may not think to
 * right-click.
 */
export function MenuButton({ target, id, name }: { target: 'service' | 'edge'; id: string; name: string }) {
  const open = useContext(MenuContext);
  const alone = useAppStore((s) => s.selection.length === 1);
  if (!open || !alone) return null;
  return (
    <button
      type="button"
      className={`menu-button menu-button--${target} nodrag nopan`}
      aria-label={`Actions for ${name}`}
      title="Actions (also right-click, or long-press on a touch screen)"
      data-testid={`menu-button-${id}`}
      onClick={(e) => {
        // Not a click on the card or the canvas behind it: the selection stays as it is.
        e.stopPropagation();
        const r = e.currentTarget.getBoundingClientRect();
        open(target, id, { x: r.left, y: r.bottom + 4 });
      }}
    >
      ⋯
    </button>
  );
}
