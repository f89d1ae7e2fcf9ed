/** Under a field: its errors and warnings (each with its icon), then its help; the control's description. */
import { Icon } from '../Icon/Icon.js';

export function FieldMessages({
  id,
  help,
  errors,
  warnings,
}: {
  readonly id: string;
  readonly help?: string | undefined;
  readonly errors?: readonly string[] | undefined;
  readonly warnings?: readonly string[] | undefined;
}) {
  return (
    <div id={id} className="field-messages">
      {errors?.map((e) => (
        <p key={e} className="field-error">
          <Icon name="error" /> {e}
        </p>
      ))}
      {warnings?.map((w) => (
        <p key={w} className="field-warning">
          <Icon name="warning" /> {w}
        </p>
      ))}
      {help && <p className="field-help">{help}</p>}
    </div>
  );
}
