/**
 * The UI's words in a locale, from the same catalogue the window uses, so one journey runs in English,
 * Chinese or the pseudo-locale: `w('vm.tabs.settings')` is what the Settings tab is called there.
 */
import type { MessageKey, MessageValues } from '../../app/i18n/catalogue.js';
import en from '../../app/i18n/messages/en.json' with { type: 'json' };
import zh from '../../app/i18n/messages/zh-CN.json' with { type: 'json' };
import { createTranslator } from '../../app/i18n/translator.js';
import { pseudoMessages } from '../../renderer/src/i18n/pseudo.js';

export type TestLocale = 'en' | 'zh-CN' | 'en-XA';
export type Words = (key: MessageKey, values?: MessageValues) => string;

export function wordsFor(locale: TestLocale): Words {
  const messages = locale === 'en' ? en : locale === 'zh-CN' ? zh : pseudoMessages(en);
  const tr = createTranslator(locale, messages);
  return (key, values) => tr.t(key, values);
}
