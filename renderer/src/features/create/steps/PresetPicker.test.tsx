import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import en from '../../../../../app/i18n/messages/en.json' with { type: 'json' };
import zh from '../../../../../app/i18n/messages/zh-CN.json' with { type: 'json' };
import { createTranslator } from '../../../../../app/i18n/translator.js';
import { I18nContext } from '../../../i18n/context.js';
import { PresetPicker } from './PresetPicker.js';

function describedLinux(messages: typeof en, locale: string): string {
  render(
    <I18nContext.Provider value={createTranslator(locale, messages)}>
      <PresetPicker value="linux" onChange={() => undefined} />
    </I18nContext.Provider>,
  );
  const radio = screen.getAllByRole('radio').find((input) => (input as HTMLInputElement).value === 'linux')!;
  return document.getElementById(radio.getAttribute('aria-describedby')!)!.textContent!;
}

describe('the preset picker', () => {
  it('joins a preset’s sentence and its sizes with a space in English', () => {
    expect(describedLinux(en, 'en')).toMatch(/\. 2 processors, 4 GB memory, 32 GB disk\.$/);
  });

  it('joins them with no space after a Chinese full stop', () => {
    expect(describedLinux(zh, 'zh-CN')).toMatch(/。2 个处理器，4 GB 内存，32 GB 磁盘。$/);
  });
});
