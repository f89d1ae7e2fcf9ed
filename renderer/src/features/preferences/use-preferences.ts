/** The preferences for the Preferences page: shown at once, rolled back and explained when main refuses. */
import { useCallback } from 'react';
import type { Preferences } from '../../../../app/ipc/contract.js';
import { preferencesSchema } from '../../../../app/preferences/preferences.js';
import { useT } from '../../i18n/context.js';
import { useHako, useHakoStore } from '../../store/context.js';

/** The shutdown timeout's limits, as the preferences schema has them. */
const TIMEOUT = preferencesSchema.shape.shutdownTimeoutSeconds;
export const SHUTDOWN_TIMEOUT_RANGE = { min: TIMEOUT.minValue ?? 0, max: TIMEOUT.maxValue ?? Number.MAX_SAFE_INTEGER } as const;

export function isShutdownTimeout(seconds: number | null): seconds is number {
  return seconds !== null && TIMEOUT.safeParse(seconds).success;
}

export function usePreferences(): [Preferences | null, (patch: Partial<Preferences>) => void] {
  const preferences = useHako((s) => s.preferences);
  const store = useHakoStore();
  const { t } = useT();
  const change = useCallback(
    (patch: Partial<Preferences>) =>
      void store
        .getState()
        .setPreferences(patch)
        .then((outcome) => {
          if (!outcome.ok) store.getState().notify({ kind: 'message', tone: 'error', title: t('preferences.saveFailed'), error: outcome.error });
        }),
    [store, t],
  );
  return [preferences, change];
}
