/**
 * The shell's words (tray, native dialogs, notifications, the session-end reason) from the same
 * catalogue as the window, in the language the window uses: the `language` preference, else the first
 * of Windows' preferred languages that Hako has. Main holds every catalogue (they are small, and the
 * tray must be able to switch at once).
 */
import en from '../../app/i18n/messages/en.json' with { type: 'json' };
import zh from '../../app/i18n/messages/zh-CN.json' with { type: 'json' };
import type { Messages } from '../../app/i18n/catalogue.js';
import { resolveLocale, type LanguageChoice, type Locale } from '../../app/i18n/locales.js';
import { createTranslator, type Translator } from '../../app/i18n/translator.js';

const CATALOGUES: Readonly<Record<Locale, Messages>> = { en, 'zh-CN': zh };

const translators = new Map<Locale, Translator>();

export function translatorFor(locale: Locale): Translator {
  let translator = translators.get(locale);
  if (translator === undefined) translators.set(locale, (translator = createTranslator(locale, CATALOGUES[locale])));
  return translator;
}

/** The shell's translator for the user's choice and the system's preferred languages. */
export function shellTranslator(choice: LanguageChoice | undefined, systemLanguages: readonly string[]): Translator {
  return translatorFor(resolveLocale(choice, systemLanguages));
}
