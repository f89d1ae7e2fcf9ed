/**
 * The kit's fields bound to one value of the draft by its JSON Pointer: the value, the change, the
 * field's errors and warnings, and its help from the spec. Each subscribes to its own value and
 * markers only. `help`: leave it out for the spec's text, give a string to replace it, null for none;
 * `warnings` adds the form's own advice to what main says.
 */
import { Checkbox } from '../../../../kit/Checkbox/Checkbox.js';
import { NumberField, type NumberFieldProps } from '../../../../kit/NumberField/NumberField.js';
import { SelectField, type SelectFieldProps } from '../../../../kit/SelectField/SelectField.js';
import { TextField, type TextFieldProps } from '../../../../kit/TextField/TextField.js';
import { Toggle, type ToggleProps } from '../../../../kit/Toggle/Toggle.js';
import { useDraftField, type DraftField } from '../editor/hooks.js';

interface Bound {
  readonly pointer: string;
  readonly label: string;
  readonly help?: string | null;
  readonly warnings?: readonly string[];
}

type Unbound<P> = Omit<P, 'value' | 'checked' | 'onChange' | 'label' | 'help' | 'errors' | 'warnings'>;

function frameOf(field: DraftField<unknown>, { label, help, warnings = [] }: Bound) {
  return {
    label,
    help: help === undefined ? field.help : (help ?? undefined),
    errors: field.errors,
    warnings: warnings.length > 0 ? [...field.warnings, ...warnings] : field.warnings,
  };
}

export function DraftTextField({ pointer, label, help, warnings, ...rest }: Bound & Unbound<TextFieldProps>) {
  const field = useDraftField<string>(pointer);
  return <TextField {...rest} {...frameOf(field, { pointer, label, help, warnings })} value={field.value} onChange={rest.readOnly ? undefined : field.set} />;
}

/** An empty box writes NaN, which the field checks mark, rather than a number the user did not type. */
export function DraftNumberField({ pointer, label, help, warnings, ...rest }: Bound & Unbound<NumberFieldProps>) {
  const field = useDraftField<number>(pointer);
  return <NumberField {...rest} {...frameOf(field, { pointer, label, help, warnings })} value={field.value} onChange={(v) => field.set(v ?? Number.NaN)} />;
}

export function DraftSelectField<T extends string>({ pointer, label, help, warnings, ...rest }: Bound & Unbound<SelectFieldProps<T>>) {
  const field = useDraftField<T>(pointer);
  return <SelectField<T> {...rest} {...frameOf(field, { pointer, label, help, warnings })} value={field.value} onChange={field.set} />;
}

export function DraftToggle({ pointer, label, help, warnings, ...rest }: Bound & Unbound<ToggleProps>) {
  const field = useDraftField<boolean>(pointer);
  return <Toggle {...rest} {...frameOf(field, { pointer, label, help, warnings })} checked={field.value} onChange={field.set} />;
}

/** A checkbox shows its help but no markers (the flags it edits have no rules of their own). */
export function DraftCheckbox({ pointer, label, help }: Omit<Bound, 'warnings'>) {
  const field = useDraftField<boolean>(pointer);
  return <Checkbox label={label} help={help === undefined ? field.help : (help ?? undefined)} checked={field.value} onChange={field.set} />;
}
