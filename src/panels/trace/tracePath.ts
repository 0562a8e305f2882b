/** What a span says about where it ran (structurally a runtime Span). */
interface SpanPlace {
  service: string;
  peer?: string;
  edgeId?: string;
}

/** The services (each span's own and its other end) and edges a request's spans went through. */
export function pathOfSpans(spans: readonly SpanPlace[]): { services: Set<string>; edges: Set<string> } {
  const services = new Set<string>();
  const edges = new Set<string>();
  for (const s of spans) {
    // Spans that are not a hop (a saga's, a backoff) name no edge; their service is still on the path.
    if (s.service) services.add(s.service);
    if (s.peer) services.add(s.peer);
    if (s.edgeId) edges.add(s.edgeId);
  }
  return { services, edges };
}
