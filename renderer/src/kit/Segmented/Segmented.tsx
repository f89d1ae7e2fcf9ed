/** A choice of a few options drawn as a segmented control: a radio group underneath. */
import clsx from 'clsx';
import { useId } from 'react';
import { Icon, type IconName } from '../Icon/Icon.js';
import './Segmented.css';

export interface Segment<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly icon?: IconName;
}

export function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
  disabled,
}: {
  readonly label: string;
  readonly value: T;
  readonly options: readonly Segment<T>[];
  readonly onChange: (value: T) => void;
  readonly disabled?: boolean;
}) {
  const name = useId();
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <label key={o.value} className={clsx('segment', o.value === value && 'segment-selected')}>
          <input type="radio" name={name} value={o.value} checked={o.value === value} disabled={disabled} onChange={() => onChange(o.value)} />
          {o.icon && <Icon name={o.icon} />}
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  );
}
