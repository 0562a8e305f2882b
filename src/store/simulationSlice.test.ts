import { describe, expect, it } from 'vitest';
import type { ChannelState, PlaybackState, ServiceState } from '../playback';
import { SimViewBuilder, idleSimView } from './simulationSlice';

const service = (patch: Partial<ServiceState> = {}): ServiceState => ({
  id: 'a',
  status: 'up',
  busy: 1,
  capacity: 4,
  waiting: 0,
  inbox: 0,
  slowFactor: 1,
  injectedErrorRate: 0,
  handled: 0,
  failed: 0,
  ...patch,
});

const channel: ChannelState = {
  name: 'q',
  kind: 'queue',
  depth: 2,
  inFlightToConsumers: 0,
  deadLettered: 0,
  depthHistory: [0, 1, 2],
  anchorEdgeId: 'e1',
};

function state(patch: Partial<PlaybackState>): PlaybackState {
  return {
    status: 'playing',
    now: 100,
    services: [service()],
    edges: [{ id: 'e1', circuit: 'closed', cut: false, sent: 1, failed: 0 }],
    channels: [channel],
    ...patch,
  } as PlaybackState;
}

describe('SimViewBuilder', () => {
  const edges = new Set(['e1']);

  it('keeps what did not change as the same objects, so nothing re-renders for nothing', () => {
    const b = new SimViewBuilder();
    const one = b.build(state({}), idleSimView, edges);
    // Counters a card does not show moved on; time did not.
    const two = b.build(
      state({
        services: [service({ handled: 9 })],
        edges: [{ id: 'e1', circuit: 'closed', cut: false, sent: 7, failed: 0 }],
        channels: [{ ...channel, depthHistory: [0, 1, 2] }],
      }),
      one,
      edges,
    );
    expect(two).toBe(one);
    const three = b.build(state({ now: 200, services: [service({ busy: 2 })] }), two, edges);
    expect(three).not.toBe(two);
    expect(three.services.get('a')).not.toBe(two.services.get('a'));
    expect(three.edges).toBe(two.edges);
    expect(three.channelsByEdge).toBe(two.channelsByEdge);
  });

  it('holds exactly the services, edges and channels of the run, whatever their ids', () => {
    const words = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
    const edgeState = (id: string) => ({ id, circuit: 'closed' as const, cut: false, sent: 1, failed: 0 });
    const view = new SimViewBuilder().build(
      state({
        services: words.map((id) => service({ id })),
        edges: words.map(edgeState),
        channels: [{ ...channel, anchorEdgeId: '__proto__' }],
      }),
      idleSimView,
      new Set(words),
    );
    expect([...view.services.keys()]).toEqual(words);
    expect([...view.edges.keys()]).toEqual(words);
    // Only the queue's edge has a channel: the others have none, not a built-in.
    expect([...view.channelsByEdge.keys()]).toEqual(['__proto__']);
    for (const w of ['constructor', 'toString', 'valueOf'])
      expect(view.channelsByEdge.get(w)).toBeUndefined();
  });

  it('drops channels anchored on edges the diagram no longer has', () => {
    const view = new SimViewBuilder().build(state({}), idleSimView, new Set());
    expect(view.channelsByEdge.size).toBe(0);
  });

  it('says a service is failing when most of its recent work failed', () => {
    const b = new SimViewBuilder();
    let view = b.build(state({ services: [service({ handled: 10 })] }), idleSimView, edges);
    expect(view.services.get('a')!.failing).toBe(false);
    for (let i = 1; i <= 4; i++)
      view = b.build(
        state({ now: 100 + i, services: [service({ handled: 10, failed: 10 * i })] }),
        view,
        edges,
      );
    expect(view.services.get('a')!.failing).toBe(true);
    for (let i = 1; i <= 8; i++)
      view = b.build(
        state({ now: 200 + i, services: [service({ handled: 10 + 20 * i, failed: 40 })] }),
        view,
        edges,
      );
    expect(view.services.get('a')!.failing).toBe(false);
  });

  it('shows a big pool busy in steps of 1/50, never rounding a busy pool to idle', () => {
    const b = new SimViewBuilder();
    const big = (busy: number, waiting: number) =>
      b
        .build(state({ services: [service({ capacity: 1000, busy, waiting })] }), idleSimView, edges)
        .services.get('a')!;
    expect(big(501, 1)).toMatchObject({ busy: 500, waiting: 1 });
    expect(big(509, 0).busy).toBe(500);
    expect(big(3, 0).busy).toBe(1);
    const small = b.build(state({ services: [service({ capacity: 8, busy: 3 })] }), idleSimView, edges);
    expect(small.services.get('a')!.busy).toBe(3);
  });
});
