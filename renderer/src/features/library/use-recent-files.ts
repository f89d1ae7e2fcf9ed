/** The `.7b` files opened lately (library.recent), read again whenever `key` changes. */
import { useApiQuery } from '../../api/use-api-query.js';
import { useT } from '../../i18n/context.js';

export function useRecentFiles(key = ''): readonly string[] {
  const { t } = useT();
  return useApiQuery(t('library.recentFailed'), (api) => api.invoke('library.recent'), key).data ?? [];
}
