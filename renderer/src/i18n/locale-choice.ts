/**
 * Which locale the window shows: the pseudo-locale when the browser host's page was opened with
 * `?locale=en-XA` (kept for this tab's reloads; never in Electron, so never in the packaged app), else
 * the preference, else the system's languages: Electron's preferred system languages as main reports
 * them, or in the browser host the browser's own `navigator.languages`.
 */
import { PSEUDO_LOCALE, resolveLocale, type LanguageChoice, type Locale } from '../../../app/i18n/locales.js';

const PSEUDO_KEY = 'hako.locale';

export function pseudoLocaleRequested(): boolean {
  if (window.hako !== undefined) return false;
  const asked = new URLSearchParams(location.search).get('locale');
  if (asked !== null) sessionStorage.setItem(PSEUDO_KEY, asked);
  return (asked ?? sessionStorage.getItem(PSEUDO_KEY)) === PSEUDO_LOCALE;
}

export function chooseLocale(choice: LanguageChoice | undefined, systemLanguages: readonly string[]): Locale {
  return resolveLocale(choice, systemLanguages.length > 0 ? systemLanguages : navigator.languages);
}
