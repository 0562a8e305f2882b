import { advise, type Advice } from './advice';
import type { Diagram } from './schema';

/** One item of the implementation checklist and the advisor remarks that say it is not met. */
export interface ChecklistItem {
  id: string;
  title: string;
  /** Prefixes of the ids of the remarks that break it. */
  remarks: string[];
}

/** The article's implementation checklist, in ten items (issue 14). */
export const CHECKLIST: readonly ChecklistItem[] = [
  {
    id: 'simple',
    title: 'Simple request-response between two services is a sync REST call',
    remarks: ['overkill-'],
  },
  { id: 'grpc', title: 'High-throughput internal calls use gRPC', remarks: ['grpc-'] },
  { id: 'background', title: 'Background work goes through a queue', remarks: ['background-'] },
  { id: 'reactors', title: 'Several services react to an event through a topic', remarks: ['reactors-'] },
  { id: 'envelope', title: 'Events carry a typed, versioned envelope', remarks: ['event-type-'] },
  {
    id: 'saga',
    title: 'Business processes across 3+ services are sagas',
    remarks: ['no-saga-', 'comp-', 'gap-'],
  },
  { id: 'breaker', title: 'Calls to external services have a circuit breaker', remarks: ['breaker-'] },
  {
    id: 'timeout',
    title: 'Every call has a timeout shorter than its caller’s',
    remarks: ['timeout-', 'no-timeout-'],
  },
  {
    id: 'idempotent',
    title: 'Consumers behind retries or redelivery are idempotent',
    remarks: ['retry-', 'alo-'],
  },
  { id: 'queues', title: 'Queue depth is watched and consumers keep up', remarks: ['depth-', 'keepup-'] },
];

/** How the diagram fares on each checklist item. */
export interface ReportCard {
  items: Array<ChecklistItem & { met: boolean; found: Advice[] }>;
  met: number;
  total: number;
}

/** The report card: which checklist items the diagram meets (an item is met when no remark breaks it). */
export function reportCard(d: Diagram, advice: Advice[] = advise(d)): ReportCard {
  const items = CHECKLIST.map((item) => {
    const found = advice.filter((a) => item.remarks.some((p) => a.id.startsWith(p)));
    return { ...item, met: found.length === 0, found };
  });
  return { items, met: items.filter((i) => i.met).length, total: items.length };
}
