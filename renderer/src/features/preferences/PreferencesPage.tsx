/**
 * App-wide preferences: theme and language, what happens to VMs when Hako closes or Windows signs out,
 * the RDP client, where new VMs go, and notifications.
 */
import { useEffect, useState } from 'react';
import type { Preferences } from '../../../../app/ipc/contract.js';
import { LANGUAGE_CHOICES } from '../../../../app/i18n/locales.js';
import { DEFAULT_PREFERENCES, preferencesSchema } from '../../../../app/preferences/preferences.js';
import { useT } from '../../i18n/context.js';
import { Card } from '../../kit/Card/Card.js';
import { NumberField } from '../../kit/NumberField/NumberField.js';
import { Page } from '../../kit/Page/Page.js';
import { Segmented, type Segment } from '../../kit/Segmented/Segmented.js';
import { SelectField, type SelectOption } from '../../kit/SelectField/SelectField.js';
import { Spinner } from '../../kit/Spinner/Spinner.js';
import { Toggle } from '../../kit/Toggle/Toggle.js';
import { useHako } from '../../store/context.js';
import { RdpClientCard } from './RdpClientCard.js';
import { usePreferenceHints } from './use-preference-hints.js';
import { SHUTDOWN_TIMEOUT_RANGE, isShutdownTimeout, usePreferences } from './use-preferences.js';
import { VmFolderCard } from './VmFolderCard.js';

const THEMES = preferencesSchema.shape.theme.options;
const SESSION_END = preferencesSchema.shape.onSessionEnd.options;

export function PreferencesPage() {
  const { t } = useT();
  const [preferences, change] = usePreferences();
  const transport = useHako((s) => s.app?.transport);
  const hints = usePreferenceHints();
  const saved = preferences?.shutdownTimeoutSeconds ?? DEFAULT_PREFERENCES.shutdownTimeoutSeconds;
  // The box keeps what the user typed, even while it is out of range; only valid values are saved.
  const [timeout, setTimeoutDraft] = useState<number | null>(saved);
  useEffect(() => setTimeoutDraft(saved), [saved]);
  const { min, max } = SHUTDOWN_TIMEOUT_RANGE;

  const themes: Segment<Preferences['theme']>[] = THEMES.map((value) => ({
    value,
    label: t(`preferences.theme.${value}`),
    ...(value === 'system' ? { icon: 'monitor' as const } : {}),
  }));
  // Each language by its own name (and marked as that language), so a reader finds theirs whatever shows now.
  const languages: SelectOption<Preferences['language']>[] = LANGUAGE_CHOICES.map((value) =>
    value === 'system' ? { value, label: t('preferences.language.system') } : { value, label: t(`language.name.${value}`), lang: value },
  );

  return (
    <Page title={t('preferences.title')} description={t('preferences.description')}>
      {preferences === null ? (
        <Spinner label={t('preferences.loading')} />
      ) : (
        <div className="stack narrow">
          <Card title={t('preferences.appearance')}>
            <Segmented label={t('preferences.theme')} value={preferences.theme} options={themes} onChange={(theme) => change({ theme })} />
            <SelectField
              label={t('preferences.language')}
              value={preferences.language}
              options={languages}
              onChange={(language) => change({ language })}
              help={t('preferences.language.help')}
            />
          </Card>
          <Card title={t('preferences.closing')}>
            <Toggle
              label={t('preferences.keepRunning')}
              checked={preferences.keepVmsRunning}
              onChange={(keepVmsRunning) => change({ keepVmsRunning })}
              help={t('preferences.keepRunning.help')}
            />
            {transport !== 'browser-host' && (
              <Toggle
                label={t('preferences.closeToTray')}
                checked={preferences.closeToTray}
                onChange={(closeToTray) => change({ closeToTray })}
                help={t('preferences.closeToTray.help')}
              />
            )}
          </Card>
          <Card title={t('preferences.sessionEnd')}>
            <SelectField
              label={t('preferences.sessionEnd.running')}
              value={preferences.onSessionEnd}
              options={SESSION_END.map((value) => ({ value, label: t(`preferences.sessionEnd.${value}`) }))}
              onChange={(onSessionEnd) => change({ onSessionEnd })}
              help={t('preferences.sessionEnd.help')}
            />
            <NumberField
              label={t('preferences.timeout')}
              unit={t('preferences.timeout.unit')}
              value={timeout}
              min={min}
              max={max}
              errors={isShutdownTimeout(timeout) ? [] : [t('preferences.timeout.range', { min, max })]}
              onChange={(seconds) => {
                setTimeoutDraft(seconds);
                if (isShutdownTimeout(seconds)) change({ shutdownTimeoutSeconds: seconds });
              }}
              help={t('preferences.timeout.help')}
            />
          </Card>
          <RdpClientCard hints={hints} />
          <VmFolderCard hints={hints} />
          <Card title={t('preferences.notifications')}>
            <Toggle
              label={t('preferences.notifications.label')}
              checked={preferences.notifications}
              onChange={(notifications) => change({ notifications })}
              help={t(transport === 'browser-host' ? 'preferences.notifications.helpBrowser' : 'preferences.notifications.help')}
            />
          </Card>
        </div>
      )}
    </Page>
  );
}
