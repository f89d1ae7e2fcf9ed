/**
 * The library's search box (name, guest, path) and, while a search or a filter hides VMs, how many are
 * shown and a way to show them all again. The query is the store's, so the pane and Home agree.
 */
import { useT } from '../../i18n/context.js';
import { Icon } from '../../kit/Icon/Icon.js';
import { useHako } from '../../store/context.js';
import { DEFAULT_QUERY, isFiltering } from '../../store/index.js';
import './LibrarySearch.css';

export function LibrarySearch() {
  const { t } = useT();
  const text = useHako((s) => s.query.text);
  const setQuery = useHako((s) => s.setQuery);
  return (
    <div className="library-search">
      <Icon name="search" className="library-search-icon" />
      <input
        type="search"
        className="input library-search-input"
        aria-label={t('library.search.label')}
        placeholder={t('library.search.label')}
        value={text}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setQuery({ text: event.target.value })}
      />
    </div>
  );
}

/** "12 of 1,000 shown" and Show all, while the query hides some VMs. */
export function QueryStatus({ className }: { readonly className?: string }) {
  const { t } = useT();
  const shown = useHako((s) => s.visible.length);
  const total = useHako((s) => s.order.length);
  const filtered = useHako((s) => isFiltering(s.query));
  const setQuery = useHako((s) => s.setQuery);
  if (!filtered) return null;
  return (
    <p className={className ?? 'query-status'}>
      <span role="status">{t('library.shown', { shown, total })}</span>
      <button type="button" className="link-button" onClick={() => setQuery({ text: DEFAULT_QUERY.text, state: DEFAULT_QUERY.state })}>
        {t('library.showAll')}
      </button>
    </p>
  );
}
