import { useId } from 'react';
import type { Diagram, Service } from '../../model/schema';
import type { CapacityEstimate } from '../../runtime/index';
import type { CheckedForm, LoadTestForm as FormValues } from './settings';
import { formatRate } from './summary';

/** The settings of a load test: which client, the range (percent of its capacity), points, seeds, duration. */
export function LoadTestForm(props: {
  clients: readonly Service[];
  clientId: string;
  onClient: (id: string) => void;
  capacity: CapacityEstimate | null;
  diagram: Diagram;
  form: FormValues;
  onForm: (form: FormValues) => void;
  /** Run every point with the diagram's fault script (off: the design unharmed). */
  keepFaults: boolean;
  onKeepFaults: (keep: boolean) => void;
  checked: CheckedForm;
  running: boolean;
  onRun: () => void;
  onCancel: () => void;
}) {
  const { form, checked, capacity } = props;
  const errors = checked.ok ? {} : checked.errors;
  const clientField = useId();
  const limitedBy = props.diagram.services.find((s) => s.id === capacity?.limitedBy)?.name;
  const field = (key: keyof FormValues, label: string, unit: string, testId: string) => (
    <NumberInput
      label={label}
      unit={unit}
      value={form[key]}
      error={errors[key]}
      disabled={props.running}
      onChange={(value) => props.onForm({ ...form, [key]: value })}
      testId={testId}
    />
  );
  return (
    <form
      className="lt-form"
      aria-label="Load test settings"
      onSubmit={(event) => {
        event.preventDefault();
        props.onRun();
      }}
    >
      <div className="lt-form__row">
        <div className="field">
          <label htmlFor={clientField}>Client</label>
          <select
            id={clientField}
            value={props.clientId}
            disabled={props.running}
            onChange={(e) => props.onClient(e.target.value)}
            data-testid="loadtest-client"
          >
            {props.clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <p className="lt-form__capacity" data-testid="loadtest-capacity">
          {capacity && Number.isFinite(capacity.ratePerSecond)
            ? `Estimated capacity ${formatRate(capacity.ratePerSecond)}: ${limitedBy ?? capacity.limitedBy} saturates first.`
            : 'No capacity could be estimated: nothing this client reaches takes time.'}
        </p>
      </div>
      <div className="lt-form__row">
        {field('fromPercent', 'From', '% of capacity', 'loadtest-from')}
        {field('toPercent', 'To', '% of capacity', 'loadtest-to')}
        {field('points', 'Points', 'loads', 'loadtest-points')}
        {field('seeds', 'Seeds', 'per load', 'loadtest-seeds')}
        {field('durationSeconds', 'Duration', 's per run', 'loadtest-duration')}
      </div>
      <FaultSwitch
        faults={props.diagram.faults.length}
        keep={props.keepFaults}
        onKeep={props.onKeepFaults}
        disabled={props.running}
      />
      <div className="lt-form__actions">
        {checked.ok && (
          <span className="muted" data-testid="loadtest-plan">
            {checked.rates.length} loads from {formatRate(checked.rates[0]!)} to{' '}
            {formatRate(checked.rates[checked.rates.length - 1]!)}, {checked.rates.length * checked.seeds}{' '}
            runs
          </span>
        )}
        {/* Two elements, never one that changes type: a click on Cancel that turned the same button
            into the submit one would start a new load test as the click's default action. */}
        {props.running && (
          <button key="cancel" type="button" className="btn" onClick={props.onCancel}>
            Cancel
          </button>
        )}
        <button key="run" type="submit" className="btn btn--primary" disabled={!checked.ok || props.running}>
          Run load test
        </button>
      </div>
    </form>
  );
}

/** "Keep the fault script": whether each run of the sweep suffers the diagram's faults. */
function FaultSwitch(props: {
  faults: number;
  keep: boolean;
  onKeep: (keep: boolean) => void;
  disabled: boolean;
}) {
  const hint = `${props.keep ? 'faults-on' : 'faults-off'}`;
  const id = useId();
  const none = props.faults === 0;
  return (
    <div className="lt-form__row lt-switch">
      <label>
        <input
          type="checkbox"
          checked={props.keep && !none}
          disabled={props.disabled || none}
          aria-describedby={id}
          onChange={(e) => props.onKeep(e.target.checked)}
          data-testid="loadtest-faults"
        />{' '}
        Keep the fault script
      </label>
      <span id={id} className="muted" data-testid={`loadtest-${hint}`}>
        {none
          ? 'The diagram has no fault script: every run is unharmed.'
          : props.keep
            ? `Every run suffers the script's ${props.faults === 1 ? 'fault' : `${props.faults} faults`} at their times.`
            : `Off: the script's ${props.faults === 1 ? 'fault is' : `${props.faults} faults are`} left out, so the curve measures the design unharmed.`}
      </span>
    </div>
  );
}

function NumberInput(props: {
  label: string;
  unit: string;
  value: string;
  error?: string;
  disabled: boolean;
  onChange: (value: string) => void;
  testId: string;
}) {
  const id = useId();
  const message = `${id}-message`;
  return (
    <div className={`field lt-field${props.error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {props.label} <span className="muted">({props.unit})</span>
      </label>
      <input
        id={id}
        inputMode="decimal"
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? message : undefined}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
      />
      {props.error && (
        <div id={message} className="field__error" role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}
