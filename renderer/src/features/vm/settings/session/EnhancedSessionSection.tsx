/** What the enhanced (remote desktop) session brings into the guest: redirections, drives and devices. */
import { useEffect, useState } from 'react';
import type { EnhancedSession } from '../../../../../../app/config/model.js';
import { CheckboxGroup } from '../../../../kit/Checkbox/CheckboxGroup.js';
import { TextField } from '../../../../kit/TextField/TextField.js';
import { useDraftField } from '../editor/hooks.js';
import { DraftCheckbox } from '../fields/DraftFields.js';
import { DevicesList } from './DevicesList.js';

const P = '/NanaBox';

const REDIRECTIONS: readonly (readonly [keyof EnhancedSession, string])[] = [
  ['RedirectClipboard', 'Clipboard'],
  ['RedirectAudio', 'Play audio on this computer'],
  ['RedirectAudioCapture', 'Record audio from this computer'],
  ['RedirectDrives', "All of this computer's drives"],
  ['RedirectDynamicDrives', 'Drives plugged in later'],
  ['RedirectPrinters', 'Printers'],
  ['RedirectSmartCards', 'Smart cards'],
  ['RedirectPorts', 'Serial and parallel ports'],
  ['RedirectDevices', 'Plug and Play devices'],
  ['RedirectDynamicDevices', 'Devices plugged in later'],
  ['RedirectPOSDevices', 'Point-of-service devices'],
];

export function EnhancedSessionSection() {
  return (
    <div className="stack">
      <p className="muted">What the enhanced (remote desktop) session brings into the guest. The basic session ignores these.</p>
      <CheckboxGroup legend="Redirect">
        {REDIRECTIONS.map(([key, label]) => (
          <DraftCheckbox key={key} pointer={`${P}/EnhancedSession/${key}`} label={label} />
        ))}
      </CheckboxGroup>
      <div className="form-grid">
        <DrivesField />
      </div>
      <DevicesList />
    </div>
  );
}

const lettersOf = (typed: string) => [...new Set(typed.toUpperCase().match(/[A-Z]/g) ?? [])];

/**
 * Drive letters as typed ("C d, E"). The text stays as the user wrote it while it means the letters
 * the draft holds (so a space can be typed), and follows the draft when that changes otherwise.
 */
function DrivesField() {
  const drives = useDraftField<readonly string[]>(`${P}/EnhancedSession/Drives`);
  const [text, setText] = useState(drives.value.join(' '));
  useEffect(() => setText((current) => (lettersOf(current).join(' ') === drives.value.join(' ') ? current : drives.value.join(' '))), [drives.value]);
  return (
    <TextField
      label="Drives to share"
      value={text}
      mono
      placeholder="C D"
      onChange={(typed) => {
        setText(typed);
        drives.set(lettersOf(typed));
      }}
      errors={drives.errors}
      warnings={drives.warnings}
      help="Drive letters, separated by spaces. Ignored when all drives are shared."
    />
  );
}
