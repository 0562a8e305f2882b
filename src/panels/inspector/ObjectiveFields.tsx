import { replaceService } from '../../model/edits';
import { Objective, OBJECTIVE_PERCENTILES, type Service } from '../../model/schema';
import { useAppStore } from '../../store';
import { NumberField, Section, SelectField, ToggleField } from './fields';

/** What a new objective starts as: the issue's example, p99 ≤ 300 ms and 99.5 % success over 10 s. */
const NEW_OBJECTIVE: Objective = Objective.parse({ latencyMs: 300, success: 0.995 });

/** Writes `next` as the client's objective (undefined removes it), as one undoable edit. */
function setObjective(service: Service, next: Objective | undefined, label: string, key: string) {
  const { objective: _old, ...rest } = service;
  const updated: Service = next ? { ...rest, objective: next } : rest;
  useAppStore.getState().edit(label, (d) => replaceService(d, updated), `${service.id}:objective.${key}`);
}

/**
 * A client's service-level objective: on or off, and each target (a latency percentile, a success
 * share) on or off with its value, validated by the schema as typed (negative, over 100 %, absurdly
 * large values get the schema's message and never reach the diagram).
 */
export function ObjectiveFields({ service: s }: { service: Service }) {
  const o = s.objective;
  /** Commit for one objective field: validated against the Objective schema, then one edit. */
  const commit =
    <K extends keyof Objective>(key: K) =>
    (value: Objective[K]): string | null => {
      if (!o) return null;
      const parsed = Objective.safeParse({ ...o, [key]: value });
      if (!parsed.success) return parsed.error.issues[0]?.message ?? 'invalid value';
      setObjective(s, parsed.data, 'Edit objective', key);
      return null;
    };
  /** Turns one target on (with its starting value) or off. */
  const target = (key: 'latencyMs' | 'success') => (on: boolean) => {
    if (!o) return null;
    const { [key]: _old, ...rest } = o;
    setObjective(s, on ? { ...o, [key]: NEW_OBJECTIVE[key] } : rest, 'Edit objective', key);
    return null;
  };
  return (
    <Section title="Objective">
      <ToggleField
        label="Service-level objective"
        checked={!!o}
        onCommit={(on) => (setObjective(s, on ? NEW_OBJECTIVE : undefined, 'Edit objective', 'on'), null)}
        hint={
          o
            ? 'Judged in back-to-back windows of simulated time; the card and the run report show met or missed.'
            : 'No objective: nothing is judged. Turn it on to check latency and success per window.'
        }
        testId="field-objective"
      />
      {o && (
        <>
          <NumberField
            label="Window"
            unit="ms"
            value={o.windowMs}
            onCommit={commit('windowMs')}
            testId="field-objective-window"
          />
          <ToggleField
            label="Latency target"
            checked={o.latencyMs !== undefined}
            onCommit={target('latencyMs')}
            testId="field-objective-latency-on"
          />
          {o.latencyMs !== undefined && (
            <div className="row2">
              <SelectField
                label="Percentile"
                value={o.percentile}
                options={OBJECTIVE_PERCENTILES}
                onCommit={commit('percentile')}
                testId="field-objective-percentile"
              />
              <NumberField
                label="At most"
                unit="ms"
                value={o.latencyMs}
                onCommit={commit('latencyMs')}
                testId="field-objective-latency"
              />
            </div>
          )}
          <ToggleField
            label="Success target"
            checked={o.success !== undefined}
            onCommit={target('success')}
            testId="field-objective-success-on"
          />
          {o.success !== undefined && (
            <NumberField
              label="Succeeded at least"
              unit="%"
              scale={100}
              value={o.success}
              onCommit={commit('success')}
              testId="field-objective-success"
            />
          )}
          {o.latencyMs === undefined && o.success === undefined && (
            <p className="field__hint" data-testid="objective-empty">
              Neither target is on, so this objective checks nothing.
            </p>
          )}
        </>
      )}
    </Section>
  );
}
