import { useEffect, useRef, type ReactNode } from 'react';
import { useAppStore } from '../store';
import { openModal } from './modalLayer';

/** A modal dialog on the native <dialog> element (focus trap, Escape and backdrop close for free). */
export function Dialog({
  title,
  children,
  testId,
  wide,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) d.showModal();
    return openModal(d);
  }, []);
  const close = () => useAppStore.getState().setDialog(null);
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog--wide' : ''}`}
      aria-label={title}
      data-testid={testId}
      onClose={close}
      onClick={(e) => e.target === ref.current && close()}
    >
      <header className="dialog__head">
        <h2>{title}</h2>
        <button className="btn btn--icon" aria-label="Close" onClick={close}>
          ×
        </button>
      </header>
      {/* Focusable, so a keyboard can scroll a long body that has no field or button of its own. */}
      <div className="dialog__body" tabIndex={0}>
        {children}
      </div>
    </dialog>
  );
}
