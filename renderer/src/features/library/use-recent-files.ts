/** The `.7b` files opened lately (library.recent), read again whenever `key` changes. */
import { useApiQuery } from '../../api/use-api-query.js';

export function useRecentFiles(key = ''): readonly string[] {
  return useApiQuery('Could not read the recent files', (api) => api.invoke('library.recent'), key).data ?? [];
}
