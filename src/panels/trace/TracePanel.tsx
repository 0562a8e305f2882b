import { useState } from 'react';
import type { RequestTraceView } from '../../export/index';
import { EnvelopeDetails } from '../playback/EnvelopePanel';
import { SequenceView } from './SequenceView';
import { Waterfall } from './Waterfall';
import './trace.css';

/** Which request to find for the person. */
export type TracePick = 'slowest' | 'failed' | 'compensated';

export interface TracePanelProps {
  correlationId: string | null;
  trace: RequestTraceView | null;
  loading: boolean;
  /** Why there is nothing to show (no such request, nothing found for a pick). */
  message: string | null;
  nameOf: (serviceId: string) => string;
  onShow: (correlationId: string) => void;
  onPick: (which: TracePick) => void;
  /** Light the request's path on the canvas (selects its first message). */
  onHighlight: (messageId: string) => void;
  /** Shows no request any more (its path on the canvas goes out). */
  onClear?: () => void;
}

/** One request end to end: the waterfall, the sequence diagram, its envelopes, and its exports. */
export function TracePanel({
  correlationId,
  trace,
  loading,
  message,
  nameOf,
  onShow,
  onPick,
  onHighlight,
  onClear,
}: TracePanelProps) {
  const [typed, setTyped] = useState('');
  const [copied, setCopied] = useState(false);
  const first = trace?.spans.find((s) => s.messageId !== undefined)?.messageId;
  return (
    <div className="tr-panel">
      <div className="tr-tools" role="group" aria-label="Pick a request">
        <button type="button" className="btn btn--small" onClick={() => onPick('slowest')}>
          The slowest
        </button>
        <button type="button" className="btn btn--small" onClick={() => onPick('failed')}>
          A failed one
        </button>
        <button type="button" className="btn btn--small" onClick={() => onPick('compensated')}>
          A compensated saga
        </button>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim()) onShow(typed.trim());
          }}
        >
          <input
            className="el-input el-input--short"
            aria-label="Request id"
            placeholder="c12"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
          <button type="submit" className="btn btn--small">
            Show
          </button>
        </form>
      </div>
      {loading ? <p className="muted">Replaying the run to build the trace…</p> : null}
      {!loading && message ? <p className="muted">{message}</p> : null}
      {!loading && !trace && !message ? (
        <p className="muted">
          Pick a request: a row of the event log, a message on the canvas, or a button above.
        </p>
      ) : null}
      {trace && correlationId === trace.correlationId ? (
        <>
          <div className="tr-tools" role="group" aria-label={`Request ${trace.correlationId}`}>
            <h3 className="tr-title">Request {trace.correlationId}</h3>
            {first ? (
              <button type="button" className="btn btn--small" onClick={() => onHighlight(first)}>
                Show on canvas
              </button>
            ) : null}
            <button
              type="button"
              className="btn btn--small"
              onClick={() => {
                void navigator.clipboard?.writeText(trace.mermaid).then(() => setCopied(true));
              }}
            >
              {copied ? 'Copied' : 'Copy Mermaid'}
            </button>
            <button
              type="button"
              className="btn btn--small"
              onClick={() => download(`${trace.correlationId}.mmd`, trace.mermaid, 'text/plain')}
            >
              Download Mermaid
            </button>
            <button
              type="button"
              className="btn btn--small"
              onClick={() => download(`${trace.correlationId}.otlp.json`, trace.otlp, 'application/json')}
            >
              Download OTLP
            </button>
            {onClear ? (
              <button type="button" className="btn btn--small" onClick={onClear}>
                Clear
              </button>
            ) : null}
          </div>
          <h4>Waterfall</h4>
          <Waterfall spans={trace.spans} nameOf={nameOf} />
          <h4>Sequence</h4>
          <div className="tr-seq-scroll">
            <SequenceView
              sequence={trace.sequence}
              title={`Sequence diagram of request ${trace.correlationId}`}
            />
          </div>
          {trace.envelopes.length > 0 ? <h4>Envelopes</h4> : null}
          <div className="tr-envelopes">
            {trace.envelopes.map((e) => (
              <EnvelopeDetails key={e.id} messageId={e.id} envelope={e} />
            ))}
          </div>
        </>
      ) : null}
    </div>
  );
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
