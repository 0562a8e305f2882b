import type { Diagram } from '../model/schema';
import { checkoutExample } from './checkout';
import { choreographyExample } from './choreography';
import { jobQueueExample } from './jobQueue';
import { orderSagaExample } from './orderSaga';

export interface Scenario {
  id: string;
  title: string;
  summary: string;
  diagram: Diagram;
}

const scenario = (id: string, diagram: Diagram): Scenario => ({
  id,
  title: diagram.name,
  summary: diagram.description,
  diagram,
});

/** Built-in example diagrams, first the one shown on first open. */
export const SCENARIOS: Scenario[] = [
  { id: 'checkout', title: 'Checkout', summary: checkoutExample.description, diagram: checkoutExample },
  scenario('order-saga', orderSagaExample),
  scenario('job-queue', jobQueueExample),
  scenario('choreography', choreographyExample),
];

export { checkoutExample, choreographyExample, jobQueueExample, orderSagaExample };
