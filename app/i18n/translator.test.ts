import { describe, expect, it } from 'vitest';
import { loadMessages } from './catalogue.js';
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
});
