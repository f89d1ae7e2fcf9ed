/** A labelled whole-number box with its unit; empty reads as null (the form says what is missing). */
import { Field, type FieldFrame } from '../Field/Field.js';
import './NumberField.css';

export interface NumberFieldProps extends FieldFrame {
  readonly value: number | null;
  readonly onChange: (value: number | null) => void;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly unit?: string;
}

export function NumberField({ value, onChange, min, max, step, unit, ...frame }: NumberFieldProps) {
  return (
    <Field frame={frame} className="field-number">
      {(control) => (
        <>
          <input
            {...control}
            className="input"
            type="number"
            inputMode="numeric"
            value={value === null || Number.isNaN(value) ? '' : value}
            min={min}
            max={max}
            step={step ?? 1}
            onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
          />
          {unit && <span className="field-unit">{unit}</span>}
        </>
      )}
    </Field>
  );
}
