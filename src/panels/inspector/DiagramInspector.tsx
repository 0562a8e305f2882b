import { allIds, uniqueId } from '../../model/defaults';
import { FAULT_KIND_INFO } from '../../model/faultKinds';
import { Fault, FAULT_KINDS, RunSettings, type Diagram, type FaultKind } from '../../model/schema';
import { useAppStore } from '../../store';
import { Advisor } from '../Advisor';
import { BreakpointList } from './BreakpointList';
import { setAt, NumberField, Section, SelectField, TextField, type Commit } from './fields';

/** With nothing selected: the diagram's name, run settings, fault script and breakpoints. */
export function DiagramInspector({ diagram: d }: { diagram: Diagram }) {
  const edit = useAppStore((s) => s.edit);
  const run: (path: string[]) => Commit<number> = (path) => (v) => {
    const parsed = RunSettings.safeParse(setAt(d.run, path, v));
    if (!parsed.success) return parsed.error.issues[0]?.message ?? 'invalid';
    edit('Edit run settings', (x) => ({ ...x, run: parsed.data }), `run:${path.join('.')}`);
    return null;
  };
  return (
    <div data-testid="inspector-diagram">
      <Section title="Diagram">
        <TextField
          label="Name"
          value={d.name}
          testId="field-diagram-name"
          onCommit={(v) =>
            v.length > 80
              ? 'must be at most 80 characters'
              : (edit('Rename diagram', (x) => ({ ...x, name: v }), 'diagram:name'), null)
          }
        />
        <TextField
          label="Description"
          multiline
          value={d.description}
          onCommit={(v) =>
            v.length > 4000
              ? 'too long'
              : (edit('Edit description', (x) => ({ ...x, description: v }), 'diagram:desc'), null)
          }
        />
        <p className="insp-stats">
          {d.services.length} services · {d.edges.length} edges · {d.notes.length} notes
        </p>
      </Section>
      <Section title="Advisor">
        <Advisor />
      </Section>
      <Section title="Run">
        <div className="row2">
          <NumberField label="Seed" value={d.run.seed} onCommit={run(['seed'])} testId="field-seed" />
          <NumberField label="Default speed" unit="×" value={d.run.speed} onCommit={run(['speed'])} />
        </div>
        <div className="row2">
          <NumberField label="Run length" unit="ms" value={d.run.untilMs} onCommit={run(['untilMs'])} />
          <NumberField label="Hop limit" value={d.run.hopLimit} onCommit={run(['hopLimit'])} />
        </div>
        <div className="row2">
          <NumberField
            label="REST cost"
            unit="ms/call"
            value={d.run.serializationMs.rest}
            onCommit={run(['serializationMs', 'rest'])}
          />
          <NumberField
            label="gRPC cost"
            unit="ms/call"
            value={d.run.serializationMs.grpc}
            onCommit={run(['serializationMs', 'grpc'])}
          />
        </div>
      </Section>
      <FaultScript diagram={d} />
      <BreakpointList diagram={d} />
    </div>
  );
}

function FaultScript({ diagram: d }: { diagram: Diagram }) {
  const edit = useAppStore((s) => s.edit);
  const targets = (kind: FaultKind) =>
    FAULT_KIND_INFO[kind].target === 'edge'
      ? d.edges.map((e) => ({ value: e.id, label: `${e.kind}: ${e.message || e.id}` }))
      : d.services.map((s) => ({ value: s.id, label: s.name }));
  const add = () => {
    const target = d.services.find((s) => s.kind !== 'client')?.id ?? d.services[0]?.id;
    if (!target) return;
    const f = Fault.parse({
      id: uniqueId('f', allIds(d)),
      kind: 'down',
      target,
      atMs: 5000,
      durationMs: 5000,
    });
    edit('Add fault', (x) => ({ ...x, faults: [...x.faults, f] }));
  };
  const update = (i: number, patch: Partial<Fault>): string | null => {
    const cur = d.faults[i]!;
    let next = { ...cur, ...patch };
    if (patch.kind && FAULT_KIND_INFO[patch.kind].target !== FAULT_KIND_INFO[cur.kind].target)
      next = { ...next, target: targets(patch.kind)[0]?.value ?? '' };
    const parsed = Fault.safeParse(next);
    if (!parsed.success) return parsed.error.issues[0]?.message ?? 'invalid';
    edit(
      'Edit fault',
      (x) => ({ ...x, faults: x.faults.map((f, j) => (j === i ? parsed.data : f)) }),
      `fault:${cur.id}:${Object.keys(patch).join()}`,
    );
    return null;
  };
  return (
    <Section title="Fault script">
      {d.faults.length === 0 && (
        <p className="muted">
          No scripted faults. Add one, or inject faults live during a run (right-click a service or edge).
        </p>
      )}
      <ol className="faults" data-testid="fault-list">
        {d.faults.map((f, i) => (
          <li key={f.id} className="fault">
            <div className="row2">
              <SelectField
                label="Fault"
                value={f.kind}
                options={FAULT_KINDS.map((k) => ({ value: k, label: FAULT_KIND_INFO[k].label }))}
                onCommit={(k) => update(i, { kind: k })}
              />
              <SelectField
                label="Target"
                value={f.target}
                options={targets(f.kind)}
                onCommit={(t) => update(i, { target: t })}
              />
            </div>
            <div className="row2">
              <NumberField label="At" unit="ms" value={f.atMs} onCommit={(v) => update(i, { atMs: v })} />
              <NumberField
                label="For"
                unit="ms"
                hint="0: until the end"
                value={f.durationMs}
                onCommit={(v) => update(i, { durationMs: v })}
              />
            </div>
            {FAULT_KIND_INFO[f.kind].numbers.map((n) => (
              <NumberField
                key={n.key}
                label={n.label}
                unit={n.unit}
                scale={n.scale}
                value={f[n.key]}
                onCommit={(v) => update(i, { [n.key]: v })}
              />
            ))}
            <button
              className="btn btn--ghost btn--small"
              onClick={() =>
                edit('Remove fault', (x) => ({ ...x, faults: x.faults.filter((_, j) => j !== i) }))
              }
            >
              Remove {f.source === 'live' ? '(recorded live)' : ''}
            </button>
          </li>
        ))}
      </ol>
      <button
        className="btn btn--small"
        onClick={add}
        disabled={d.services.length === 0}
        data-testid="add-fault"
      >
        + Add fault
      </button>
    </Section>
  );
}
