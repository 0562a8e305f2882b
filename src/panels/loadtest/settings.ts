import {
  checkRates,
  DEFAULT_FROM_PERCENT,
  DEFAULT_POINTS,
  DEFAULT_SEEDS,
  DEFAULT_SWEEP_DURATION_MS,
  DEFAULT_TO_PERCENT,
  MAX_POINTS,
  ratesFromPercent,
} from '../../runtime/index';

/** The Load test form as typed: text, so a half-typed value is kept and told about, never lost. */
export interface LoadTestForm {
  fromPercent: string;
  toPercent: string;
  points: string;
  seeds: string;
  durationSeconds: string;
}

/** The form's defaults: 15 points from 10 % to 150 % of the estimated capacity, 3 seeds, 60 s each. */
export const DEFAULT_FORM: LoadTestForm = {
  fromPercent: String(DEFAULT_FROM_PERCENT),
  toPercent: String(DEFAULT_TO_PERCENT),
  points: String(DEFAULT_POINTS),
  seeds: String(DEFAULT_SEEDS),
  durationSeconds: String(DEFAULT_SWEEP_DURATION_MS / 1000),
};

/** The most seeds per point, simulated seconds per run and percent of capacity the dialog takes. */
export const MAX_FORM_SEEDS = 10;
export const MAX_FORM_SECONDS = 600;
export const MAX_FORM_PERCENT = 1000;

/** A checked form: the rates to run, or a message per field that is wrong. */
export type CheckedForm =
  | { ok: true; rates: number[]; seeds: number; durationMs: number }
  | { ok: false; errors: Partial<Record<keyof LoadTestForm, string>> };

/** Checks the form against the client's estimated capacity (per second). */
export function checkForm(form: LoadTestForm, capacity: number): CheckedForm {
  const errors: Partial<Record<keyof LoadTestForm, string>> = {};
  const number = (key: keyof LoadTestForm, min: number, max: number, whole: boolean, what: string) => {
    const text = form[key].trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) errors[key] = `${what} must be a number.`;
    else if (whole && !Number.isInteger(value)) errors[key] = `${what} must be a whole number.`;
    else if (value < min || value > max) errors[key] = `${what} must be from ${min} to ${max}.`;
    return value;
  };
  const from = number('fromPercent', 1, MAX_FORM_PERCENT, false, 'From');
  const to = number('toPercent', 1, MAX_FORM_PERCENT, false, 'To');
  const points = number('points', 2, MAX_POINTS, true, 'Points');
  const seeds = number('seeds', 1, MAX_FORM_SEEDS, true, 'Seeds');
  const seconds = number('durationSeconds', 1, MAX_FORM_SECONDS, false, 'Duration');
  if (!errors.fromPercent && !errors.toPercent && to <= from) errors.toPercent = 'To must be above From.';
  if (Object.keys(errors).length) return { ok: false, errors };
  if (!Number.isFinite(capacity) || capacity <= 0)
    return {
      ok: false,
      errors: { fromPercent: 'No capacity could be estimated: nothing this client reaches takes time.' },
    };
  const rates = ratesFromPercent(capacity, from, to, points);
  const problem =
    checkRates(rates) ??
    (new Set(rates).size < rates.length
      ? 'Some points round to the same rate: use fewer points or a wider range.'
      : null);
  if (problem) return { ok: false, errors: { toPercent: problem } };
  return { ok: true, rates, seeds, durationMs: seconds * 1000 };
}
