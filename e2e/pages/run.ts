import type { Page } from '@playwright/test';

/** What the specs read back from the run (window.__microsim.playback's panel state, as plain JSON). */
export interface RunView {
  status: 'idle' | 'playing' | 'paused' | 'ended';
  now: number;
  untilMs: number;
  speed: number;
  seed: number;
  events: number;
  inFlight: number;
  requests: { sent: number; succeeded: number; failed: number; timedOut: number } | null;
  edges: { id: string; circuit: 'closed' | 'open' | 'half-open'; cut: boolean; failed: number }[];
  services: { id: string; status: 'up' | 'down'; failed: number }[];
  sagas: {
    id: string;
    status: string;
    completedSteps: number[];
    compensatedSteps: number[];
    /** The same by edge id (steps in parallel share a number). */
    completedEdges: string[];
    compensatedEdges: string[];
    failedStep?: number;
  }[];
  faults: { id: string; kind: string; target: string; atMs: number; source: string }[];
  /** The latest trace records, to compare two runs. */
  recentTrace: unknown[];
  /** The breakpoint that paused the run, if one did. */
  breakHit: { breakpointId: string; kind: string; atMs: number; edgeId?: string } | null;
}

/** The run as the playback reports it (read only). */
export async function readRun(page: Page): Promise<RunView> {
  return page.evaluate(() => {
    const s = window.__microsim!.playback!.getSnapshot();
    return JSON.parse(
      JSON.stringify({
        status: s.status,
        now: s.now,
        untilMs: s.untilMs,
        speed: s.speed,
        seed: s.seed,
        events: s.events,
        inFlight: s.inFlight,
        requests: s.metrics?.requests ?? null,
        edges: s.edges,
        services: s.services,
        sagas: s.sagaInstances,
        faults: s.faults,
        recentTrace: s.recentTrace,
        breakHit: s.breakHit,
      }),
    ) as RunView;
  });
}
