import { describe, expect, it } from 'vitest';
import en from './messages/en.json' with { type: 'json' };
import zh from './messages/zh-CN.json' with { type: 'json' };
import { errorText } from './text.js';
import { createTranslator } from './translator.js';

describe('errors in the window’s language', () => {
  const refused = { code: 'StartBlocked', message: '/NanaBox/ComPorts/ComPort1: "COM1" is not a named pipe', params: { path: '/vms/a.7b', finding: 'comport.not-pipe', found: 'COM1' } };

  it('says a refused start in English as main worded it', () => {
    expect(errorText(createTranslator('en', en), refused).message).toBe(refused.message);
  });

  it('says a refused start in another language in the words its field shows', () => {
    const text = errorText(createTranslator('zh-CN', zh), refused);
    expect(text.message).toBe(createTranslator('zh-CN', zh).t('finding.comport.not-pipe', { found: 'COM1' }));
    expect(text.original).toBe(refused.message);
  });
});
