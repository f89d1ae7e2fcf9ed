/**
 * The words of the create, clone and delete screens, from the message catalogue (app/i18n). Until the
 * renderer's language context (`useT()` from renderer/src/i18n/context.tsx, being built on the i18n
 * branch) is in, this gives the English translator with the same interface; swapping the import is then
 * the whole change.
 */
import en from '../../../../app/i18n/messages/en.json';
import { createTranslator, type Translator } from '../../../../app/i18n/translator.js';

const english = createTranslator('en', en);

export function useT(): Translator {
  return english;
}
