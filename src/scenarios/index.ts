import type { Diagram } from '../model/schema';
import { checkoutExample } from './checkout';

export interface Scenario {
  id: string;
  title: string;
  summary: string;
  diagram: Diagram;
}

/** Built-in example diagrams, first the one shown on first open. */
export const SCENARIOS: Scenario[] = [
  { id: 'checkout', title: 'Checkout', summary: checkoutExample.description, diagram: checkoutExample },
];

export { checkoutExample };
