import { emptyDiagram } from '../model/defaults';
import type { Diagram } from '../model/schema';
import { diagramFingerprint, storedDiagramText, type RecentEntry } from '../storage';
import type { AppStore, Notice } from '../store';
import {
  autosaveGuard,
  diagramStorage,
  documentSession,
  dropPendingAutosave,
  openDiagram,
  recentDiagrams,
} from './persistence';
import { errorText } from './errorText';

/** What is stored about a diagram that crashed the drawing, for the next start to say so. */
export interface CrashReport {
  at: number;
  /** The name and fingerprint of the diagram that crashed. */
  name: string;
  fingerprint: string;
  error: string;
  /** The quarantine key the crashed diagram was kept under, or null when it could not be stored. */
  keptAs: string | null;
}

const crashKey = () => `${diagramStorage().prefix}:crash`;

/**
 * The drawing crashed on `diagram`: autosave stops (its waiting change is dropped), so the last good
 * diagram stays the one a reload opens; the crashed one is kept aside, and the crash is noted for
 * the next start.
 */
export function recordCrash(diagram: Diagram, error: unknown): CrashReport {
  autosaveGuard.crashed = true;
  dropPendingAutosave();
  const storage = diagramStorage();
  const keptAs = storage.quarantine(`${storage.prefix}:crashed`, storedDiagramText(diagram, storage.now()));
  const report: CrashReport = {
    at: storage.now(),
    name: diagram.name,
    fingerprint: diagramFingerprint(diagram),
    error: errorText(error),
    keptAs,
  };
  storage.write(crashKey(), JSON.stringify(report), 'the crash report');
  return report;
}

/** Another diagram replaced the crashed one: autosave works again and the next start is a normal one. */
export function crashRecovered() {
  autosaveGuard.crashed = false;
  try {
    diagramStorage().store.removeItem(crashKey());
  } catch {
    // The next start then shows a message it could have skipped: nothing is lost.
  }
}

/** The newest recent diagram other than the crashed one: where "go back" goes. */
export function previousDiagram(crashed: Diagram): RecentEntry | undefined {
  const fingerprint = diagramFingerprint(crashed);
  return recentDiagrams()
    .list()
    .find((e) => e.fingerprint !== fingerprint);
}

/** Opens recent entry `entry` in place of the crashed diagram; says why when it can't. */
export function goBackTo(store: AppStore, entry: RecentEntry): boolean {
  const r = recentDiagrams().open(entry.id);
  if (!r.ok) {
    store.getState().notify({ tone: 'error', title: 'Could not open that diagram', detail: r.message });
    return false;
  }
  return openDiagram(
    store,
    r.diagram,
    { resume: r.entry },
    { undoable: false, label: `Open ${r.entry.name}` },
  );
}

/** Replaces the crashed diagram with an empty one. */
export function startFresh(store: AppStore): boolean {
  return openDiagram(store, emptyDiagram(), { origin: 'own' }, { undoable: false, label: 'New diagram' });
}

function takeReport(): CrashReport | null {
  const storage = diagramStorage();
  const raw = storage.safeGet(crashKey());
  if (raw === null) return null;
  try {
    storage.store.removeItem(crashKey());
  } catch {
    // Shown again next time: better than never.
  }
  try {
    const r = JSON.parse(raw) as Partial<CrashReport> | null;
    return r && typeof r.name === 'string' && typeof r.error === 'string' ? (r as CrashReport) : null;
  } catch {
    return null;
  }
}

/**
 * On start after a crash: the last good diagram (the autosave, which the crashed diagram never
 * replaced; if it did, the newest other recent diagram) and a message saying what happened.
 */
export function startAfterCrash(restored: { diagram?: Diagram; notice?: Omit<Notice, 'id'> }): {
  diagram?: Diagram;
  notices: Omit<Notice, 'id'>[];
} {
  const notices = restored.notice ? [restored.notice] : [];
  const report = takeReport();
  if (!report) return { diagram: restored.diagram, notices };
  let diagram = restored.diagram;
  if (diagram && diagramFingerprint(diagram) === report.fingerprint) {
    const entry = previousDiagram(diagram);
    const opened = entry ? recentDiagrams().open(entry.id) : null;
    diagram = opened?.ok ? opened.diagram : undefined;
    if (opened?.ok) documentSession().resume(opened.entry);
  }
  const kept = report.keptAs
    ? ` The diagram that failed was kept aside on this device (${report.keptAs}).`
    : '';
  notices.push({
    tone: 'warning',
    title: 'Microsim stopped on an error last time',
    detail: `Drawing “${report.name}” failed (${report.error}). ${
      diagram ? `This is “${diagram.name}”, the last diagram that worked.` : 'Starting with the example.'
    }${kept}`,
  });
  return { diagram, notices };
}
