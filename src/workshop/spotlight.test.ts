import { describe, expect, it } from 'vitest';
import { checkoutExample } from '../scenarios/checkout';
import { createAppStore } from '../store';
import { currentDiagramScene } from './scenes';
import { nextScene, spotlight, startPresenting, stopPresenting, usePresentation } from './presentation';
import { nextSpotlight, spotlightName, spotlitElements } from './spotlight';

const d = checkoutExample;
const sorted = (s: ReadonlySet<string> | undefined) => [...(s ?? [])].sort();

describe('the presentation spotlight', () => {
  it('lights a service with its edges and their other ends, and an edge with its two services', () => {
    const orders = spotlitElements(d, 'orders');
    expect(sorted(orders?.services)).toEqual(['email', 'gateway', 'inventory', 'orders', 'payment']);
    expect(sorted(orders?.edges)).toEqual([
      'e-gw-orders',
      'e-orders-email',
      'e-orders-inventory',
      'e-orders-payment',
    ]);
    const call = spotlitElements(d, 'e-payment-bank');
    expect(sorted(call?.services)).toEqual(['bank', 'payment']);
    expect(sorted(call?.edges)).toEqual(['e-payment-bank']);
    // A service with no edges is lit alone; an id the scene doesn't have lights nothing.
    const lone = { ...d, services: [...d.services, { ...d.services[0]!, id: 'lone', name: 'Lone' }] };
    expect(sorted(spotlitElements(lone, 'lone')?.services)).toEqual(['lone']);
    expect(spotlitElements(d, 'gone')).toBeNull();
  });

  it('moves through the services left to right, then top to bottom, and then turns off', () => {
    const seen: (string | null)[] = [];
    let at: string | null = null;
    do {
      at = nextSpotlight(d, at);
      seen.push(at);
    } while (at !== null && seen.length < 20);
    expect(seen).toEqual(['client', 'gateway', 'orders', 'payment', 'inventory', 'email', 'bank', null]);
    // From an edge (spotlit by a click) or an element that is gone, it starts again at the first.
    expect(nextSpotlight(d, 'e-client-gw')).toBe('client');
    expect(nextSpotlight({ ...d, services: [], edges: [] }, null)).toBeNull();
  });

  it('names the spotlit element for the presenter', () => {
    expect(spotlightName(d, 'payment')).toBe('Payment Service');
    expect(spotlightName(d, 'e-orders-payment')).toMatch(/^Order Service → Payment Service \(.+\)$/);
    expect(spotlightName(d, 'gone')).toBeNull();
  });

  it('is turned off by a second click on the same element and by the next scene', () => {
    const app = createAppStore();
    startPresenting(app, [currentDiagramScene(d), currentDiagramScene(d)]);
    spotlight('orders');
    expect(usePresentation.getState().spotlight).toBe('orders');
    spotlight('orders');
    expect(usePresentation.getState().spotlight).toBeNull();
    spotlight('payment');
    nextScene(app);
    expect(usePresentation.getState().spotlight).toBeNull();
    stopPresenting(app);
  });
});
