import { describe, expect, it } from 'vitest';
import { Edge, Service } from './entities';
import { Look, MessageKind, Message } from './messages';
import { RecentMessages } from './recent';

const service = (index: number) =>
  new Service({
    index,
    id: `s${index}`,
    name: `s${index}`,
    isClient: false,
    replicas: 1,
    concurrency: 1,
    latency: { kind: 0, a: 1, b: 0 },
    errorRate: 0,
    idempotent: false,
  });
const a = service(0);
const b = service(1);
const edge = new Edge(0, 'e', 'sync', a, b, 'Ping', 5);
const msg = (id: number) =>
  new Message(id, MessageKind.Request, 'Ping', 7, id - 1, 2, id * 10, edge, a, b, Look.Request);

describe('RecentMessages', () => {
  it('describes a message evicted from the ring as add would have remembered it, without remembering it', () => {
    const recent = new RecentMessages(4);
    const old = msg(1);
    recent.add(old);
    const remembered = recent.get(1)!;
    for (let id = 2; id <= 5; id++) recent.add(msg(id)); // id 5 takes id 1's slot
    expect(recent.get(1)).toBeUndefined();
    expect(recent.describe(old)).toEqual(remembered);
    expect(recent.get(1)).toBeUndefined();
    expect(recent.correlated(7).map((r) => r.id)).toEqual([2, 3, 4, 5]);
  });
});
