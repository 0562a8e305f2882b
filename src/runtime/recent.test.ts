import { describe, expect, it } from 'vitest';
import { Edg, Lk, Mk, Msg, Svc } from './entities';
import { RecentMessages } from './recent';

const svc = (idx: number) => new Svc(idx, `s${idx}`, `s${idx}`, false, 1, 1, 0, 1, 0, 0, false);
const a = svc(0);
const b = svc(1);
const edge = new Edg(0, 'e', 'sync', a, b, 'Ping', 5);
const msg = (id: number) => new Msg(id, Mk.Request, 'Ping', 7, id - 1, 2, id * 10, edge, a, b, Lk.Request);

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
