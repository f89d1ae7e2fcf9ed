/** An on/off switch (a checkbox with role="switch"), label on the left as in Windows Settings. */
import clsx from 'clsx';
import { useId } from 'react';
import { useT } from '../../i18n/context.js';
import type { FieldFrame } from '../Field/Field.js';
import { FieldMessages } from '../Field/FieldMessages.js';
import '../Field/Field.css';
import './Toggle.css';

export interface ToggleProps extends FieldFrame {
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly disabled?: boolean;
  /** The words next to the switch for its two states. */
  readonly stateLabels?: readonly [on: string, off: string];
}

export function Toggle({ label, help, errors, warnings, checked, onChange, disabled, stateLabels }: ToggleProps) {
  const { t } = useT();
  const [on, off] = stateLabels ?? [t('common.on'), t('common.off')];
  const id = useId();
  const messages = `${id}-messages`;
  return (
    <div className={clsx('field', 'field-toggle', (errors?.length ?? 0) > 0 && 'field-invalid')}>
      <div className="toggle-row">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        <span className="toggle-control">
          <span className="toggle-state" aria-hidden="true">
            {checked ? on : off}
          </span>
          <input
            id={id}
            type="checkbox"
            role="switch"
            className="switch"
            checked={checked}
            disabled={disabled}
            aria-describedby={messages}
            onChange={(event) => onChange(event.target.checked)}
          />
        </span>
      </div>
      <FieldMessages id={messages} help={help} errors={errors} warnings={warnings} />
    </div>
  );
}
