import { Lk, Mk, St, type Edg, type Msg, type Svc, type Topic } from './entities';
import { Fifo } from './fifo';
import { depthChanged } from './queue';
import { arriveAtService } from './services';
import type { Sim } from './sim';
import { TR } from './trace';

/** A publisher announces an event: every subscription edge of the topic gets its own copy. */
export function publishTopic(
  sim: Sim,
  t: Topic,
  edge: Edg,
  src: Svc,
  cause: number,
  corr: number,
  hop: number,
): boolean {
  t.published++;
  sim.rec(TR.published, -1, src.idx, edge.idx, t.nameId, t.subs.length);
  const type = edge.message || t.name;
  for (const sub of t.subs) {
    const m = sim.newMsg(Mk.Event, type, corr, cause, hop, sub, src, sub.to, Lk.Event);
    sub.sent++;
    if (hop > sim.hopLimit) sim.drop(m, 'hop limit');
    else if (sub.cut > 0) {
      t.dropped++;
      sim.drop(m, 'partition');
    } else sim.launch(m, 0, 1, sub.latencyMs);
  }
  return true;
}

/** A copy reaches its subscriber; a down one keeps it (durable) or loses it by design (non-durable). */
export function onEventArrive(sim: Sim, m: Msg): void {
  const sub = m.edge;
  const t = sub.topic!;
  const dst = m.dst;
  if (dst.down > 0) {
    if (sub.durable) {
      let held = t.held.get(sub.idx);
      if (!held) t.held.set(sub.idx, (held = new Fifo<Msg>()));
      held.push(m);
      m.enqueuedAt = sim.now;
      sim.setState(m, St.Waiting);
      t.depth++;
      sim.rec(TR.held, m.id, dst.idx, sub.idx, t.nameId, t.depth);
      depthChanged(sim, t);
    } else {
      t.dropped++;
      sim.drop(m, 'subscriber down (non-durable subscription, dropped by design)', dst.idx);
    }
    return;
  }
  t.delivered++;
  t.waitHist.add(0);
  sim.rec(TR.arrived, m.id, dst.idx, sub.idx, -1, NaN);
  arriveAtService(sim, dst, m);
}

/** A subscriber is back: the copies its durable subscriptions kept are delivered now. */
export function releaseHeld(sim: Sim, svc: Svc): void {
  for (const sub of svc.subscriptions) {
    const t = sub.topic!;
    const held = t.held.get(sub.idx);
    if (!held || held.length === 0) continue;
    for (const m of held.drain()) {
      t.depth--;
      t.delivered++;
      t.waitHist.add(sim.now - m.enqueuedAt);
      sim.rec(TR.arrived, m.id, svc.idx, sub.idx, -1, NaN);
      arriveAtService(sim, svc, m);
    }
    depthChanged(sim, t);
  }
}

/** Number of copies a topic holds across its subscriptions. */
export function heldCount(t: Topic): number {
  let n = 0;
  for (const f of t.held.values()) n += f.length;
  return n;
}
