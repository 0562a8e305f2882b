import { useState } from 'react';

export interface NumberActionProps {
  /** The button's text. */
  label: string;
  /** Names the number field for assistive technology. */
  fieldLabel: string;
  min: number;
  max: number;
  initial: number;
  onApply: (value: number) => void;
  testId?: string;
  className?: string;
  buttonClassName?: string;
  /** `menuitem` inside a menu. */
  role?: string;
  disabled?: boolean;
}

/** The two numbered live faults, with their ranges and starting values, for every place that offers them. */
export const FAULT_NUMBERS = {
  slow: { label: 'Slow down ×', fieldLabel: 'Slow-down factor', min: 1, max: 1000, initial: 5 },
  fail: { label: 'Fail %', fieldLabel: 'Failure percentage', min: 0, max: 100, initial: 50 },
} as const;

/** A button that applies the number next to it (slow ×N, fail N%), kept within min–max. */
export function NumberAction(p: NumberActionProps) {
  const [value, setValue] = useState(p.initial);
  return (
    <div className={p.className}>
      <button
        role={p.role}
        className={p.buttonClassName}
        disabled={p.disabled}
        onClick={() => p.onApply(value)}
        data-testid={p.testId}
      >
        {p.label}
      </button>
      <input
        type="number"
        aria-label={p.fieldLabel}
        min={p.min}
        max={p.max}
        value={value}
        onChange={(e) => setValue(clamp(+e.target.value, p.min, p.max))}
      />
    </div>
  );
}

function clamp(v: number, lo: number, hi: number) {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo;
}
