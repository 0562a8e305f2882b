import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import type { Playback, PlaybackState } from '../playback';
import type { InvariantReport } from '../runtime/api';
import { useAppStore } from '../store';
import { usePlaybackState } from './run';

/** The last invariant check of the run on screen: the engine's own, sent with the full refreshes. */
type HealthState = { atMs: number; invariants: InvariantReport; error?: string };

/** The run as the replay needs it: the loaded diagram at the run's seed, the faults applied so far. */
export function runWork(p: Playback, s: PlaybackState) {
  const loaded = p.loadedDiagram;
  if (!loaded) return null;
  return {
    runKey: String(s.runId),
    diagram: { ...loaded, run: { ...loaded.run, seed: s.seed } },
    faults: [...s.faults],
    atMs: s.now,
  };
}

/**
 * The run bar's health: invariant badges (message conservation, saga accounting), green or red,
 * each with a popover that says what is checked and what broke it, and the Run report button. A run
 * that ends says so with a notice that opens the report.
 */
export function RunHealth({ playback: p }: { playback: Playback }) {
  const s = usePlaybackState();
  useEndNotice(s);
  const current: HealthState | null = s.invariants
    ? { atMs: s.invariants.atMs, invariants: s.invariants }
    : null;
  return (
    <div className="run-health" role="group" aria-label="Run health">
      <InvariantBadge which="conservation" health={current} hasSagas={false} status={s.status} />
      <InvariantBadge
        which="sagas"
        health={current}
        hasSagas={(p.loadedDiagram?.edges ?? []).some((e) => e.kind === 'saga')}
        status={s.status}
      />
      <button
        type="button"
        className="btn btn--small"
        data-testid="open-report"
        onClick={() => useAppStore.getState().setDialog('report')}
      >
        Run report
      </button>
    </div>
  );
}

/** When a run reaches its end, a notice with the report's way in. */
function useEndNotice(s: PlaybackState) {
  const previous = useRef(s.status);
  useEffect(() => {
    if (s.status === 'ended' && previous.current === 'playing') {
      useAppStore.getState().notify({
        tone: 'info',
        title: 'The run ended',
        detail: 'The run report has every client, service, edge, channel and saga in figures.',
        action: { label: 'Run report', commandId: 'report' },
      });
    }
    previous.current = s.status;
  }, [s.status]);
}

const WHAT: Record<'conservation' | 'sagas', { label: string; checks: string }> = {
  conservation: {
    label: 'Messages',
    checks:
      'Message conservation: every message the run created is in exactly one place — delivered, in flight, waiting in a queue or an inbox, dead-lettered, or dropped with a reason.',
  },
  sagas: {
    label: 'Sagas',
    checks:
      'Saga accounting: every saga started is running, completed, compensated or stuck, and every compensated one undid its completed steps in reverse order.',
  },
};

function InvariantBadge(props: {
  which: 'conservation' | 'sagas';
  health: HealthState | null;
  hasSagas: boolean;
  status: PlaybackState['status'];
}) {
  const { which, health } = props;
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  usePopoverDismiss(open, () => setOpen(false), root);
  const popoverId = useId();
  const inv = health?.invariants;
  const holds = inv ? inv[which] : null;
  const tone = holds === null ? 'unknown' : holds ? 'ok' : 'broken';
  const mark = tone === 'ok' ? '✓' : tone === 'broken' ? '✗' : '…';
  const broken =
    inv?.violations.filter((v) => (which === 'sagas' ? /saga/i.test(v) : !/saga/i.test(v))) ?? [];
  return (
    <div className="inv" ref={root}>
      <button
        type="button"
        className={`inv__badge inv__badge--${tone}`}
        data-testid={`invariant-${which}`}
        data-state={tone}
        aria-expanded={open}
        aria-controls={popoverId}
        aria-label={`${WHAT[which].label}: ${tone === 'ok' ? 'holds' : tone === 'broken' ? 'broken' : 'not checked yet'}`}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">{mark}</span> {WHAT[which].label}
      </button>
      {open && (
        <div
          id={popoverId}
          className="inv__popover"
          role="dialog"
          aria-label={`${WHAT[which].label} invariant`}
          data-testid={`invariant-${which}-popover`}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          <p>{WHAT[which].checks}</p>
          <p className="inv__status">{statusLine(props, tone, health)}</p>
          {broken.length > 0 && (
            <ul className="inv__violations">
              {broken.slice(0, 8).map((v) => (
                <li key={v}>{v}</li>
              ))}
              {broken.length > 8 && <li>…and {broken.length - 8} more (all in the run report)</li>}
            </ul>
          )}
          {health?.error && <p className="inv__status">The check could not run: {health.error}</p>}
        </div>
      )}
    </div>
  );
}

/**
 * Closes an open popover as popovers close: a press outside it, or a dialog opening over it (the
 * run report, a command), which would otherwise leave it floating under the dialog.
 */
function usePopoverDismiss(open: boolean, close: () => void, root: RefObject<HTMLElement | null>) {
  const dialog = useAppStore((s) => s.dialog);
  const closeRef = useRef(close);
  closeRef.current = close;
  useEffect(() => {
    if (open && dialog) closeRef.current();
  }, [open, dialog]);
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) closeRef.current();
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, root]);
}

function statusLine(
  props: { which: 'conservation' | 'sagas'; hasSagas: boolean; status: PlaybackState['status'] },
  tone: string,
  health: HealthState | null,
): string {
  if (props.which === 'sagas' && !props.hasSagas)
    return 'This diagram has no sagas, so there is none to account for.';
  if (!health) return 'Not checked yet: it is checked while the run plays, and when it pauses or ends.';
  const at = `at ${(health.atMs / 1000).toFixed(1)} s of simulated time`;
  return tone === 'ok' ? `Holds ${at}.` : `Broken ${at}:`;
}
