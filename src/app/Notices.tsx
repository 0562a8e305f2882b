import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTopModal } from './modalLayer';
import { useAppStore, type Notice } from '../store';
import { runCommand } from './commands';
import { dismissAfterActivity, watchPageActivity } from './noticeTimer';
import { usePresence } from './presence';
import './share.css';

/**
 * Messages for the person, newest last; errors and warnings stay until dismissed, the rest fade a
 * while after the person is active on the page (not while the pointer rests on them).
 */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const shown = usePresence(notices, NOTICE_EXIT_MS);
  // Over a modal dialog, inside it: anywhere else it would be behind the dialog and inert.
  const modal = useTopModal();
  const list = (
    <div className="notices" role="region" aria-label="Messages" aria-live="polite">
      {shown.map(({ item, entering, leaving }) => (
        <NoticeCard key={item.id} n={item} entering={entering} leaving={leaving} />
      ))}
    </div>
  );
  return modal ? createPortal(list, modal) : list;
}

if (typeof window !== 'undefined') watchPageActivity(window);

/** How long a dismissed notice takes to fade out (the .notice--leaving animation in share.css). */
const NOTICE_EXIT_MS = 180;

function NoticeCard({ n, entering, leaving }: { n: Notice; entering: boolean; leaving: boolean }) {
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (n.tone === 'error' || n.tone === 'warning') return;
    return dismissAfterActivity(window, card.current, () => useAppStore.getState().dismiss(n.id));
  }, [n]);
  return (
    <div
      ref={card}
      className={`notice notice--${n.tone}${entering ? ' notice--entering' : ''}${leaving ? ' notice--leaving' : ''}`}
      role={n.tone === 'error' ? 'alert' : 'status'}
      aria-label={n.title}
      data-testid={`notice-${n.tone}`}
    >
      <div className="notice__body">
        <strong>{n.title}</strong>
        {n.detail && <p>{n.detail}</p>}
        {n.lines && n.lines.length > 0 && (
          // Every problem is listed (the list scrolls), so a file can be fixed in one go.
          <ul className="notice__lines notice__lines--all" tabIndex={0} aria-label="Problems">
            {n.lines.map((l, i) => (
              <li key={i}>
                <code>{l}</code>
              </li>
            ))}
          </ul>
        )}
        {n.action && (
          <button
            className="btn btn--small notice__action"
            onClick={() => runCommand(n.action!.commandId, { store: useAppStore, flow: null, run: null })}
          >
            {n.action.label}
          </button>
        )}
      </div>
      <button
        className="btn btn--icon notice__close"
        aria-label="Dismiss"
        onClick={() => useAppStore.getState().dismiss(n.id)}
      >
        ×
      </button>
    </div>
  );
}
