import { useEffect, useState } from 'react';
import type { Diagram } from '../../model/schema';
import type { EnvelopeView, Playback } from '../../playback';
import { formatSimTime } from './format';
import './playback.css';

export interface EnvelopePanelProps {
  playback: Playback;
  /** The selected message; null shows nothing. */
  messageId: string | null;
  onClose?: () => void;
  /** Opens the trace of the message's request (its correlation id); without it, no such button. */
  onTrace?: (correlationId: string) => void;
}

/** The envelope of the selected message, fetched from the engine when the selection changes. */
export function EnvelopePanel({ playback, messageId, onClose, onTrace }: EnvelopePanelProps) {
  const [loaded, setLoaded] = useState<{ id: string; envelope: EnvelopeView | null } | null>(null);
  useEffect(() => {
    if (messageId === null) return;
    let live = true;
    void playback.envelope(messageId).then((envelope) => {
      if (live) setLoaded({ id: messageId, envelope });
    });
    return () => {
      live = false;
    };
  }, [playback, messageId]);
  if (messageId === null) return null;
  const current = loaded?.id === messageId ? loaded : null;
  return (
    <EnvelopeDetails
      messageId={messageId}
      envelope={current?.envelope ?? null}
      loading={current === null}
      diagram={playback.loadedDiagram}
      onClose={onClose}
      onTrace={onTrace}
    />
  );
}

export interface EnvelopeDetailsProps {
  messageId: string;
  envelope: EnvelopeView | null;
  loading?: boolean;
  /** For naming the edges and services on the path. */
  diagram?: Diagram | null;
  onClose?: () => void;
  /** See EnvelopePanelProps.onTrace. */
  onTrace?: (correlationId: string) => void;
}

/** An envelope as a card: ids, type and version, timestamps, payload and the path so far. */
export function EnvelopeDetails({
  messageId,
  envelope,
  loading,
  diagram,
  onClose,
  onTrace,
}: EnvelopeDetailsProps) {
  const serviceName = (id: string) => diagram?.services.find((s) => s.id === id)?.name ?? id;
  const edgeName = (id: string) => {
    const e = diagram?.edges.find((x) => x.id === id);
    return e ? `${serviceName(e.from)} → ${serviceName(e.to)}${e.message ? ` · ${e.message}` : ''}` : id;
  };
  return (
    <section
      className="pb-envelope"
      data-testid="envelope-panel"
      aria-label={`Envelope of message ${messageId}`}
    >
      <header>
        <h3>{envelope ? envelope.type : 'Message'}</h3>
        {onClose ? (
          <button type="button" className="pb-btn pb-close" aria-label="Close the envelope" onClick={onClose}>
            ×
          </button>
        ) : null}
      </header>
      {loading ? <p className="pb-muted">Reading the envelope…</p> : null}
      {!loading && !envelope ? (
        <p className="pb-muted">
          This message is no longer known to the run (it finished long ago, or the run was reset).
        </p>
      ) : null}
      {envelope ? (
        <>
          <dl>
            <dt>id</dt>
            <dd data-field="id">{envelope.id}</dd>
            <dt>type</dt>
            <dd data-field="type">
              {envelope.type} <span className="pb-muted">v{envelope.version}</span>
            </dd>
            <dt>source</dt>
            <dd data-field="source">{serviceName(envelope.source)}</dd>
            <dt>correlation</dt>
            <dd data-field="correlationId">{envelope.correlationId}</dd>
            <dt>causation</dt>
            <dd data-field="causationId">{envelope.causationId ?? '—'}</dd>
            <dt>timestamp</dt>
            <dd data-field="timestamp">{formatSimTime(envelope.timestamp)}</dd>
          </dl>
          {onTrace ? (
            <button
              type="button"
              className="btn btn--small pb-open-trace"
              data-testid="open-request-trace"
              onClick={() => onTrace(envelope.correlationId)}
            >
              {"Open this request's trace"}
            </button>
          ) : null}
          <h4>Payload</h4>
          <pre className="pb-payload" data-field="payload">
            {JSON.stringify(envelope.payload, null, 2)}
          </pre>
          <h4>Path so far</h4>
          {envelope.path.length === 0 ? (
            <p className="pb-muted">No hops yet.</p>
          ) : (
            <ol className="pb-path" data-field="path">
              {envelope.path.map((hop, i) => (
                <li key={i}>
                  <span className="pb-path-time">{formatSimTime(hop.at)}</span> {hop.what}{' '}
                  <span className="pb-muted">{edgeName(hop.edgeId)}</span>
                </li>
              ))}
            </ol>
          )}
        </>
      ) : null}
    </section>
  );
}
