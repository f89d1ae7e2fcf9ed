/** A few options as a segmented control, under a visible label (the radio group is named by it too). */
import { Segmented, type Segment } from '../../kit/Segmented/Segmented.js';

export function ChoiceField<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  readonly label: string;
  readonly value: T;
  readonly options: readonly Segment<T>[];
  readonly onChange: (value: T) => void;
}) {
  return (
    <div className="field">
      {/* Seen here; heard once, as the radio group's name. */}
      <span className="field-label" aria-hidden="true">
        {label}
      </span>
      <Segmented<T> label={label} value={value} options={options} onChange={onChange} />
    </div>
  );
}
