import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Diagram } from '../model/schema';
import { downloadBlob } from '../share';
import { Dialog } from './Dialog';
import { ReportChecklist } from './ReportChecklist';
import { playback } from './run';
import { runChecker } from './runChecker';
import { runWork } from './RunHealth';
import {
  formatFigure,
  objectiveLine,
  reportCsv,
  reportJson,
  reportMarkdown,
  reportTables,
  type RunReport,
} from './runReport';

type Loaded =
  { status: 'working' } | { status: 'ready'; report: RunReport } | { status: 'failed'; why: string };

/**
 * The run report: the CLI's `--json` figures of the run on screen (replayed headless to where it
 * stands), a table per client, service, edge, channel and saga, with copy and download.
 */
export function ReportDialog() {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'working' });
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    const p = playback();
    const work = runWork(p, p.getSnapshot());
    if (!work) {
      setLoaded({ status: 'failed', why: 'No run is loaded yet.' });
      return;
    }
    let live = true;
    void runChecker()
      .report(work)
      .then((a) => {
        if (!live) return;
        if (a.report) setLoaded({ status: 'ready', report: a.report });
        else setLoaded({ status: 'failed', why: a.error ?? 'The replay gave no report.' });
      });
    return () => {
      live = false;
    };
  }, []);
  return (
    <Dialog title="Run report" testId="report-dialog" wide>
      {loaded.status === 'working' && (
        <p role="status" data-testid="report-working">
          Working out the figures (replaying the run)…
        </p>
      )}
      {loaded.status === 'failed' && <p role="alert">{loaded.why}</p>}
      {loaded.status === 'ready' && (
        <ReportBody
          r={loaded.report}
          copied={copied}
          onCopy={() => {
            void navigator.clipboard
              .writeText(reportMarkdown(loaded.report))
              .then(() => setCopied(true))
              .catch(() => setCopied(false));
          }}
        />
      )}
    </Dialog>
  );
}

function fileName(r: RunReport, ext: string): string {
  const base = r.diagramName.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '') || 'diagram';
  return `${base}-seed-${r.report.seed}-report.${ext}`;
}

function ReportBody({ r, copied, onCopy }: { r: RunReport; copied: boolean; onCopy: () => void }) {
  const { report } = r;
  const diagram = playback().loadedDiagram;
  const inv = report.invariants;
  return (
    <div className="report" data-testid="report-body">
      <p data-testid="report-summary">
        Seed {report.seed}, {r.ended ? 'ended at' : 'at'} {(r.atMs / 1000).toFixed(1)} s of{' '}
        {report.until / 1000} s, {report.events.toLocaleString('en-US')} events.{' '}
        {r.atMs === 0 && 'Nothing has run yet: press Play, then open the report again.'}
      </p>
      <p data-testid="report-invariants">
        Message conservation {inv.conservation ? 'holds' : 'is broken'}; saga accounting{' '}
        {inv.sagas ? 'holds' : 'is broken'}.
      </p>
      {inv.violations.length > 0 && (
        <ul className="report__violations">
          {inv.violations.map((v) => (
            <li key={v}>{v}</li>
          ))}
        </ul>
      )}
      <div className="report__actions">
        <button type="button" className="btn btn--small" data-testid="report-copy" onClick={onCopy}>
          {copied ? 'Copied ✓' : 'Copy as Markdown'}
        </button>
        <button
          type="button"
          className="btn btn--small"
          data-testid="report-csv"
          onClick={() => downloadBlob(fileName(r, 'csv'), new Blob([reportCsv(r)], { type: 'text/csv' }))}
        >
          Download CSV
        </button>
        <button
          type="button"
          className="btn btn--small"
          data-testid="report-json"
          onClick={() =>
            downloadBlob(fileName(r, 'json'), new Blob([reportJson(r)], { type: 'application/json' }))
          }
        >
          Download JSON
        </button>
      </div>
      <Objectives r={r} diagram={diagram} />
      <ReportChecklist r={r} />
      {reportTables(report).map((t) => (
        <section key={t.key} className="report__section" aria-label={t.title}>
          <h3>{t.title}</h3>
          {t.key === 'clients' && <IdleClients r={r} diagram={diagram} />}
          {t.rows.length === 0 ? (
            <p className="muted" data-testid={`report-empty-${t.key}`}>
              {t.empty}
            </p>
          ) : (
            <SidewaysScroll label={`${t.title} table`}>
              <table className="report__table" data-testid={`report-${t.key}`}>
                <thead>
                  <tr>
                    <th scope="col">id</th>
                    {t.columns.map((c) => (
                      <th scope="col" key={c}>
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {t.rows.map((row) => (
                    <tr key={row.id} data-id={row.id}>
                      <th scope="row">{row.id}</th>
                      {row.values.map((v, i) => (
                        <td key={t.columns[i]} data-figure={t.columns[i]} data-value={v ?? ''}>
                          {formatFigure(v)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </SidewaysScroll>
          )}
        </section>
      ))}
    </div>
  );
}

function Objectives({ r, diagram }: { r: RunReport; diagram: Diagram | null }) {
  const names = new Map(diagram?.services.map((s) => [s.id, s.name]));
  return (
    <section className="report__section" aria-label="Objectives">
      <h3>Objectives</h3>
      {!r.objectives ? (
        <p className="muted" data-testid="report-no-objectives">
          No client has an objective, so none is judged. Select a client and turn on its service-level
          objective in the inspector.
        </p>
      ) : (
        <ul className="report__objectives" data-testid="report-objectives">
          {Object.entries(r.objectives).map(([id, o]) => (
            <li key={id} data-id={id} data-verdict={o.verdict}>
              <strong>{names.get(id) ?? id}</strong>: {objectiveLine(o)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Why a client sent nothing: a rate of 0, no edge to send on, or the run has not got there yet. */
function IdleClients({ r, diagram }: { r: RunReport; diagram: Diagram | null }) {
  if (!diagram) return null;
  const idle = diagram.services.filter((s) => s.kind === 'client' && !(r.report.clients[s.id]?.sent ?? 0));
  if (!idle.length) return null;
  return (
    <ul className="muted" data-testid="report-idle-clients">
      {idle.map((s) => {
        const why =
          s.traffic.rate === 0
            ? 'its traffic rate is 0 requests per second'
            : !diagram.edges.some((e) => e.from === s.id)
              ? 'it has no outgoing edge to send on'
              : 'it has not sent a request yet at this moment';
        return (
          <li key={s.id}>
            {s.name} sent nothing: {why}.
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A table wider than the dialog scrolls sideways inside this region; while columns are hidden it
 * says so, and a shadow on the side that has more shows where they are.
 */
function SidewaysScroll({ label, children }: { label: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState<'none' | 'right' | 'left' | 'both'>('none');
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      const left = el.scrollLeft > 1;
      setMore(right && left ? 'both' : right ? 'right' : left ? 'left' : 'none');
    };
    measure();
    const resize = new ResizeObserver(measure);
    resize.observe(el);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      resize.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, []);
  return (
    <>
      {more !== 'none' && (
        <p className="report__more muted" data-testid="report-more-columns">
          {more === 'left' ? '← Scroll back for the first columns' : 'More columns → scroll sideways'}
        </p>
      )}
      <div
        ref={box}
        className="report__scroll"
        data-more={more}
        tabIndex={0}
        role="region"
        aria-label={label}
      >
        {children}
      </div>
    </>
  );
}
