/**
 * The languages Hako speaks, and which one a person gets: their choice in Preferences, else the first
 * of their system's preferred languages that Hako has, else English. Shared by main (tray, dialogs,
 * notifications) and the renderer, so both always speak the same language.
 */

/** Every language with a complete catalogue in app/i18n/messages/. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** The `language` preference: follow the system, or one of the locales. */
export const LANGUAGE_CHOICES = ['system', ...LOCALES] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/**
 * A pseudo-locale for layout tests: English made longer and accented, so truncation, overlap and
 * strings that bypass the catalogue show. Never offered in Preferences; the browser host's UI takes it
 * from its address (`?locale=en-XA`) for development and the screenshot tests.
 */
export const PSEUDO_LOCALE = 'en-XA';

export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first of `languages` (BCP 47 tags, most preferred first) Hako has. Any Chinese maps to
 * Simplified Chinese, the only Chinese catalogue: Traditional-script readers understand it far better
 * than a fallback to English.
 */
export function matchLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en';
  }
  return DEFAULT_LOCALE;
}

export function resolveLocale(choice: LanguageChoice | undefined, systemLanguages: readonly string[]): Locale {
  return choice !== undefined && choice !== 'system' ? choice : matchLocale(systemLanguages);
}
