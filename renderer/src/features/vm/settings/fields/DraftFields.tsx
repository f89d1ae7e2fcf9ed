/**
 * The kit's fields bound to one value of the draft by its JSON Pointer: the value, the change, the
 * field's errors and warnings, and its help from the spec. Each subscribes to its own value and
 * markers only. `help`: leave it out for the spec's text, give a string to replace it, null for none;
 * `warnings` adds the form's own advice to what main says.
 */
import type { Translator } from '../../../../../../app/i18n/translator.js';
import { useT } from '../../../../i18n/context.js';
import { Checkbox } from '../../../../kit/Checkbox/Checkbox.js';
import { NumberField, type NumberFieldProps } from '../../../../kit/NumberField/NumberField.js';
import { SelectField, type SelectFieldProps } from '../../../../kit/SelectField/SelectField.js';
import { TextField, type TextFieldProps } from '../../../../kit/TextField/TextField.js';
import { Toggle, type ToggleProps } from '../../../../kit/Toggle/Toggle.js';
import { findingText } from '../../findings/findings.js';
import { useDraftField, type DraftField } from '../editor/hooks.js';

interface Bound {
  readonly pointer: string;
  readonly label: string;
  readonly help?: string | null;
  readonly warnings?: readonly string[];
}

type Unbound<P> = Omit<P, 'value' | 'checked' | 'onChange' | 'label' | 'help' | 'errors' | 'warnings'>;

function frameOf(tr: Translator, field: DraftField<unknown>, { label, help, warnings = [] }: Bound) {
  const own = field.warnings.map((f) => findingText(tr, f));
  return {
    label,
    help: help === undefined ? field.help : (help ?? undefined),
    errors: field.errors.map((f) => findingText(tr, f)),
    // The form's own advice only where the field has no error (an error makes it moot).
    warnings: field.errors.length > 0 ? [] : [...own, ...warnings],
  };
}

export function DraftTextField({ pointer, label, help, warnings, ...rest }: Bound & Unbound<TextFieldProps>) {
  const field = useDraftField<string>(pointer);
  const tr = useT();
  return <TextField {...rest} {...frameOf(tr, field, { pointer, label, help, warnings })} value={field.value} onChange={rest.readOnly ? undefined : field.set} />;
}

/** An empty box writes NaN, which the field checks mark, rather than a number the user did not type. */
export function DraftNumberField({ pointer, label, help, warnings, ...rest }: Bound & Unbound<NumberFieldProps>) {
  const field = useDraftField<number>(pointer);
  const tr = useT();
  return <NumberField {...rest} {...frameOf(tr, field, { pointer, label, help, warnings })} value={field.value} onChange={(v) => field.set(v ?? Number.NaN)} />;
}

export function DraftSelectField<T extends string>({ pointer, label, help, warnings, ...rest }: Bound & Unbound<SelectFieldProps<T>>) {
  const field = useDraftField<T>(pointer);
  const tr = useT();
  return <SelectField<T> {...rest} {...frameOf(tr, field, { pointer, label, help, warnings })} value={field.value} onChange={field.set} />;
}

export function DraftToggle({ pointer, label, help, warnings, ...rest }: Bound & Unbound<ToggleProps>) {
  const field = useDraftField<boolean>(pointer);
  const tr = useT();
  return <Toggle {...rest} {...frameOf(tr, field, { pointer, label, help, warnings })} checked={field.value} onChange={field.set} />;
}

/** A checkbox shows its help but no markers (the flags it edits have no rules of their own). */
export function DraftCheckbox({ pointer, label, help }: Omit<Bound, 'warnings'>) {
  const field = useDraftField<boolean>(pointer);
  return <Checkbox label={label} help={help === undefined ? field.help : (help ?? undefined)} checked={field.value} onChange={field.set} />;
}
