import type { EdgeBehaviour } from './behaviours';
import { abandonCall, startCall } from './calls';
import { type Action, type Service } from './entities';
import { Call, CallOwner, Look, type Message } from './messages';
import type { Simulation } from './sim';

/**
 * Sync edges: a request/reply call made while the caller's slot stays held. The exchange itself
 * (attempts, timeouts, retries, breaker, reply) is the core's (calls.ts, replies.ts); a sync edge
 * only says who makes the call and for whom.
 */
export const syncEdges: EdgeBehaviour = {
  route(edge, actions, behaviour): void {
    actions.push({ kind: 'sync', behaviour, edge });
  },

  // The job waits for the call's outcome (the job call owner resumes it, see services.ts).
  perform(sim: Simulation, job: Message, action: Action): boolean {
    const service = job.target;
    const edge = action.edge;
    const call = new Call({
      edge,
      caller: service,
      callee: edge.to,
      reversed: false,
      type: edge.message || 'request',
      look: Look.Request,
      policy: edge.exchange!.policy!,
      owner: CallOwner.Job,
      ownerObject: job,
      correlation: job.correlation,
      cause: job.id,
      hop: job.hop + 1,
    });
    call.startedAt = sim.now;
    service.waiting++;
    job.outCall = call;
    startCall(sim, call);
    return true;
  },

  sendFromClient(sim: Simulation, client: Service, action: Action, correlation: number): void {
    sim.clientSent(client);
    const edge = action.edge;
    const call = new Call({
      edge,
      caller: client,
      callee: edge.to,
      reversed: false,
      type: edge.message || 'request',
      look: Look.Request,
      policy: edge.exchange!.policy!,
      owner: CallOwner.Client,
      ownerObject: null,
      correlation,
      cause: -1,
      hop: 1,
    });
    call.startedAt = sim.now;
    startCall(sim, call);
  },

  // The calls a client was waiting on end without an outcome.
  serviceDown(sim: Simulation, service: Service): void {
    for (const call of [...service.clientCalls]) abandonCall(sim, call);
  },
};
