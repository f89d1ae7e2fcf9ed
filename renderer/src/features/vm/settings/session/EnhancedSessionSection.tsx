/** What the enhanced (remote desktop) session brings into the guest, and the keyboard's key combinations. */
import { useEffect, useState } from 'react';
import type { EnhancedSession } from '../../../../../../app/config/model.js';
import { useT } from '../../../../i18n/context.js';
import { CheckboxGroup } from '../../../../kit/Checkbox/CheckboxGroup.js';
import { TextField } from '../../../../kit/TextField/TextField.js';
import { findingText } from '../../findings/findings.js';
import { useDraftField } from '../editor/hooks.js';
import { DraftCheckbox, DraftToggle } from '../fields/DraftFields.js';

const P = '/NanaBox';

const REDIRECTIONS = [
  'RedirectClipboard',
  'RedirectAudio',
  'RedirectAudioCapture',
  'RedirectDrives',
  'RedirectDynamicDrives',
  'RedirectPrinters',
  'RedirectSmartCards',
  'RedirectPorts',
  'RedirectDevices',
  'RedirectDynamicDevices',
  'RedirectPOSDevices',
] as const satisfies readonly (keyof EnhancedSession)[];

export function EnhancedSessionSection() {
  const { t } = useT();
  return (
    <div className="stack">
      <p className="muted">{t('settings.session.intro')}</p>
      <CheckboxGroup legend={t('settings.session.redirect')}>
        {REDIRECTIONS.map((key) => (
          // The checkbox's own label says it all; the spec's notes would make the grid uneven.
          <DraftCheckbox key={key} pointer={`${P}/EnhancedSession/${key}`} label={t(`settings.session.${key}`)} help={null} />
        ))}
      </CheckboxGroup>
      <div className="form-grid">
        <DrivesField />
        <DraftToggle pointer={`${P}/Keyboard/RedirectKeyCombinations`} label={t('settings.session.keys')} />
      </div>
    </div>
  );
}

const lettersOf = (typed: string) => [...new Set(typed.toUpperCase().match(/[A-Z]/g) ?? [])];

/**
 * Drive letters as typed ("C d, E"). The text stays as the user wrote it while it means the letters
 * the draft holds (so a space can be typed), and follows the draft when that changes otherwise.
 */
function DrivesField() {
  const tr = useT();
  const drives = useDraftField<readonly string[]>(`${P}/EnhancedSession/Drives`);
  const [text, setText] = useState(drives.value.join(' '));
  useEffect(() => setText((current) => (lettersOf(current).join(' ') === drives.value.join(' ') ? current : drives.value.join(' '))), [drives.value]);
  return (
    <TextField
      label={tr.t('settings.session.drives')}
      value={text}
      mono
      placeholder="C D"
      onChange={(typed) => {
        setText(typed);
        drives.set(lettersOf(typed));
      }}
      errors={drives.errors.map((f) => findingText(tr, f))}
      warnings={drives.errors.length > 0 ? [] : drives.warnings.map((f) => findingText(tr, f))}
      help={tr.t('settings.session.drives.help')}
    />
  );
}
