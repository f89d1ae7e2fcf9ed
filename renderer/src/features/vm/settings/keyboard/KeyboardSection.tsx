/** Whether Windows key combinations go to the guest, and the hotkeys of the VM's window as key pickers. */
import { useMemo } from 'react';
import { KEYBOARD_SPEC } from '../../../../../../app/config/spec.js';
import { useDraft } from '../editor/hooks.js';
import { DraftToggle } from '../fields/DraftFields.js';
import { HOTKEYS, hotkeyClashes } from './hotkeys.js';
import { HotkeyField } from './HotkeyField.js';
import './KeyboardSection.css';

const P = '/NanaBox/Keyboard';

export function KeyboardSection() {
  const keyboard = useDraft((c) => c.Keyboard);
  const clashes = useMemo(() => hotkeyClashes(keyboard), [keyboard]);
  return (
    <div className="stack">
      <DraftToggle pointer={`${P}/RedirectKeyCombinations`} label="Send Windows key combinations to the guest" help="Alt + Tab, the Windows key and the like go to the VM even when it is not in full screen." />
      <h3 className="subheading">Hotkeys</h3>
      <p className="muted">Shortcuts of the VM’s window, for what the host would otherwise catch. Choose a shortcut and press the key to use with its modifiers.</p>
      <div className="form-grid hotkey-grid">
        {HOTKEYS.map((hotkey) => {
          const field = KEYBOARD_SPEC.fields[hotkey.key]!;
          return (
            <HotkeyField
              key={hotkey.key}
              hotkey={hotkey}
              pointer={`${P}/${hotkey.key}`}
              defaultValue={field.kind === 'int32' ? field.default : 0}
              warnings={(clashes[hotkey.key] ?? []).map((other) => `The same shortcut as “${other}”.`)}
            />
          );
        })}
      </div>
    </div>
  );
}
