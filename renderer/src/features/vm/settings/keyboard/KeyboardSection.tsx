/** Whether Windows key combinations go to the guest, and the hotkeys of the VM's window as key pickers. */
import { useMemo } from 'react';
import { KEYBOARD_SPEC } from '../../../../../../app/config/spec.js';
import { useT } from '../../../../i18n/context.js';
import { useDraft } from '../editor/hooks.js';
import { DraftToggle } from '../fields/DraftFields.js';
import { HOTKEYS, hotkeyClashes } from './hotkeys.js';
import { HotkeyField } from './HotkeyField.js';
import './KeyboardSection.css';

const P = '/NanaBox/Keyboard';

export function KeyboardSection() {
  const { t } = useT();
  const keyboard = useDraft((c) => c.Keyboard);
  const clashes = useMemo(() => hotkeyClashes(keyboard), [keyboard]);
  return (
    <div className="stack">
      <DraftToggle pointer={`${P}/RedirectKeyCombinations`} label={t('settings.session.keys')} help={t('settings.keyboard.redirect.help')} />
      <h3 className="subheading">{t('settings.keyboard.hotkeys')}</h3>
      <p className="muted">{t('settings.keyboard.hotkeys.intro')}</p>
      <div className="form-grid hotkey-grid">
        {HOTKEYS.map((hotkey) => {
          const field = KEYBOARD_SPEC.fields[hotkey.key]!;
          return (
            <HotkeyField
              key={hotkey.key}
              hotkey={hotkey}
              pointer={`${P}/${hotkey.key}`}
              defaultValue={field.kind === 'int32' ? field.default : 0}
              warnings={(clashes[hotkey.key] ?? []).map((other) => t('settings.keyboard.clash', { other: t(other) }))}
            />
          );
        })}
      </div>
    </div>
  );
}
