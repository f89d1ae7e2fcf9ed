/** Before the window can show anything: connecting to Hako, or why that failed. */
import { useT } from '../i18n/context.js';
import { ErrorDetails } from '../kit/ErrorDetails/ErrorDetails.js';
import { InfoBar } from '../kit/InfoBar/InfoBar.js';
import { Spinner } from '../kit/Spinner/Spinner.js';
import { useHako } from '../store/context.js';

export function Splash() {
  const { t } = useT();
  const failed = useHako((s) => s.connection === 'failed');
  const error = useHako((s) => s.connectionError);
  return (
    <main className="splash">
      {failed ? (
        <InfoBar tone="error" title={t('app.startFailed')}>
          {error && <ErrorDetails error={error} />}
        </InfoBar>
      ) : (
        <Spinner label={t('app.connecting')} size="large" />
      )}
    </main>
  );
}
