/**
 * A translator over one locale's catalogue, the same in main and in the renderer: messages through
 * FormatJS (ICU MessageFormat, no eval, so it runs under the renderer's strict CSP), and numbers, sizes,
 * dates and lists through `Intl` in that locale.
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { formatBytes, formatMegabytes } from '../format/bytes.js';
import type { MessageKey, MessageValues } from './catalogue.js';

/** A catalogue as the translator takes it: ICU text, or text already parsed (the pseudo-locale's). */
export type LoadedMessages = Readonly<Record<string, string | MessageFormatElement[]>>;

export interface Translator {
  readonly locale: string;
  /** The message for `key`, formatted with `values`. */
  t(key: MessageKey, values?: MessageValues): string;
  /**
   * The message for a key built at run time (an error code, a finding code), or null when the catalogue
   * has no such key or `values` lacks an argument it needs: the caller then shows its own fallback.
   */
  maybe(key: string, values?: MessageValues): string | null;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** Bytes as Windows shows sizes ("1.5 GB"), in this locale's digits. */
  bytes(value: number): string;
  /** A `.7b` MemorySize (MB) the same way. */
  megabytes(value: number): string;
  dateTime(value: number | Date, options?: Intl.DateTimeFormatOptions): string;
  /** "a, b and c" in this locale's words. */
  list(items: readonly string[], type?: 'conjunction' | 'disjunction'): string;
  readonly intl: IntlShape<string>;
}

const cache = createIntlCache();

type MessageFormatter = ReturnType<IntlShape<string>['formatters']['getMessageFormat']>;

/** No rich-text tags: messages quote characters like `<Name>.vmgs` and `< > " |`, which must stay text. */
const NO_TAGS = { ignoreTag: true } as const;

/** Argument names of an ICU message (nested in plurals and selects too). */
function argumentsOf(elements: readonly MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      argumentsOf(element.children, out);
      continue;
    }
    out.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, out);
    }
  }
  return out;
}

const argumentCache = new WeakMap<object, Map<string, Set<string>>>();

function requiredArguments(messages: LoadedMessages, key: string): Set<string> | null {
  const message = messages[key];
  if (message === undefined) return null;
  let perCatalogue = argumentCache.get(messages);
  if (perCatalogue === undefined) argumentCache.set(messages, (perCatalogue = new Map()));
  let names = perCatalogue.get(key);
  if (names === undefined) {
    names = argumentsOf(typeof message === 'string' ? parse(message, NO_TAGS) : message);
    perCatalogue.set(key, names);
  }
  return names;
}

export interface TranslatorOptions {
  /** Told about a key the catalogue lacks or a message that cannot be formatted (tests fail on it). */
  readonly onError?: (error: Error) => void;
}

export function createTranslator(locale: string, messages: LoadedMessages, options: TranslatorOptions = {}): Translator {
  const report = options.onError ?? (() => undefined);
  const intl = createIntl<string>({ locale, messages: messages as Record<string, string>, defaultLocale: 'en', onError: report }, cache);
  // The pseudo-locale formats numbers and dates as English does.
  const formatLocale = locale === 'en-XA' ? 'en' : locale;
  const lists = new Map<string, Intl.ListFormat>();
  // One formatter per key, made as FormatJS's formatMessage makes it. Its own cache finds a formatter by
  // serialising the message and its options on every call, which was a tenth of a library search's
  // script (every row formats its summary, state and labels as it appears).
  const formatters = new Map<string, MessageFormatter>();
  const format = (key: string, values: MessageValues | undefined): string => {
    const message = Object.hasOwn(messages, key) ? messages[key] : undefined;
    if (message !== undefined) {
      let formatter = formatters.get(key);
      if (formatter === undefined) {
        formatter = intl.formatters.getMessageFormat(message, locale, intl.formats, { formatters: intl.formatters, ...NO_TAGS });
        formatters.set(key, formatter);
      }
      try {
        const text = formatter.format(values as Record<string, string> | undefined);
        if (typeof text === 'string') return text;
      } catch {
        // Formatted again below, where FormatJS reports the error and picks the fallback.
      }
    }
    return intl.formatMessage({ id: key }, values as Record<string, string>, NO_TAGS);
  };
  return {
    locale,
    intl,
    t: format,
    maybe(key, values = {}) {
      const needed = requiredArguments(messages, key);
      if (needed === null) return null;
      for (const name of needed) if (values[name] === undefined || values[name] === null) return null;
      return format(key, values);
    },
    number: (value, numberOptions) => new Intl.NumberFormat(formatLocale, numberOptions).format(value),
    // Below 1 KB the unit is a word ("bytes", "字节"); KB, MB, GB are the same in every locale Hako has.
    bytes: (value) => formatBytes(value, formatLocale, (count, text) => intl.formatMessage({ id: 'format.bytes' }, { count, text }, NO_TAGS)),
    megabytes: (value) => formatMegabytes(value, formatLocale),
    dateTime: (value, dateOptions = { dateStyle: 'medium', timeStyle: 'medium' }) => new Intl.DateTimeFormat(formatLocale, dateOptions).format(value),
    list(items, type = 'conjunction') {
      let format = lists.get(type);
      if (format === undefined) lists.set(type, (format = new Intl.ListFormat(formatLocale, { type })));
      return format.format(items);
    },
  };
}
