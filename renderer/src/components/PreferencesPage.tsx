/** App-wide preferences: theme, what happens to VMs when Hako closes or Windows signs out. */
import { useEffect, useState } from 'react';
import { useHako } from '../context.js';
import { NumberField, Segmented, SelectField, Spinner, Toggle } from './ui.js';

export function PreferencesPage() {
  const preferences = useHako((s) => s.preferences);
  const setPreferences = useHako((s) => s.setPreferences);
  const app = useHako((s) => s.app);
  const saved = preferences?.shutdownTimeoutSeconds ?? 60;
  const [timeoutDraft, setTimeoutDraft] = useState<number | null>(saved);
  useEffect(() => setTimeoutDraft(saved), [saved]);
  const timeoutValid = timeoutDraft !== null && Number.isInteger(timeoutDraft) && timeoutDraft >= 5 && timeoutDraft <= 3600;
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1 className="page-title">Preferences</h1>
          <p className="muted">Saved for this user; the VM files are not touched.</p>
        </div>
      </header>
      {preferences === null ? (
        <Spinner label="Reading preferences" />
      ) : (
        <div className="stack narrow">
          <section className="card" aria-labelledby="pref-appearance">
            <h2 id="pref-appearance" className="card-title">
              Appearance
            </h2>
            <Segmented
              label="Theme"
              value={preferences.theme}
              options={[
                { value: 'system', label: 'Use system setting', icon: 'monitor' },
                { value: 'light', label: 'Light' },
                { value: 'dark', label: 'Dark' },
              ]}
              onChange={(theme) => void setPreferences({ theme })}
            />
          </section>
          <section className="card" aria-labelledby="pref-closing">
            <h2 id="pref-closing" className="card-title">
              When Hako closes
            </h2>
            <Toggle
              label="Keep VMs running when Hako closes"
              checked={preferences.keepVmsRunning}
              onChange={(keepVmsRunning) => void setPreferences({ keepVmsRunning })}
              help="Running VMs stay on and Hako reconnects to them when it opens again. Off: VMs stop when Hako exits."
            />
            {app?.transport !== 'browser-host' && (
              <Toggle
                label="Close to the notification area"
                checked={preferences.closeToTray}
                onChange={(closeToTray) => void setPreferences({ closeToTray })}
                help="Closing the window keeps Hako in the tray, where you can still control the VMs."
              />
            )}
          </section>
          <section className="card" aria-labelledby="pref-session-end">
            <h2 id="pref-session-end" className="card-title">
              When Windows signs out or shuts down
            </h2>
            <SelectField
              label="Running VMs"
              value={preferences.onSessionEnd}
              options={[
                { value: 'save', label: 'Save their state (resume later)' },
                { value: 'shutdown', label: 'Shut them down' },
              ]}
              onChange={(onSessionEnd) => void setPreferences({ onSessionEnd })}
              help="Windows would otherwise turn them off hard. Hako holds the sign-out until this is done."
            />
            <NumberField
              label="Shutdown timeout"
              unit="seconds"
              value={timeoutDraft}
              min={5}
              max={3600}
              errors={timeoutValid ? [] : ['From 5 to 3600 seconds.']}
              onChange={(v) => {
                setTimeoutDraft(v);
                if (v !== null && Number.isInteger(v) && v >= 5 && v <= 3600) void setPreferences({ shutdownTimeoutSeconds: v });
              }}
              help="How long Shut down waits for the guest before it reports that the VM is still running."
            />
          </section>
        </div>
      )}
    </div>
  );
}
