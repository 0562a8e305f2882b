import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Diagram, Service } from '../../model/schema';
import {
  estimateClientCapacity,
  seedsFrom,
  summarizeSweep,
  sweepJobs,
  type SweepRun,
  type SweepSummary,
} from '../../runtime/index';
import { useAppStore, type AppState } from '../../store';
import { LoadTestForm } from './LoadTestForm';
import { LoadTestResults } from './LoadTestResults';
import { finishedPoints, startPool } from './pool';
import { checkForm, DEFAULT_FORM, type LoadTestForm as FormValues } from './settings';
import './loadtest.css';

/** Where a load test stands. */
type Status =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number; workers: number }
  | { kind: 'done'; results: VariantResult[]; clientName: string; hasObjective: boolean }
  | { kind: 'cancelled'; done: number; total: number; partial: Finished | null }
  | { kind: 'failed'; why: string };

/** What a load test drew: each design's curve, for which client. */
interface Finished {
  results: VariantResult[];
  clientName: string;
  hasObjective: boolean;
}

/** A running load test: how to stop it, and how to read what it finished when stopped. */
interface Running {
  cancel: () => (SweepRun | undefined)[];
  partial: (runs: readonly (SweepRun | undefined)[]) => Finished | null;
}

/**
 * The points every design finished, from a cancelled load test's runs (`perDesign` jobs per design,
 * `seedCount` per point): each design's curve over the loads all of them reached, or null if none.
 */
export function partialResults(
  runs: readonly (SweepRun | undefined)[],
  labels: readonly VariantResult['label'][],
  rateCount: number,
  seedCount: number,
): VariantResult[] | null {
  const perDesign = rateCount * seedCount;
  const finished = labels.map((_, i) =>
    finishedPoints(runs.slice(i * perDesign, (i + 1) * perDesign), rateCount, seedCount),
  );
  // While comparing, A's and B's curves share their loads: a load only one design reached is left out.
  const reachedByAll = (rate: number) => finished.every((design) => design.some((r) => r.rate === rate));
  const results = labels.map((label, i) => ({
    label,
    summary: summarizeSweep(finished[i]!.filter((r) => reachedByAll(r.rate))),
  }));
  return results[0]!.summary.rows.length > 0 ? results : null;
}

/** One design's curve: A or B while comparing (label null otherwise). */
export interface VariantResult {
  label: 'A' | 'B' | null;
  summary: SweepSummary;
}

/** The designs a load test runs: both variants of a comparison (A first), else the diagram alone. */
function designs(state: AppState): Array<{ label: 'A' | 'B' | null; diagram: Diagram }> {
  const c = state.comparison;
  if (!c) return [{ label: null, diagram: state.diagram }];
  const [a, b] = c.showing === 'a' ? [state.diagram, c.aside.diagram] : [c.aside.diagram, state.diagram];
  return [
    { label: 'A', diagram: a },
    { label: 'B', diagram: b },
  ];
}

/** The clients of a diagram that send something (a load test needs an outgoing edge). */
export function testableClients(diagram: Diagram): Service[] {
  return diagram.services.filter((s) => s.kind === 'client' && diagram.edges.some((e) => e.from === s.id));
}

/**
 * The body of the "Load test" dialog (issue 12, find the breaking point): sweeps a client's rate over a range of its
 * estimated capacity, several seeds per point, on parallel Web Workers (one per core), and draws
 * latency, success and throughput against offered load with the knee, the objective's first miss
 * and the overloaded points. Cancelling (or closing the dialog) stops every worker.
 */
export function LoadTest() {
  const diagram = useAppStore((s) => s.diagram);
  const asked = useAppStore((s) => s.loadTestClient);
  const clients = useMemo(() => testableClients(diagram), [diagram]);
  const [clientId, setClientId] = useState(
    () => clients.find((c) => c.id === asked)?.id ?? clients[0]?.id ?? '',
  );
  const [form, setForm] = useState<FormValues>(DEFAULT_FORM);
  const [keepFaults, setKeepFaults] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const runningRef = useRef<Running | null>(null);
  const client = clients.find((c) => c.id === clientId) ?? null;
  const capacity = useMemo(
    () => (client ? estimateClientCapacity(diagram, client.id) : null),
    [diagram, client],
  );
  const checked = checkForm(form, capacity?.ratePerSecond ?? 0);
  const theme = useDocumentTheme();

  // Closing the dialog mid-run stops the workers.
  useEffect(() => () => void runningRef.current?.cancel(), []);

  const run = () => {
    if (!client || !checked.ok) return;
    // While comparing, both designs run at the same loads (from this one's estimate) and seeds.
    const runnable = designs(useAppStore.getState()).filter((d) =>
      testableClients(d.diagram).some((c) => c.id === client.id),
    );
    const seeds = seedsFrom(diagram.run.seed, checked.seeds);
    const includeFaults = keepFaults && diagram.faults.length > 0;
    const jobs = runnable.flatMap((d) =>
      sweepJobs(d.diagram, client.id, checked.rates, seeds, checked.durationMs).map((job) => ({
        ...job,
        includeFaults,
      })),
    );
    const perDesign = checked.rates.length * seeds.length;
    const labels = runnable.map((d) => d.label);
    const about = { clientName: client.name, hasObjective: !!client.objective };
    const pool = startPool(jobs, {
      onProgress: (done, total) => setStatus((s) => (s.kind === 'running' ? { ...s, done, total } : s)),
      onDone: (runs) => {
        runningRef.current = null;
        setStatus({
          kind: 'done',
          results: labels.map((label, i) => ({
            label,
            summary: summarizeSweep(runs.slice(i * perDesign, (i + 1) * perDesign)),
          })),
          ...about,
        });
      },
      onError: (why) => {
        runningRef.current = null;
        setStatus({ kind: 'failed', why });
      },
    });
    runningRef.current = {
      cancel: pool.cancel,
      partial: (runs) => {
        const results = partialResults(runs, labels, checked.rates.length, seeds.length);
        return results && { results, ...about };
      },
    };
    setStatus({ kind: 'running', done: 0, total: jobs.length, workers: pool.workers });
  };
  const cancel = () => {
    const running = runningRef.current;
    runningRef.current = null;
    if (!running) return;
    // The points already finished are kept and drawn, marked partial.
    const partial = running.partial(running.cancel());
    setStatus((s) =>
      s.kind === 'running' ? { kind: 'cancelled', done: s.done, total: s.total, partial } : s,
    );
  };

  return (
    <>
      {clients.length === 0 ? (
        <p role="alert">
          No client sends anything here: add a client and connect it to a service to load-test it.
        </p>
      ) : (
        <div className="lt">
          <LoadTestForm
            clients={clients}
            clientId={clientId}
            onClient={setClientId}
            capacity={capacity}
            diagram={diagram}
            form={form}
            onForm={setForm}
            keepFaults={keepFaults}
            onKeepFaults={setKeepFaults}
            checked={checked}
            running={status.kind === 'running'}
            onRun={run}
            onCancel={cancel}
          />
          {status.kind === 'running' && (
            <div className="lt-progress">
              <progress aria-label="Load test progress" max={status.total} value={status.done} />
              <span role="status">
                {status.done} of {status.total} runs done, on {status.workers} workers
              </span>
            </div>
          )}
          {status.kind === 'cancelled' && (
            <p role="status" data-testid="loadtest-cancelled">
              Cancelled after {status.done} of {status.total} runs; every worker was stopped.{' '}
              {status.partial
                ? `The ${status.partial.results[0]!.summary.rows.length} loads whose every seed finished are drawn below, marked partial.`
                : 'No load had all its seeds finished, so nothing is drawn.'}
            </p>
          )}
          {status.kind === 'cancelled' && status.partial && (
            <LoadTestResults {...status.partial} theme={theme} partial />
          )}
          {status.kind === 'failed' && <p role="alert">The load test failed: {status.why}</p>}
          {status.kind === 'done' && (
            <LoadTestResults
              results={status.results}
              clientName={status.clientName}
              hasObjective={status.hasObjective}
              theme={theme}
            />
          )}
        </div>
      )}
    </>
  );
}

/** The document's theme ("light" or "dark"), following the switch: charts read its colours. */
function useDocumentTheme(): string {
  return useSyncExternalStore(
    (changed) => {
      const observer = new MutationObserver(changed);
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
      return () => observer.disconnect();
    },
    () => document.documentElement.dataset.theme ?? 'light',
  );
}
