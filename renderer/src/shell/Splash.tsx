/** Before the window can show anything: connecting to Hako, or why that failed. */
import { ErrorDetails } from '../kit/ErrorDetails/ErrorDetails.js';
import { InfoBar } from '../kit/InfoBar/InfoBar.js';
import { Spinner } from '../kit/Spinner/Spinner.js';
import { useHako } from '../store/context.js';

export function Splash() {
  const failed = useHako((s) => s.connection === 'failed');
  const error = useHako((s) => s.connectionError);
  return (
    <div className="splash">
      {failed ? (
        <InfoBar tone="error" title="Hako could not start its window">
          {error && <ErrorDetails error={error} />}
        </InfoBar>
      ) : (
        <Spinner label="Connecting to Hako" size="large" />
      )}
    </div>
  );
}
