/**
 * The browser host's secret: in the printed URL's fragment (`#secret=…`, which is never sent to a
 * server) on the first visit, then in this tab's sessionStorage so a reload keeps working. It leaves
 * the address bar (and the history) at once.
 */
const SECRET_KEY = 'hako.secret';

export function takeHostSecret(): string {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('secret');
  if (fromUrl !== null) {
    sessionStorage.setItem(SECRET_KEY, fromUrl);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  return fromUrl ?? sessionStorage.getItem(SECRET_KEY) ?? '';
}
