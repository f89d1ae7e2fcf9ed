/** A labelled one-line text box; `mono` for paths, pipes and ids. */
import clsx from 'clsx';
import type { ReactNode } from 'react';
import { Field, type FieldFrame } from '../Field/Field.js';

export interface TextFieldProps extends FieldFrame {
  readonly value: string;
  readonly onChange?: (value: string) => void;
  readonly placeholder?: string;
  readonly readOnly?: boolean;
  readonly mono?: boolean;
  /** Shown after the box, in the same row. */
  readonly suffix?: ReactNode;
  readonly autoFocus?: boolean;
  readonly name?: string;
}

export function TextField({ value, onChange, placeholder, readOnly, mono, suffix, autoFocus, name, ...frame }: TextFieldProps) {
  return (
    <Field frame={frame}>
      {(control) => (
        <>
          <input
            {...control}
            name={name}
            className={clsx('input', mono && 'mono')}
            type="text"
            value={value}
            placeholder={placeholder}
            readOnly={readOnly}
            autoFocus={autoFocus}
            spellCheck={false}
            onChange={(event) => onChange?.(event.target.value)}
          />
          {suffix}
        </>
      )}
    </Field>
  );
}
