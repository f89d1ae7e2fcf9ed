/**
 * A key picker: the hotkey as it is pressed ("Ctrl + Alt + Break"); activate it and press the key to
 * use instead (Esc or Tab leave it as it was). The name is shown, the virtual-key code is stored.
 */
import clsx from 'clsx';
import { useId, useState, type KeyboardEvent } from 'react';
import { virtualKeyOf } from '../../../../../../app/keyboard/virtual-keys.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { FieldMessages } from '../../../../kit/Field/FieldMessages.js';
import { findingText } from '../../findings/findings.js';
import { useDraftField } from '../editor/hooks.js';
import { hotkeyText, type Hotkey } from './hotkeys.js';

const MODIFIER_KEYS = new Set(['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'OS']);

export function HotkeyField({ hotkey, pointer, defaultValue, warnings }: { readonly hotkey: Hotkey; readonly pointer: string; readonly defaultValue: number; readonly warnings: readonly string[] }) {
  const tr = useT();
  const { t } = tr;
  const field = useDraftField<number>(pointer);
  const label = t(hotkey.label);
  const [listening, setListening] = useState(false);
  const id = useId();
  const labelId = `${id}-label`;
  const messages = `${id}-messages`;

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!listening) return;
    if (event.key === 'Tab') {
      setListening(false);
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape') return setListening(false);
    if (MODIFIER_KEYS.has(event.key)) return;
    const vk = virtualKeyOf({ key: event.key, code: event.code });
    if (vk === null) return;
    field.set(vk);
    setListening(false);
  };

  return (
    <div className={clsx('field', 'hotkey-field', field.errors.length > 0 && 'field-invalid')}>
      <span id={labelId} className="field-label">
        {label}
      </span>
      <div className="field-control">
        <button
          id={id}
          type="button"
          className={clsx('input', 'hotkey-button', listening && 'hotkey-listening')}
          aria-labelledby={`${labelId} ${id}`}
          aria-describedby={messages}
          aria-pressed={listening}
          onClick={() => setListening((on) => !on)}
          onKeyDown={onKeyDown}
          onBlur={() => setListening(false)}
        >
          {listening ? t('settings.keyboard.listening', { modifiers: hotkey.modifiers }) : hotkeyText(tr, hotkey, field.value)}
        </button>
        {field.value !== defaultValue && <Button icon="restart" variant="subtle" label={t('settings.keyboard.reset', { name: label, keys: hotkeyText(tr, hotkey, defaultValue) })} onClick={() => field.set(defaultValue)} />}
      </div>
      <FieldMessages id={messages} errors={field.errors.map((f) => findingText(tr, f))} warnings={[...field.warnings.map((f) => findingText(tr, f)), ...warnings]} help={listening ? t('settings.keyboard.listening.help', { modifiers: hotkey.modifiers }) : undefined} />
    </div>
  );
}
