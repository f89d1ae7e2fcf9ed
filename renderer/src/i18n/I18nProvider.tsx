/**
 * Loads the active language's catalogue (one chunk per language, fetched when first needed: the
 * initial bundle holds none) and hands its translator to the window. Until the first catalogue is in,
 * nothing renders (it is a local file: a few milliseconds); a later switch keeps showing the previous
 * language until the next one is in. Sets <html lang> so assistive technology reads the right language.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DEFAULT_LOCALE, PSEUDO_LOCALE, isLocale } from '../../../app/i18n/locales.js';
import { loadMessages } from '../../../app/i18n/catalogue.js';
import { createTranslator, type LoadedMessages, type Translator } from '../../../app/i18n/translator.js';
import { useHako } from '../store/context.js';
import { I18nContext } from './context.js';
import { chooseLocale, pseudoLocaleRequested } from './locale-choice.js';

const pseudo = pseudoLocaleRequested();

async function catalogue(locale: string): Promise<LoadedMessages> {
  if (locale === PSEUDO_LOCALE) {
    const [{ pseudoMessages }, english] = await Promise.all([import('./pseudo.js'), loadMessages('en')]);
    return pseudoMessages(english);
  }
  return loadMessages(isLocale(locale) ? locale : DEFAULT_LOCALE);
}

const warn = (error: Error) => console.warn(`i18n: ${error.message}`);

export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const choice = useHako((s) => s.preferences?.language);
  const systemLanguages = useHako(useShallow((s) => s.app?.languages ?? []));
  const wanted = pseudo ? PSEUDO_LOCALE : chooseLocale(choice, systemLanguages);
  const [translator, setTranslator] = useState<Translator | null>(null);

  useEffect(() => {
    let current = true;
    catalogue(wanted)
      .catch(() => loadMessages(DEFAULT_LOCALE))
      .then((messages) => {
        if (current) setTranslator(createTranslator(wanted, messages, { onError: warn }));
      })
      .catch(warn);
    return () => {
      current = false;
    };
  }, [wanted]);

  useEffect(() => {
    if (translator !== null) document.documentElement.lang = translator.locale;
  }, [translator]);

  if (translator === null) return null;
  return <I18nContext.Provider value={translator}>{children}</I18nContext.Provider>;
}
