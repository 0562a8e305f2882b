import { breakpointTargets, describeBreakpoint, makeBreakpoint } from '../../model/breakpointEdits';
import { BREAKPOINT_KIND_INFO } from '../../model/breakpointKinds';
import { Breakpoint, BREAKPOINT_KINDS, type BreakpointKind, type Diagram } from '../../model/schema';
import { useAppStore } from '../../store';
import { NumberField, Section, SelectField } from './fields';

const ANY = '';

/**
 * The diagram's breakpoints (issue 13): each on or off, its kind, what it watches and its number.
 * They are part of the diagram (its file and link) but never change the run, only where it pauses.
 */
export function BreakpointList({ diagram: d }: { diagram: Diagram }) {
  const add = useAppStore((s) => s.addBreakpoint);
  const update = useAppStore((s) => s.updateBreakpoint);
  const remove = useAppStore((s) => s.removeBreakpoint);
  const change = (b: Breakpoint, patch: Partial<Breakpoint>): string | null => {
    const parsed = Breakpoint.safeParse({ ...b, ...patch });
    if (!parsed.success) return parsed.error.issues[0]?.message ?? 'invalid';
    update(b.id, patch);
    return null;
  };
  const changeKind = (b: Breakpoint, kind: BreakpointKind) => {
    const sameTarget = BREAKPOINT_KIND_INFO[kind].target === BREAKPOINT_KIND_INFO[b.kind].target;
    return change(b, {
      kind,
      target: sameTarget ? b.target : ANY,
      value: BREAKPOINT_KIND_INFO[kind].value?.fallback ?? 0,
    });
  };
  return (
    <Section title="Breakpoints">
      {d.breakpoints.length === 0 && (
        <p className="muted">
          None. A breakpoint pauses the run at the event that hits it: a circuit opening, a dead letter, a
          saga compensating… (or select an edge or client and press B).
        </p>
      )}
      <ol className="faults" data-testid="breakpoint-list" aria-label="Breakpoints">
        {d.breakpoints.map((b) => {
          const info = BREAKPOINT_KIND_INFO[b.kind];
          const targets = breakpointTargets(d, b.kind);
          const known = b.target === ANY || targets.some((t) => t.value === b.target);
          return (
            <li key={b.id} className="fault breakpoint" data-testid={`breakpoint-${b.id}`}>
              <label className="breakpoint__toggle">
                <input
                  type="checkbox"
                  checked={b.enabled}
                  onChange={(e) => change(b, { enabled: e.target.checked })}
                />
                <span>{describeBreakpoint(d, b)}</span>
              </label>
              {/* Stacked, not side by side: kind labels and edge names are too long for half the inspector. */}
              <div>
                <SelectField
                  label="Pause when"
                  value={b.kind}
                  options={BREAKPOINT_KINDS.map((k) => ({ value: k, label: BREAKPOINT_KIND_INFO[k].label }))}
                  onCommit={(k) => changeKind(b, k)}
                />
                {info.target !== 'none' ? (
                  <SelectField
                    label="On"
                    value={b.target}
                    options={[
                      { value: ANY, label: 'Any' },
                      ...(known ? [] : [{ value: b.target, label: `${b.target} (missing)` }]),
                      ...targets,
                    ]}
                    onCommit={(t) => change(b, { target: t })}
                  />
                ) : null}
              </div>
              {info.value ? (
                <NumberField
                  label={info.value.label}
                  unit={info.value.unit}
                  value={b.value}
                  onCommit={(v) =>
                    info.value?.whole && !Number.isInteger(v)
                      ? 'must be a whole number'
                      : change(b, { value: v })
                  }
                />
              ) : null}
              <button
                className="btn btn--ghost btn--small"
                onClick={() => remove(b.id)}
                aria-label={`Remove breakpoint: ${describeBreakpoint(d, b)}`}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <button
        className="btn btn--small"
        onClick={() => add(makeBreakpoint(d, 'circuit-open'))}
        data-testid="add-breakpoint"
      >
        + Add breakpoint
      </button>
    </Section>
  );
}
