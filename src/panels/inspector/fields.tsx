import { useEffect, useId, useState, type ReactNode } from 'react';

export { Section } from './Section';

/** Sets `value` at `path` in a copy of `obj` (plain objects only). */
export function setAt<T>(obj: T, path: readonly (string | number)[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const base = (Array.isArray(obj) ? [...obj] : { ...(obj as object) }) as Record<string | number, unknown>;
  base[head!] = setAt(base[head!], rest, value);
  return base as T;
}

interface FieldShell {
  label: string;
  hint?: string;
  error?: string | null;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}

function Shell({ label, hint, error, children }: FieldShell) {
  const id = useId();
  const msg = `${id}-msg`;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, error || hint ? msg : undefined)}
      {error ? (
        <div id={msg} className="field__error" role="alert">
          {error}
        </div>
      ) : hint ? (
        <div id={msg} className="field__hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

/** Returns an error message, or null when the value may be committed. */
export type Commit<T> = (value: T) => string | null;

export function TextField(props: {
  label: string;
  value: string;
  onCommit: Commit<string>;
  hint?: string;
  testId?: string;
  multiline?: boolean;
}) {
  const [text, setText] = useState(props.value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(props.value), [props.value]);
  const change = (v: string) => {
    setText(v);
    setError(props.onCommit(v));
  };
  return (
    <Shell label={props.label} hint={props.hint} error={error}>
      {(id, d) =>
        props.multiline ? (
          <textarea
            id={id}
            aria-describedby={d}
            value={text}
            data-testid={props.testId}
            onChange={(e) => change(e.target.value)}
            rows={3}
          />
        ) : (
          <input
            id={id}
            aria-describedby={d}
            value={text}
            data-testid={props.testId}
            onChange={(e) => change(e.target.value)}
            aria-invalid={!!error}
          />
        )
      }
    </Shell>
  );
}

/**
 * A number with its unit. What is typed stays on screen while it is invalid (with the reason);
 * only valid values reach the diagram. `scale` shows fractions as percentages.
 */
export function NumberField(props: {
  label: string;
  value: number;
  unit?: string;
  scale?: number;
  step?: number;
  onCommit: Commit<number>;
  hint?: string;
  testId?: string;
}) {
  const scale = props.scale ?? 1;
  const shown = (v: number) => String(+(v * scale).toFixed(6));
  const [text, setText] = useState(shown(props.value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(shown(props.value));
    setError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value]);
  const change = (v: string) => {
    setText(v);
    const n = Number(v.replace(',', '.'));
    if (v.trim() === '' || !Number.isFinite(n)) {
      setError('must be a number');
      return;
    }
    const problem = props.onCommit(n / scale);
    setError(problem && scale !== 1 ? inDisplayedUnits(problem, scale, props.unit) : problem);
  };
  return (
    <Shell label={props.label} hint={props.hint} error={error}>
      {(id, d) => (
        <div className="num">
          <input
            id={id}
            aria-describedby={d}
            inputMode="decimal"
            value={text}
            data-testid={props.testId}
            aria-invalid={!!error}
            onChange={(e) => change(e.target.value)}
            onBlur={() => {
              if (error) {
                setText(shown(props.value));
                setError(null);
              }
            }}
          />
          {props.unit && <span className="num__unit">{props.unit}</span>}
        </div>
      )}
    </Shell>
  );
}

/** Restates the limits in a validation message in the units the field shows ("0 and 1" → "0 % and 100 %"). */
function inDisplayedUnits(message: string, scale: number, unit = ''): string {
  return message.replace(
    /-?\d+(\.\d+)?/g,
    (n) => `${+(Number(n) * scale).toFixed(6)}${unit ? ` ${unit}` : ''}`,
  );
}

export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: readonly T[] | readonly { value: T; label: string }[];
  onCommit: Commit<T>;
  testId?: string;
}) {
  const opts = props.options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
  return (
    <Shell label={props.label}>
      {(id) => (
        <select
          id={id}
          value={props.value}
          data-testid={props.testId}
          onChange={(e) => props.onCommit(e.target.value as T)}
        >
          {opts.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Shell>
  );
}

export function ToggleField(props: {
  label: string;
  checked: boolean;
  onCommit: Commit<boolean>;
  hint?: string;
  testId?: string;
}) {
  const id = useId();
  return (
    <div className="field field--toggle">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        data-testid={props.testId}
        onChange={(e) => props.onCommit(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint && <div className="field__hint">{props.hint}</div>}
    </div>
  );
}
