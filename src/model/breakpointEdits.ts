import { BREAKPOINT_KIND_INFO } from './breakpointKinds';
import type { Breakpoint, BreakpointKind, Diagram } from './schema';

/** What a breakpoint can name in `d`, by its kind's target: value (id or name) and label. */
export function breakpointTargets(d: Diagram, kind: BreakpointKind): Array<{ value: string; label: string }> {
  switch (BREAKPOINT_KIND_INFO[kind].target) {
    case 'edge':
      return d.edges
        .filter((e) => e.kind === 'sync' && e.breaker.enabled)
        .map((e) => ({ value: e.id, label: e.message || e.id }));
    case 'saga':
      return unique(d.edges.flatMap((e) => (e.kind === 'saga' ? [e.saga] : [])));
    case 'channel':
      return unique(d.edges.flatMap((e) => (e.kind === 'queue' ? [e.channel] : [])));
    case 'client':
      return d.services.filter((s) => s.kind === 'client').map((s) => ({ value: s.id, label: s.name }));
    case 'none':
      return [];
  }
}

const unique = (names: string[]) => [...new Set(names)].map((n) => ({ value: n, label: n }));

/** How a person calls what `b` names in `d` ('' for any; the raw target when it is gone). */
export function breakpointTargetName(d: Diagram, b: Breakpoint): string {
  if (b.target === '') return '';
  return breakpointTargets(d, b.kind).find((t) => t.value === b.target)?.label ?? `${b.target} (missing)`;
}

/** `b` in a few words, its target named as the diagram names it. */
export function describeBreakpoint(d: Diagram, b: Breakpoint): string {
  return BREAKPOINT_KIND_INFO[b.kind].describe(b, breakpointTargetName(d, b));
}

/** The id a new breakpoint gets: `bp1`, `bp2`… (breakpoints have their own namespace). */
export function nextBreakpointId(d: Diagram): string {
  const taken = new Set(d.breakpoints.map((b) => b.id));
  for (let n = 1; ; n++) if (!taken.has(`bp${n}`)) return `bp${n}`;
}

/** A breakpoint of `kind` with the kind's default value, on `target` ('' for any). */
export function makeBreakpoint(d: Diagram, kind: BreakpointKind, target = '', value?: number): Breakpoint {
  const info = BREAKPOINT_KIND_INFO[kind];
  return { id: nextBreakpointId(d), kind, enabled: true, target, value: value ?? info.value?.fallback ?? 0 };
}

/**
 * The breakpoint a selected element suggests, or null: a circuit opening on a sync edge with a
 * breaker, a dead letter on a queue edge's channel, a saga edge's saga compensated, a client's slow
 * request.
 */
export function breakpointFor(d: Diagram, elementId: string): Breakpoint | null {
  const edge = d.edges.find((e) => e.id === elementId);
  if (edge?.kind === 'sync' && edge.breaker.enabled) return makeBreakpoint(d, 'circuit-open', edge.id);
  if (edge?.kind === 'queue') return makeBreakpoint(d, 'dead-letter', edge.channel);
  if (edge?.kind === 'saga') return makeBreakpoint(d, 'saga-compensated', edge.saga);
  const service = d.services.find((s) => s.id === elementId);
  if (service?.kind === 'client') return makeBreakpoint(d, 'slow-request', service.id);
  return null;
}
