/**
 * The translator for the components: `useT()` gives the active language's words (`t`), numbers, sizes,
 * dates and lists. The I18nProvider (./I18nProvider.tsx) supplies it; tests without one get the
 * translator set by `setTestTranslator` (English).
 */
import { createContext, useContext } from 'react';
import type { Translator } from '../../../app/i18n/translator.js';

export const I18nContext = createContext<Translator | null>(null);

let forTests: Translator | null = null;

/** Component tests render without the provider (no catalogue loading); they set English here once. */
export function setTestTranslator(translator: Translator): void {
  forTests = translator;
}

export function useT(): Translator {
  const translator = useContext(I18nContext) ?? forTests;
  if (translator === null) throw new Error('useT outside <I18nProvider>');
  return translator;
}
