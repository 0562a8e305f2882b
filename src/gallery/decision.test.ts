import { describe, expect, it } from 'vitest';
import { checkoutExample } from '../scenarios';
import { ADVICE, applyChoice, recommend, targetOf } from './decision';
import { GALLERY } from './index';

describe('decision guide', () => {
  it('follows the framework: saga, then sync (gRPC or REST), then queue or topic', () => {
    expect(recommend({})).toBeNull();
    expect(recommend({ process: 'yes' })).toBe('saga');
    expect(recommend({ immediate: 'yes', throughput: 'yes', public: 'no' })).toBe('grpc');
    expect(recommend({ immediate: 'yes', throughput: 'yes', public: 'yes' })).toBe('rest');
    expect(recommend({ immediate: 'yes', throughput: 'no' })).toBe('rest');
    expect(recommend({ immediate: 'yes' })).toBeNull();
    expect(recommend({ immediate: 'no', reactors: 'one' })).toBe('queue');
    expect(recommend({ immediate: 'no', reactors: 'several' })).toBe('topic');
    expect(recommend({ immediate: 'no' })).toBeNull();
  });

  it('links every recommendation to a gallery entry that demonstrates it', () => {
    for (const advice of Object.values(ADVICE)) {
      const entry = GALLERY.find((e) => e.id === advice.entry);
      expect(entry?.demonstrates).toBe(advice.choice);
    }
  });

  it('applies a choice to the selected edge: its kind, and the protocol for gRPC', () => {
    const d = checkoutExample;
    const target = targetOf(d, ['e-gw-orders'])!;
    const grpc = applyChoice(d, target, 'grpc').diagram.edges.find((e) => e.id === 'e-gw-orders')!;
    expect(grpc.kind === 'sync' && grpc.protocol).toBe('grpc');
    const queued = applyChoice(d, target, 'queue').diagram.edges.find((e) => e.id === 'e-gw-orders')!;
    expect(queued.kind).toBe('queue');
    expect(queued.from).toBe('gateway');
  });

  it('between two selected services: their edge, or a new one of the chosen kind', () => {
    const d = checkoutExample;
    expect(targetOf(d, ['orders', 'payment'])?.edge?.id).toBe('e-orders-payment');
    const loose = targetOf(d, ['client', 'bank'])!;
    expect(loose).toEqual({ from: 'client', to: 'bank' });
    const { diagram, edgeId } = applyChoice(d, loose, 'topic');
    expect(diagram.edges).toHaveLength(d.edges.length + 1);
    expect(diagram.edges.find((e) => e.id === edgeId)).toMatchObject({
      kind: 'topic',
      from: 'client',
      to: 'bank',
    });
    expect(targetOf(d, ['orders'])).toBeNull();
  });
});
