import { changeEdgeKind } from '../../model/edits';
import './comparison.css';
import type { Edge, EdgeKind } from '../../model/schema';
import { useAppStore } from '../../store';

/** The kinds an edge can be compared as: the three ways of calling (a saga step needs a saga around it). */
const COMPARABLE_KINDS: EdgeKind[] = ['sync', 'queue', 'topic'];

/** Starts a comparison whose variant B has `edgeId` as `kind` (B's first, undoable edit). */
export function compareEdgeAs(edgeId: string, kind: EdgeKind): void {
  useAppStore.getState().startComparison((d) => changeEdgeKind(d, edgeId, kind), `Make ${kind}`);
}

/** "Compare as queue / topic / sync": the edge inspector's way into a comparison of this one change. */
export function CompareAs({ edge }: { edge: Edge }) {
  const kinds = COMPARABLE_KINDS.filter((k) => k !== edge.kind);
  return (
    <div className="compare-as" role="group" aria-label="Compare this edge as another kind">
      <span className="compare-as__label">Compare as</span>
      {kinds.map((k) => (
        <button
          key={k}
          className="btn btn--small"
          aria-label={`Compare as ${k}`}
          title={`Make a variant B where this edge is ${k}, and compare it with this diagram under the same load and faults`}
          onClick={() => compareEdgeAs(edge.id, k)}
        >
          {k}
        </button>
      ))}
    </div>
  );
}
