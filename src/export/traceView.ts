import type { Envelope, PathHop, Span } from '../runtime/index';
import type { Sequence } from './sequence';

/** One request's trace as the Trace panel shows it: spans, sequence, both exports, envelopes. */
export interface RequestTraceView {
  correlationId: string;
  spans: Span[];
  sequence: Sequence;
  mermaid: string;
  otlp: string;
  /** Envelopes of its first message and of the first that failed (while the run remembers them). */
  envelopes: (Envelope & { path: PathHop[] })[];
}
