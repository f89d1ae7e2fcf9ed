/** What the preferences' empty values stand for on this computer (app.preferenceHints). */
import type { PreferenceHints } from '../../../../app/ipc/contract.js';
import { useApiQuery } from '../../api/use-api-query.js';

export function usePreferenceHints(): PreferenceHints | null {
  return useApiQuery('Could not read what Hako finds on this computer', (api) => api.invoke('app.preferenceHints'), 'hints').data;
}
