import { useRef, type PointerEvent, type ReactNode } from 'react';

/** How far the sheet must be dragged down before letting go closes it, in pixels. */
const DISMISS_PX = 72;

/**
 * A panel that rises from the bottom of a phone's screen: a grip to drag it down (letting go far
 * enough closes it) and a close button. Closed, it is not rendered at all.
 */
export function BottomSheet({
  open,
  label,
  testId,
  onClose,
  children,
}: {
  open: boolean;
  label: string;
  testId?: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const sheet = useRef<HTMLElement>(null);
  const drag = useRef<{ pointer: number; startY: number; dy: number } | null>(null);
  if (!open) return null;
  // The sheet follows the finger without a React render per move; letting go decides.
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).closest('button')) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { pointer: e.pointerId, startY: e.clientY, dy: 0 };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointer !== e.pointerId) return;
    d.dy = Math.max(0, e.clientY - d.startY);
    if (sheet.current) sheet.current.style.transform = `translateY(${d.dy}px)`;
  };
  const onPointerEnd = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointer !== e.pointerId) return;
    drag.current = null;
    if (sheet.current) sheet.current.style.transform = '';
    if (d.dy >= DISMISS_PX) onClose();
  };
  return (
    <aside ref={sheet} className="sheet" aria-label={label} data-testid={testId}>
      <div
        className="sheet__head"
        data-testid={testId && `${testId}-grip`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
      >
        <span className="sheet__grip" aria-hidden="true" />
        <span className="sheet__title">{label}</span>
        <button
          className="btn btn--icon sheet__close"
          aria-label={`Close the ${label.toLowerCase()}`}
          onClick={onClose}
        >
          ×
        </button>
      </div>
      <div className="sheet__body">{children}</div>
    </aside>
  );
}
