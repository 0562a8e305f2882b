import { replaceService } from '../../model/edits';
import { LATENCY_DISTS, SERVICE_KINDS, Service, TRAFFIC_PATTERNS, type Latency } from '../../model/schema';
import { defaultLatency, SERVICE_KIND_INFO } from '../../model/defaults';
import { useAppStore } from '../../store';
import { NumberField, Section, SelectField, TextField, ToggleField } from './fields';
import { Connections } from './Connections';
import { ObjectiveFields } from './ObjectiveFields';
import { ServiceLiveFaults } from './LiveFaults';
import { useEntityEdit } from './useEntityEdit';

const DIST_LABEL: Record<Latency['dist'], string> = {
  fixed: 'Fixed',
  uniform: 'Uniform',
  normal: 'Normal',
  exponential: 'Exponential',
  lognormal: 'Log-normal',
};

/** Every property of one service, validated as you type. */
export function ServiceInspector({ service: s }: { service: Service }) {
  const field = useEntityEdit(Service, s, replaceService, 'Edit service');
  const l = s.latency;
  return (
    <div data-testid="inspector-service">
      <Section title="Service">
        <TextField label="Name" value={s.name} onCommit={field('name')} testId="field-name" />
        <SelectField
          label="Kind"
          value={s.kind}
          options={SERVICE_KINDS.map((k) => ({ value: k, label: SERVICE_KIND_INFO[k].label }))}
          onCommit={field('kind')}
          testId="field-kind"
        />
      </Section>
      {s.kind === 'client' && (
        <Section title="Traffic">
          <SelectField
            label="Pattern"
            value={s.traffic.pattern}
            options={TRAFFIC_PATTERNS}
            onCommit={field('traffic', 'pattern')}
            testId="field-pattern"
          />
          <NumberField
            label="Rate"
            unit="per second"
            value={s.traffic.rate}
            onCommit={field('traffic', 'rate')}
            testId="field-rate"
          />
          <button
            type="button"
            className="btn insp-loadtest"
            onClick={() => useAppStore.getState().openLoadTest(s.id)}
            title="Sweep this client's rate to find where the design breaks"
          >
            Load test
          </button>
          {s.traffic.pattern === 'bursts' && (
            <>
              <NumberField
                label="Burst size"
                unit="requests"
                value={s.traffic.burstSize}
                onCommit={field('traffic', 'burstSize')}
              />
              <NumberField
                label="Burst every"
                unit="ms"
                value={s.traffic.burstEveryMs}
                onCommit={field('traffic', 'burstEveryMs')}
              />
            </>
          )}
        </Section>
      )}
      {s.kind === 'client' && <ObjectiveFields service={s} />}
      <Section title="Capacity">
        <div className="row2">
          <NumberField
            label="Replicas"
            value={s.replicas}
            onCommit={field('replicas')}
            testId="field-replicas"
          />
          <NumberField
            label="Concurrency"
            unit="per replica"
            value={s.concurrency}
            onCommit={field('concurrency')}
            testId="field-concurrency"
          />
        </div>
      </Section>
      <Section title="Latency">
        <SelectField
          label="Distribution"
          value={l.dist}
          options={LATENCY_DISTS.map((d) => ({ value: d, label: DIST_LABEL[d] }))}
          onCommit={(dist) => field('latency')(defaultLatency(dist))}
          testId="field-dist"
        />
        <div className="row2">
          {l.dist === 'fixed' && (
            <NumberField
              label="Time"
              unit="ms"
              value={l.ms}
              onCommit={field('latency', 'ms')}
              testId="field-latency"
            />
          )}
          {l.dist === 'uniform' && (
            <>
              <NumberField label="Min" unit="ms" value={l.min} onCommit={field('latency', 'min')} />
              <NumberField label="Max" unit="ms" value={l.max} onCommit={field('latency', 'max')} />
            </>
          )}
          {l.dist === 'normal' && (
            <>
              <NumberField
                label="Mean"
                unit="ms"
                value={l.mean}
                onCommit={field('latency', 'mean')}
                testId="field-latency"
              />
              <NumberField label="Std dev" unit="ms" value={l.sd} onCommit={field('latency', 'sd')} />
            </>
          )}
          {l.dist === 'exponential' && (
            <NumberField
              label="Mean"
              unit="ms"
              value={l.mean}
              onCommit={field('latency', 'mean')}
              testId="field-latency"
            />
          )}
          {l.dist === 'lognormal' && (
            <>
              <NumberField
                label="Median"
                unit="ms"
                value={l.median}
                onCommit={field('latency', 'median')}
                testId="field-latency"
              />
              <NumberField label="Sigma" value={l.sigma} step={0.1} onCommit={field('latency', 'sigma')} />
            </>
          )}
        </div>
      </Section>
      <Section title="Reliability">
        <NumberField
          label="Error rate"
          unit="%"
          scale={100}
          value={s.errorRate}
          onCommit={field('errorRate')}
          testId="field-error-rate"
        />
        <ToggleField
          label="Idempotent"
          checked={s.idempotent}
          onCommit={field('idempotent')}
          hint="Repeating a message has no extra effect, so retries and redeliveries are safe."
          testId="field-idempotent"
        />
      </Section>
      <Connections service={s} />
      <ServiceLiveFaults serviceId={s.id} />
      <button className="btn btn--ghost" onClick={() => useAppStore.getState().setRenaming(s.id)}>
        Rename on canvas
      </button>
    </div>
  );
}
