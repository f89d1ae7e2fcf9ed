/** What the console area says while it shows no picture: loading, off, ready, connecting, reconnecting, failed. */
import type { SessionMode } from '../../../../app/session/mode.js';
import { useT } from '../../i18n/context.js';
import { Button } from '../../kit/Button/Button.js';
import { ErrorDetails } from '../../kit/ErrorDetails/ErrorDetails.js';
import { Icon } from '../../kit/Icon/Icon.js';
import { Spinner } from '../../kit/Spinner/Spinner.js';
import type { ConsoleStatus } from './console-controller.js';
import type { FailureAction } from './console-failure.js';

export function ScreenOverlay({
  status,
  mode,
  onRetry,
  onSignIn,
  onBasic,
  onExternal,
  onDiagnostics,
}: {
  readonly status: ConsoleStatus;
  readonly mode: SessionMode;
  readonly onRetry: () => void;
  readonly onSignIn: () => void;
  readonly onBasic: () => void;
  readonly onExternal: () => void;
  readonly onDiagnostics: () => void;
}) {
  const { t } = useT();
  const actions: Readonly<Record<FailureAction, { label: string; run: () => void }>> = {
    retry: { label: t('screen.action.retry'), run: onRetry },
    signIn: { label: t('screen.action.signIn'), run: onSignIn },
    basic: { label: t('screen.action.basic'), run: onBasic },
    external: { label: t('screen.external'), run: onExternal },
    diagnostics: { label: t('screen.action.diagnostics'), run: onDiagnostics },
  };
  const panel = (() => {
    switch (status.kind) {
      case 'loading':
        return (
          <>
            <Spinner label={t('screen.loading')} size="large" />
            <p>{t('screen.loading')}</p>
          </>
        );
      case 'off':
        return (
          <>
            <Icon name="power" className="screen-overlay-icon" />
            <h2>{t('screen.off')}</h2>
            <p>{t('screen.offBody')}</p>
          </>
        );
      case 'idle':
      case 'credentials':
        return (
          <>
            <Icon name="monitor" className="screen-overlay-icon" />
            <h2>{t('screen.idle')}</h2>
            <p>{t(mode === 'enhanced' ? 'screen.idleEnhanced' : 'screen.idleBasic')}</p>
          </>
        );
      case 'connecting':
        return (
          <>
            <Spinner label={t('screen.connecting', { mode: status.mode })} size="large" />
            <p>{t('screen.connecting', { mode: status.mode })}</p>
          </>
        );
      case 'reconnecting':
        return (
          <>
            <Spinner label={t('screen.reconnecting')} size="large" />
            <h2>{t('screen.reconnecting')}</h2>
            <p>{t('screen.reconnectingBody')}</p>
          </>
        );
      case 'failed':
        return (
          <>
            <Icon name="error" className="screen-overlay-icon" />
            <h2>{t(status.view.title)}</h2>
            <p>{t(status.view.body)}</p>
            {status.view.error && <ErrorDetails error={status.view.error} />}
            <div className="button-row">
              {status.view.actions.map((action, index) => (
                <Button key={action} variant={index === 0 ? 'primary' : 'secondary'} onClick={actions[action].run}>
                  {actions[action].label}
                </Button>
              ))}
            </div>
          </>
        );
      case 'connected':
        return null;
    }
  })();
  return (
    <div className="screen-overlay" aria-live="polite">
      {panel}
    </div>
  );
}
