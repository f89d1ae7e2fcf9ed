/** A text box for a {@link TextPreference}: saved on Enter and when the focus leaves it. */
import { TextField } from '../../kit/TextField/TextField.js';
import type { TextPreference } from './use-text-preference.js';

export function TextPreferenceField({
  label,
  preference,
  help,
  placeholder,
}: {
  readonly label: string;
  readonly preference: TextPreference;
  readonly help?: string;
  readonly placeholder?: string;
}) {
  return (
    <form
      className="text-preference"
      onSubmit={(event) => {
        event.preventDefault();
        void preference.commit();
      }}
      onBlur={() => void preference.commit()}
    >
      <TextField label={label} mono value={preference.draft} onChange={preference.change} errors={preference.errors} help={help} placeholder={placeholder} />
    </form>
  );
}
