/**
 * App-wide preferences: appearance, what happens to VMs when Hako closes or Windows signs out, the RDP
 * client, where new VMs go, and notifications.
 */
import { useEffect, useState } from 'react';
import type { Preferences } from '../../../../app/ipc/contract.js';
import { DEFAULT_PREFERENCES, preferencesSchema } from '../../../../app/preferences/preferences.js';
import { Card } from '../../kit/Card/Card.js';
import { NumberField } from '../../kit/NumberField/NumberField.js';
import { Page } from '../../kit/Page/Page.js';
import { Segmented, type Segment } from '../../kit/Segmented/Segmented.js';
import { SelectField, optionsOf } from '../../kit/SelectField/SelectField.js';
import { Spinner } from '../../kit/Spinner/Spinner.js';
import { Toggle } from '../../kit/Toggle/Toggle.js';
import { useHako } from '../../store/context.js';
import { RdpClientCard } from './RdpClientCard.js';
import { usePreferenceHints } from './use-preference-hints.js';
import { SHUTDOWN_TIMEOUT_RANGE, isShutdownTimeout, usePreferences } from './use-preferences.js';
import { VmFolderCard } from './VmFolderCard.js';

const THEME = preferencesSchema.shape.theme;
const SESSION_END = preferencesSchema.shape.onSessionEnd;

const THEME_LOOKS: Readonly<Record<Preferences['theme'], Omit<Segment<Preferences['theme']>, 'value'>>> = {
  system: { label: 'Use system setting', icon: 'monitor' },
  light: { label: 'Light' },
  dark: { label: 'Dark' },
};
const THEMES = THEME.options.map((value) => ({ value, ...THEME_LOOKS[value] }));

const SESSION_END_LABELS: Readonly<Record<Preferences['onSessionEnd'], string>> = {
  save: 'Save their state (resume later)',
  shutdown: 'Shut them down',
};

export function PreferencesPage() {
  const [preferences, change] = usePreferences();
  const transport = useHako((s) => s.app?.transport);
  const hints = usePreferenceHints();
  const saved = preferences?.shutdownTimeoutSeconds ?? DEFAULT_PREFERENCES.shutdownTimeoutSeconds;
  // The box keeps what the user typed, even while it is out of range; only valid values are saved.
  const [timeout, setTimeoutDraft] = useState<number | null>(saved);
  useEffect(() => setTimeoutDraft(saved), [saved]);
  const { min, max } = SHUTDOWN_TIMEOUT_RANGE;

  return (
    <Page title="Preferences" description="Saved for this user; the VM files are not touched.">
      {preferences === null ? (
        <Spinner label="Reading preferences" />
      ) : (
        <div className="stack narrow">
          <Card title="Appearance">
            <Segmented
              label="Theme"
              value={preferences.theme}
              options={THEMES}
              onChange={(theme) => change({ theme })}
            />
          </Card>
          <Card title="When Hako closes">
            <Toggle
              label="Keep VMs running when Hako closes"
              checked={preferences.keepVmsRunning}
              onChange={(keepVmsRunning) => change({ keepVmsRunning })}
              help="Running VMs stay on and Hako reconnects to them when it opens again. Off: VMs stop when Hako exits."
            />
            {transport !== 'browser-host' && (
              <Toggle
                label="Close to the notification area"
                checked={preferences.closeToTray}
                onChange={(closeToTray) => change({ closeToTray })}
                help="Closing the window keeps Hako in the tray, where you can still control the VMs."
              />
            )}
          </Card>
          <Card title="When Windows signs out or shuts down">
            <SelectField
              label="Running VMs"
              value={preferences.onSessionEnd}
              options={optionsOf(SESSION_END.options, SESSION_END_LABELS)}
              onChange={(onSessionEnd) => change({ onSessionEnd })}
              help="Windows would otherwise turn them off hard. Hako holds the sign-out until this is done."
            />
            <NumberField
              label="Shutdown timeout"
              unit="seconds"
              value={timeout}
              min={min}
              max={max}
              errors={isShutdownTimeout(timeout) ? [] : [`From ${min} to ${max} seconds.`]}
              onChange={(seconds) => {
                setTimeoutDraft(seconds);
                if (isShutdownTimeout(seconds)) change({ shutdownTimeoutSeconds: seconds });
              }}
              help="How long Shut down waits for the guest before it reports that the VM is still running."
            />
          </Card>
          <RdpClientCard hints={hints} />
          <VmFolderCard hints={hints} />
          <Card title="Notifications">
            <Toggle
              label="Show notifications"
              checked={preferences.notifications}
              onChange={(notifications) => change({ notifications })}
              help={`When a VM stops unexpectedly, or a long disk operation ends while Hako’s window is hidden.${
                transport === 'browser-host' ? ' Shown by the Hako desktop app; this page shows none.' : ''
              }`}
            />
          </Card>
        </div>
      )}
    </Page>
  );
}
