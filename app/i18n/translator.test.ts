import { describe, expect, it } from 'vitest';
import { loadMessages } from './catalogue.js';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { createTranslator } from './translator.js';

describe('the translator', () => {
  it('formats ICU plurals, and numbers and sizes in the locale', async () => {
    const en = createTranslator('en', await loadMessages('en'));
    expect(en.t('settings.problems', { count: 1 })).toBe('1 problem');
    expect(en.t('settings.problems', { count: 3 })).toBe('3 problems');
    expect(en.megabytes(1536)).toBe('1.5 GB');
    const zh = createTranslator('zh-CN', await loadMessages('zh-CN'));
    expect(zh.t('settings.problems', { count: 3 })).toBe('3 个问题');
    expect(zh.list(['a', 'b', 'c'])).toBe('a、b和c');
    // Sizes below 1 KB say their unit in the locale's words.
    expect([en.bytes(1), en.bytes(610), en.bytes(2048)]).toEqual(['1 byte', '610 bytes', '2 KB']);
    expect([zh.bytes(610), zh.bytes(2048)]).toEqual(['610 字节', '2 KB']);
  });

  it('keeps angle brackets as text', async () => {
    const en = createTranslator('en', await loadMessages('en'));
    expect(en.t('doc.GuestStateFile')).toBe('Defaults to <Name>.vmgs.');
  });

  it('answers null for a key it lacks or a message missing an argument', async () => {
    const en = createTranslator('en', await loadMessages('en'));
    expect(en.maybe('error.NoSuchCode')).toBeNull();
    expect(en.maybe('finding.path.missing', {})).toBeNull();
    expect(en.maybe('finding.path.missing', { file: 'a.vhdx' })).toBe('a.vhdx does not exist (yet)');
  });

  it('formats every message as FormatJS does, once its formatter is kept', async () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const messages = await loadMessages(locale);
      const tr = createTranslator(locale, messages);
      for (const [key, text] of Object.entries(messages)) {
        // Every argument as 2: a plural's count, a number, or text, whatever the message takes.
        const values = Object.fromEntries([...argumentNames(parse(text, { ignoreTag: true }))].map((name) => [name, 2]));
        const expected = tr.intl.formatMessage({ id: key }, values, { ignoreTag: true });
        expect(tr.t(key as never, values), `${locale} ${key}`).toBe(expected);
        // The kept formatter takes new values each time.
        expect(tr.t(key as never, values), `${locale} ${key} again`).toBe(expected);
      }
    }
    const en = createTranslator('en', await loadMessages('en'));
    expect([en.t('settings.problems', { count: 1 }), en.t('settings.problems', { count: 4 })]).toEqual(['1 problem', '4 problems']);
  });

  it('still reports a message it cannot format, and a key it lacks', async () => {
    const errors: Error[] = [];
    const en = createTranslator('en', await loadMessages('en'), { onError: (error) => errors.push(error) });
    expect(en.t('settings.problems', { count: 2 })).toBe('2 problems');
    const lacking = en.t('settings.problems');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/settings\.problems/);
    expect(lacking).toBe(createTranslator('en', await loadMessages('en')).intl.formatMessage({ id: 'settings.problems' }, {}, { ignoreTag: true }));
    expect(en.t('no.such.key' as never)).toBe('no.such.key');
    expect(errors).toHaveLength(2);
  });
});

function argumentNames(elements: readonly MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) argumentNames(element.children, out);
    else out.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) argumentNames(option.value, out);
  }
  return out;
}
