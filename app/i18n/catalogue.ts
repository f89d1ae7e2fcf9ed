/**
 * The message catalogue: one flat JSON file per locale in messages/, keys namespaced by feature
 * (`library.sidebar.empty`, `vm.action.start`, `error.VmRunning`), values in ICU MessageFormat (plurals,
 * selects, `{name}` arguments). en.json is the reference: its keys are the `MessageKey` type, so a key
 * used in code but missing from English does not compile, and a test checks every other locale has
 * exactly the same keys and arguments.
 *
 * Each locale loads on its own (a dynamic import, so the renderer's bundler makes one chunk per locale
 * and the initial bundle holds none).
 */
import type EN from './messages/en.json';
import type { Locale } from './locales.js';

export type MessageKey = keyof typeof EN;
export type Messages = Readonly<Record<MessageKey, string>>;

/** Values an ICU message takes. */
export type MessageValues = Readonly<Record<string, string | number | boolean | Date | null | undefined>>;

const LOADERS: Readonly<Record<Locale, () => Promise<{ default: Messages }>>> = {
  en: () => import('./messages/en.json', { with: { type: 'json' } }),
  'zh-CN': () => import('./messages/zh-CN.json', { with: { type: 'json' } }),
};

const loaded = new Map<Locale, Promise<Messages>>();

/** The catalogue of a locale, loaded once. */
export function loadMessages(locale: Locale): Promise<Messages> {
  let messages = loaded.get(locale);
  if (messages === undefined) {
    messages = LOADERS[locale]().then((module) => module.default);
    loaded.set(locale, messages);
    // A failed load (a chunk that did not arrive) may be retried.
    messages.catch(() => loaded.delete(locale));
  }
  return messages;
}
