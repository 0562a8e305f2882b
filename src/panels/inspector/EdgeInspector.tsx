import { EDGE_KIND_INFO } from '../../model/defaults';
import { replaceEdge } from '../../model/edits';
import type { ReactNode } from 'react';
import {
  EDGE_KINDS,
  QueueEdge,
  SagaEdge,
  SyncEdge,
  TopicEdge,
  type Edge,
  type EdgeKind,
} from '../../model/schema';
import { useAppStore } from '../../store';
import { CompareAs } from '../compare/CompareAs';
import { NumberField, Section, SelectField, TextField, ToggleField } from './fields';
import { EdgeLiveFaults } from './LiveFaults';
import { useEntityEdit } from './useEntityEdit';

/** Every property of one edge, by kind, validated as you type. */
export function EdgeInspector({ edge }: { edge: Edge }) {
  const services = useAppStore((s) => s.diagram.services);
  const name = (id: string) => services.find((s) => s.id === id)?.name ?? id;
  return (
    <div data-testid="inspector-edge">
      <Section title="Edge">
        <p className="insp-route">
          {name(edge.from)} <span aria-hidden="true">→</span> {name(edge.to)}
        </p>
        <SelectField
          label="Kind"
          value={edge.kind}
          options={EDGE_KINDS.map((k) => ({ value: k, label: EDGE_KIND_INFO[k].label }))}
          onCommit={(k) => {
            useAppStore.getState().changeEdgeKind(edge.id, k);
            return null;
          }}
          testId="field-edge-kind"
        />
        <CompareAs edge={edge} />
      </Section>
      <KindFields edge={edge} />
      <EdgeLiveFaults edgeId={edge.id} />
    </div>
  );
}

/** The inspector's fields for each edge kind: a kind missing here is a compile error. */
const KIND_FIELDS = {
  sync: SyncFields,
  queue: QueueFields,
  topic: TopicFields,
  saga: SagaFields,
} satisfies { [K in EdgeKind]: (props: { edge: Extract<Edge, { kind: K }> }) => ReactNode };

/** The fields of `edge`'s own kind. */
function KindFields({ edge }: { edge: Edge }) {
  // The registry's type pairs each kind with its fields, which TypeScript can't follow through an index.
  const Fields = KIND_FIELDS[edge.kind] as (props: { edge: Edge }) => ReactNode;
  return <Fields edge={edge} />;
}

function Common<T extends Edge>({ edge, field }: { edge: T; field: ReturnType<typeof useEntityEdit<T>> }) {
  return (
    <>
      <TextField label="Message" value={edge.message} onCommit={field('message')} testId="field-message" />
      <NumberField
        label="Network latency"
        unit="ms one way"
        value={edge.latencyMs}
        onCommit={field('latencyMs')}
        testId="field-edge-latency"
      />
      <TextField
        label="Triggered by"
        value={edge.triggers.join(', ')}
        hint="Incoming message names that make the source use this edge, comma-separated. Empty: every request."
        onCommit={(v) =>
          field('triggers')(
            v
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
          )
        }
        testId="field-triggers"
      />
    </>
  );
}

function SyncFields({ edge }: { edge: SyncEdge }) {
  const field = useEntityEdit(SyncEdge, edge, replaceEdge, 'Edit edge');
  return (
    <>
      <Section title="Request / reply">
        <Common edge={edge} field={field} />
        <SelectField
          label="Protocol"
          value={edge.protocol}
          options={[
            { value: 'rest', label: 'REST (JSON)' },
            { value: 'grpc', label: 'gRPC (Protobuf)' },
          ]}
          onCommit={field('protocol')}
          testId="field-protocol"
        />
        <NumberField
          label="Timeout"
          unit="ms"
          value={edge.timeoutMs}
          onCommit={field('timeoutMs')}
          testId="field-timeout"
        />
      </Section>
      <Section title="Retries">
        <NumberField
          label="Retries"
          unit="after the first try"
          value={edge.retries}
          onCommit={field('retries')}
          testId="field-retries"
        />
        <div className="row2">
          <NumberField
            label="Backoff base"
            unit="ms"
            value={edge.backoff.baseMs}
            onCommit={field('backoff', 'baseMs')}
          />
          <NumberField
            label="Factor"
            unit="×"
            value={edge.backoff.factor}
            onCommit={field('backoff', 'factor')}
          />
        </div>
        <div className="row2">
          <NumberField
            label="Backoff cap"
            unit="ms"
            value={edge.backoff.maxMs}
            onCommit={field('backoff', 'maxMs')}
          />
          <NumberField
            label="Jitter"
            unit="%"
            scale={100}
            value={edge.backoff.jitter}
            onCommit={field('backoff', 'jitter')}
          />
        </div>
      </Section>
      <Section title="Circuit breaker">
        <ToggleField
          label="Enabled"
          checked={edge.breaker.enabled}
          onCommit={field('breaker', 'enabled')}
          testId="field-breaker"
        />
        {edge.breaker.enabled && (
          <div className="row2">
            <NumberField
              label="Opens after"
              unit="failures"
              value={edge.breaker.threshold}
              onCommit={field('breaker', 'threshold')}
            />
            <NumberField
              label="Stays open"
              unit="ms"
              value={edge.breaker.openMs}
              onCommit={field('breaker', 'openMs')}
            />
          </div>
        )}
      </Section>
    </>
  );
}

function QueueFields({ edge }: { edge: QueueEdge }) {
  const field = useEntityEdit(QueueEdge, edge, replaceEdge, 'Edit edge');
  return (
    <Section title="Queue">
      <TextField
        label="Channel"
        value={edge.channel}
        onCommit={field('channel')}
        hint="Edges with the same channel share one queue; their consumers compete."
        testId="field-channel"
      />
      <Common edge={edge} field={field} />
      <SelectField
        label="Delivery"
        value={edge.delivery}
        options={['at-least-once', 'at-most-once'] as const}
        onCommit={field('delivery')}
        testId="field-delivery"
      />
      <div className="row2">
        <NumberField label="Max deliveries" value={edge.maxDeliveries} onCommit={field('maxDeliveries')} />
        <NumberField
          label="Lost acks"
          unit="%"
          scale={100}
          value={edge.ackLossRate}
          onCommit={field('ackLossRate')}
        />
      </div>
      <ToggleField
        label="Durable"
        checked={edge.durable}
        onCommit={field('durable')}
        hint="Keeps messages while consumers are down."
      />
      <ToggleField label="Dead-letter queue" checked={edge.deadLetter} onCommit={field('deadLetter')} />
      <TextField
        label="Reply channel"
        value={edge.replyChannel}
        onCommit={field('replyChannel')}
        hint="For async request-reply (matched by correlation id). Empty: no reply."
      />
    </Section>
  );
}

function TopicFields({ edge }: { edge: TopicEdge }) {
  const field = useEntityEdit(TopicEdge, edge, replaceEdge, 'Edit edge');
  return (
    <Section title="Topic">
      <TextField
        label="Topic"
        value={edge.topic}
        onCommit={field('topic')}
        hint="Edges with the same topic are one topic: every subscriber gets a copy."
        testId="field-topic"
      />
      <Common edge={edge} field={field} />
      <ToggleField
        label="Durable subscription"
        checked={edge.durable}
        onCommit={field('durable')}
        hint="Keeps copies while the subscriber is down; otherwise they are dropped."
      />
    </Section>
  );
}

function SagaFields({ edge }: { edge: SagaEdge }) {
  const field = useEntityEdit(SagaEdge, edge, replaceEdge, 'Edit edge');
  return (
    <Section title="Saga step">
      <div className="row2">
        <TextField label="Saga" value={edge.saga} onCommit={field('saga')} testId="field-saga" />
        <NumberField label="Step" value={edge.step} onCommit={field('step')} testId="field-step" />
      </div>
      <div className="field__hint">Steps of one saga with the same number run in parallel.</div>
      <TextField label="Action" value={edge.action} onCommit={field('action')} />
      <TextField
        label="Compensation"
        value={edge.compensation}
        onCommit={field('compensation')}
        hint="Runs if a later or parallel step fails; what was done is undone newest first."
      />
      <Common edge={edge} field={field} />
    </Section>
  );
}
