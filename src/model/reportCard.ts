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

/** One remark of the report card as plain data: what `sim --json` and the run report print. */
export interface ChecklistAdviceJson {
  id: string;
  severity: Advice['severity'];
  message: string;
  targets: string[];
  /** The one-click fix's label, or null when the remark has to be dealt with by hand. */
  fix: string | null;
}

/** The report card as plain data (JSON-safe, no functions): `sim --json`'s `checklist` key. */
export interface ChecklistJson {
  met: number;
  total: number;
  items: Array<{ id: string; title: string; met: boolean; advice: ChecklistAdviceJson[] }>;
}

/** The report card of `d` as plain data, keys in the documented order (README, `sim --json`). */
export function checklistJson(d: Diagram): ChecklistJson {
  const card = reportCard(d);
  return {
    met: card.met,
    total: card.total,
    items: card.items.map((item) => ({
      id: item.id,
      title: item.title,
      met: item.met,
      advice: item.found.map((a) => ({
        id: a.id,
        severity: a.severity,
        message: a.message,
        targets: [...a.targets],
        fix: a.fix?.label ?? null,
      })),
    })),
  };
}
