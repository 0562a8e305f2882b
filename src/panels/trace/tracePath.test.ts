import { describe, expect, it } from 'vitest';
import { pathOfSpans } from './tracePath';

describe('pathOfSpans', () => {
  it("takes each span's service, its other end and its edge, once each", () => {
    const path = pathOfSpans([
      { service: 'client', peer: 'gateway', edgeId: 'e-client-gw' },
      { service: 'gateway', peer: 'client', edgeId: 'e-client-gw' },
      { service: 'orders' },
    ]);
    expect([...path.services].sort()).toEqual(['client', 'gateway', 'orders']);
    expect([...path.edges]).toEqual(['e-client-gw']);
  });
});
