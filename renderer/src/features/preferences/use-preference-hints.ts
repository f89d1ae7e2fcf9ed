/** What the preferences' empty values stand for on this computer (app.preferenceHints). */
import type { PreferenceHints } from '../../../../app/ipc/contract.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { useT } from '../../i18n/context.js';

export function usePreferenceHints(): PreferenceHints | null {
  const { t } = useT();
  return useApiQuery(t('preferences.hintsFailed'), (api) => api.invoke('app.preferenceHints'), 'hints').data;
}
