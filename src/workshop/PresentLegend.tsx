import { useEffect, useId, useRef, useState } from 'react';
import { PRESENT_ACTION_NAMES, PRESENT_ACTIONS, presentKeyLabels } from './keys';

/** The presentation's keys, listed from the registry (so a new action shows here too). */
export function PresentKeyList() {
  return (
    <dl className="present-keys">
      {PRESENT_ACTION_NAMES.map((a) => (
        <div key={a} className="present-keys__row">
          <dt>
            {presentKeyLabels(a).map((k) => (
              <kbd key={k}>{k}</kbd>
            ))}
          </dt>
          <dd>{PRESENT_ACTIONS[a].does}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The bar's "Keys" button: opens the list of keys above the bar (for the presenter who forgot them;
 * the room sees it only while it is open), closed by the button again or a click anywhere else.
 */
export function PresentLegend() {
  const [open, setOpen] = useState(false);
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', away, true);
    return () => window.removeEventListener('pointerdown', away, true);
  }, [open]);
  return (
    <div className="present-legend" ref={box}>
      <button
        className="btn btn--ghost"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen(!open)}
      >
        Keys
      </button>
      {open && (
        <div id={id} className="present-legend__pop" role="group" aria-label="Presentation keys">
          <PresentKeyList />
        </div>
      )}
    </div>
  );
}
