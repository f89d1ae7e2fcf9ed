/** A labelled drop-down list of options. */
import { Field, type FieldFrame } from '../Field/Field.js';
import './SelectField.css';

export interface SelectOption<T extends string> {
  readonly value: T;
  readonly label: string;
  /** The option's own language, where it differs from the page's (a language's name in that language). */
  readonly lang?: string;
}

export interface SelectFieldProps<T extends string> extends FieldFrame {
  readonly value: T;
  readonly options: readonly SelectOption<T>[];
  readonly onChange: (value: T) => void;
  readonly disabled?: boolean;
}

export function SelectField<T extends string>({ value, options, onChange, disabled, ...frame }: SelectFieldProps<T>) {
  return (
    <Field frame={frame}>
      {(control) => (
        <select {...control} className="input select" value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as T)}>
          {options.map((o) => (
            <option key={o.value} value={o.value} lang={o.lang}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Options named by their values, some with friendlier labels. */
export function optionsOf<T extends string>(values: readonly T[], labels: Partial<Record<T, string>> = {}): SelectOption<T>[] {
  return values.map((value) => ({ value, label: labels[value] ?? value }));
}
