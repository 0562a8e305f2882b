import type { Diagram, Edge, Service } from '../model/schema';

/** How an element of B differs from A's. */
export type ChangeKind = 'added' | 'changed' | 'removed';

/** One difference between A and B, by element id, with a few words saying what. */
export interface DesignChange {
  id: string;
  element: 'service' | 'edge';
  change: ChangeKind;
  /** "Payment Service", "ChargeCard (orders → payment)". */
  name: string;
  /** "sync → queue", "replicas 1 → 2", "3 settings"; empty for added and removed. */
  what: string;
}

/** What a person reads of a service's or edge's fields; positions are layout, not design. */
function fields(x: Service | Edge): Record<string, unknown> {
  const { position: _position, ...rest } = x as Service;
  return rest as Record<string, unknown>;
}

const short = (v: unknown) => {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
};

/** The fields that differ, told briefly: the kind first, one field in full, more as a count. */
function describe(a: Service | Edge, b: Service | Edge): string {
  const before = fields(a);
  const after = fields(b);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  if (keys.includes('kind')) return `${short(before.kind)} → ${short(after.kind)}`;
  if (keys.length === 1) return `${keys[0]} ${short(before[keys[0]!])} → ${short(after[keys[0]!])}`;
  return `${keys.length} settings`;
}

function edgeName(e: Edge, names: ReadonlyMap<string, string>): string {
  const label = e.message || e.id;
  return `${label} (${names.get(e.from) ?? e.from} → ${names.get(e.to) ?? e.to})`;
}

/** What B changes of A: services and edges added, changed (positions aside) or removed, by id. */
export function designChanges(a: Diagram, b: Diagram): DesignChange[] {
  const out: DesignChange[] = [];
  const names = new Map([...a.services, ...b.services].map((s) => [s.id, s.name]));
  const compare = <T extends Service | Edge>(
    element: 'service' | 'edge',
    left: T[],
    right: T[],
    name: (x: T) => string,
  ) => {
    const before = new Map(left.map((x) => [x.id, x]));
    const after = new Map(right.map((x) => [x.id, x]));
    for (const x of right) {
      const was = before.get(x.id);
      if (!was) out.push({ id: x.id, element, change: 'added', name: name(x), what: '' });
      else if (JSON.stringify(fields(was)) !== JSON.stringify(fields(x)))
        out.push({ id: x.id, element, change: 'changed', name: name(x), what: describe(was, x) });
    }
    for (const x of left)
      if (!after.has(x.id)) out.push({ id: x.id, element, change: 'removed', name: name(x), what: '' });
  };
  compare('service', a.services, b.services, (s) => s.name);
  compare('edge', a.edges, b.edges, (e) => edgeName(e, names));
  return out;
}
