import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors/codes.js';
import { HRESULT, describeHresult } from '../errors/hresult.js';
import { VM_CONFIG_SPEC, type ObjectSpec } from '../config/spec.js';
import en from './messages/en.json' with { type: 'json' };
import zh from './messages/zh-CN.json' with { type: 'json' };
import { LOCALES } from './locales.js';
import { loadMessages } from './catalogue.js';

const catalogues: Record<string, Record<string, string>> = { en, 'zh-CN': zh };

/** Argument names (with their kinds: plain, plural, select…), nested ones too. */
function signature(elements: readonly MessageFormatElement[], out = new Map<string, number>()): Map<string, number> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      signature(element.children, out);
      continue;
    }
    out.set(element.value, element.type);
    if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) signature(option.value, out);
  }
  return out;
}

const parseMessage = (text: string) => parse(text, { ignoreTag: true });

describe('the message catalogue', () => {
  it('has every locale, each with exactly the English keys', () => {
    expect(Object.keys(catalogues).sort()).toEqual([...LOCALES].sort());
    for (const [locale, messages] of Object.entries(catalogues)) {
      const missing = Object.keys(en).filter((key) => !(key in messages));
      const extra = Object.keys(messages).filter((key) => !(key in en));
      expect({ locale, missing, extra }).toEqual({ locale, missing: [], extra: [] });
    }
  });

  it('has messages that parse, with the same arguments in every locale', () => {
    for (const [key, english] of Object.entries(en)) {
      const wanted = signature(parseMessage(english));
      for (const [locale, messages] of Object.entries(catalogues)) {
        const text = messages[key]!;
        expect(text.trim(), `${locale} ${key} is empty`).not.toBe('');
        // Names only: Chinese has no plural forms, so an English plural may be a plain number there.
        expect([...signature(parseMessage(text)).keys()].sort(), `${locale} ${key}`).toEqual([...wanted.keys()].sort());
      }
    }
  });

  it('names keys by feature, in dotted lower camel case', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)+$/);
  });

  it('translates every error code, HRESULT and field help the core can show', () => {
    for (const code of Object.keys(ERROR_CODES)) expect(en).toHaveProperty([`error.${code}`]);
    for (const [name, code] of Object.entries(HRESULT)) {
      const info = describeHresult(code);
      // The English catalogue says what app/errors/hresult.ts says, so the two never drift apart.
      expect(en[`hresult.${name}` as keyof typeof en]).toBe(info.message);
      expect(en[`hresult.${name}.advice` as keyof typeof en]).toBe(info.advice ?? undefined);
    }
    const docs = (spec: ObjectSpec, prefix: string): string[] =>
      Object.entries(spec.fields).flatMap(([key, field]) => [
        ...(field.doc ? [`doc.${prefix}${key}`] : []),
        ...(field.kind === 'object' || field.kind === 'object-list' ? docs(field.spec, `${prefix}${key}.`) : []),
      ]);
    for (const key of docs(VM_CONFIG_SPEC, '')) expect(en).toHaveProperty([key]);
  });

  it('loads a locale on demand', async () => {
    expect((await loadMessages('zh-CN'))['nav.home']).toBe('主页');
  });
});
