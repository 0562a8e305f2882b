import { AnimatePresence, m } from 'framer-motion';
import { useEffect } from 'react';
import { useAppStore, type Notice } from '../store';
import { runCommand } from './commands';
import './share.css';

/** Messages for the person, newest last; errors stay until dismissed, the rest fade after a while. */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  return (
    <div className="notices" role="region" aria-label="Messages" aria-live="polite">
      <AnimatePresence initial={false}>
        {notices.map((n) => (
          <NoticeCard key={n.id} n={n} />
        ))}
      </AnimatePresence>
    </div>
  );
}

function NoticeCard({ n }: { n: Notice }) {
  useEffect(() => {
    if (n.tone === 'error' || n.tone === 'warning') return;
    const t = window.setTimeout(() => useAppStore.getState().dismiss(n.id), 5000);
    return () => window.clearTimeout(t);
  }, [n]);
  return (
    <m.div
      layout
      initial={{ opacity: 0, y: 12, scale: 0.98 }}
      animate={{ opacity: 1, y: 0, scale: 1 }}
      exit={{ opacity: 0, y: 8 }}
      transition={{ duration: 0.18 }}
      className={`notice notice--${n.tone}`}
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
    </m.div>
  );
}
