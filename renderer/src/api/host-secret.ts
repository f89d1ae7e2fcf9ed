/**
 * The browser host's secret: in the printed URL's fragment (`#secret=…`, which is never sent to a
 * server) on the first visit, then in this tab's sessionStorage so a reload keeps working. It leaves
 * the address bar (and the history) at once.
 */
const SECRET_KEY = 'hako.secret';

/** The secret in the address's fragment, kept for this tab and dropped from the address; null when none. */
function secretFromUrl(): string | null {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('secret');
  if (fromUrl !== null) {
    sessionStorage.setItem(SECRET_KEY, fromUrl);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  return fromUrl;
}

export function takeHostSecret(): string {
  return secretFromUrl() ?? sessionStorage.getItem(SECRET_KEY) ?? '';
}

/**
 * A restarted host on the same port prints an address that differs from this page's only in its
 * fragment, and opening it in this tab changes only the fragment, which loads nothing: load the page
 * again, with the new secret. Returns the function that stops watching.
 */
export function reloadOnNewSecret(current: string, reload: () => void = () => location.reload()): () => void {
  const onHashChange = () => {
    const next = secretFromUrl();
    if (next !== null && next !== current) reload();
  };
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}
