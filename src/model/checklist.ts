import { expectedLoad, type Advice } from './advice';
import { communicationAdvice } from './checklistRules';
import { listIn } from './graph';
import type { Diagram, Edge, SyncEdge } from './schema';

/** Above this many requests per second, an internal REST call is worth moving to gRPC (the article's line). */
export const GRPC_THRESHOLD_PER_S = 10_000;

/** Every edge's new value where `edgeId` is replaced by `change(edge)` (a fix's edit). */
function changeEdge(d: Diagram, edgeId: string, change: (e: SyncEdge) => Edge): Diagram {
  return { ...d, edges: d.edges.map((e) => (e.id === edgeId && e.kind === 'sync' ? change(e) : e)) };
}

/**
 * The implementation checklist's remarks: sync calls to external services without a circuit
 * breaker, calls whose timeout outlasts their caller's own, internal REST calls carrying more than
 * 10,000 requests/s, and the shape-of-communication items of `checklistRules.ts`.
 */
export function checklistAdvice(d: Diagram): Advice[] {
  const out: Advice[] = [];
  const byId = new Map(d.services.map((s) => [s.id, s]));
  const load = expectedLoad(d);
  // Each service's incoming sync calls, indexed once (not a scan of every edge for every call).
  const syncCallsTo = new Map<string, SyncEdge[]>();
  for (const e of d.edges) if (e.kind === 'sync') listIn(syncCallsTo, e.to).push(e);
  for (const e of d.edges) {
    if (e.kind !== 'sync') continue;
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from || !to) continue;
    if (to.kind === 'external' && !e.breaker.enabled)
      out.push({
        id: `breaker-${e.id}`,
        severity: 'warning',
        message: `"${e.message || 'Calls'}" to ${to.name}, an external API, has no circuit breaker: when it fails or hangs, every caller waits and fails with it.`,
        targets: [e.id],
        fix: {
          label: 'Add a circuit breaker',
          apply: (x) => changeEdge(x, e.id, (s) => ({ ...s, breaker: { ...s.breaker, enabled: true } })),
        },
      });
    // The caller's own deadline: the longest timeout of a sync call that reaches `from`.
    const incoming = syncCallsTo.get(e.from) ?? [];
    const callerTimeout = Math.min(...incoming.map((x) => x.timeoutMs));
    if (incoming.length && e.timeoutMs >= callerTimeout) {
      const shorter = Math.max(1, Math.floor(callerTimeout * 0.8));
      out.push({
        id: `timeout-${e.id}`,
        severity: 'warning',
        message: `"${e.message || 'Calls'}" from ${from.name} waits up to ${e.timeoutMs} ms, but ${from.name}'s own caller gives up after ${callerTimeout} ms: the answer would come too late to be used.`,
        targets: [e.id],
        fix: {
          label: `Set its timeout to ${shorter} ms`,
          apply: (x) => changeEdge(x, e.id, (s) => ({ ...s, timeoutMs: shorter })),
        },
      });
    }
    const rate = load.get(e.to) ?? 0;
    if (e.protocol === 'rest' && from.kind !== 'client' && rate > GRPC_THRESHOLD_PER_S)
      out.push({
        id: `grpc-${e.id}`,
        severity: 'info',
        message: `${to.name} may receive about ${Math.round(rate)} requests/s over REST: at this rate an internal call is cheaper over gRPC.`,
        targets: [e.id],
        fix: {
          label: 'Switch to gRPC',
          apply: (x) => changeEdge(x, e.id, (s) => ({ ...s, protocol: 'grpc' })),
        },
      });
  }
  // A call whose timeout outlasts its caller's gets that remark's fix, not a second one.
  const said = new Set(out.map((a) => a.id));
  out.push(...communicationAdvice(d).filter((a) => !said.has(a.id.replace(/^no-timeout-/, 'timeout-'))));
  return out;
}
