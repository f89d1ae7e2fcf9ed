/**
 * The frame every labelled field shares: the label, the control row, and the messages under it. The
 * control is tied to both (label `for`, `aria-describedby`, `aria-invalid`), so role-based selectors
 * and screen readers find the same names and hear the same messages.
 */
import clsx from 'clsx';
import { useId, type ReactNode } from 'react';
import { FieldMessages } from './FieldMessages.js';
import './Field.css';

/** What every field says about itself. */
export interface FieldFrame {
  readonly label: string;
  readonly help?: string | undefined;
  readonly errors?: readonly string[] | undefined;
  readonly warnings?: readonly string[] | undefined;
}

/** What a labelled control needs to be tied to its label and messages. */
export interface ControlProps {
  readonly id: string;
  readonly 'aria-invalid': true | undefined;
  readonly 'aria-describedby': string;
}

export function Field({ frame, className, children }: { readonly frame: FieldFrame; readonly className?: string; readonly children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const messages = `${id}-messages`;
  const invalid = (frame.errors?.length ?? 0) > 0;
  return (
    <div className={clsx('field', className, invalid && 'field-invalid')}>
      <label htmlFor={id} className="field-label">
        {frame.label}
      </label>
      <div className="field-control">{children({ id, 'aria-invalid': invalid || undefined, 'aria-describedby': messages })}</div>
      <FieldMessages id={messages} help={frame.help} errors={frame.errors} warnings={frame.warnings} />
    </div>
  );
}
