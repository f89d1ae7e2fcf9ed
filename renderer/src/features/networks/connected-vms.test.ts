import { describe, expect, it } from 'vitest';
import { loadMessages } from '../../../../app/i18n/catalogue.js';
import { createTranslator } from '../../../../app/i18n/translator.js';
import { connectedVms } from './connected-vms.js';

describe('connectedVms', () => {
  it('names up to four VMs, and three and how many more beyond', async () => {
    const en = createTranslator('en', await loadMessages('en'));
    expect(connectedVms(en, ['Alpha'])).toBe('Alpha');
    expect(connectedVms(en, ['Alpha', 'Beta', 'Gamma', 'Delta'])).toBe('Alpha, Beta, Gamma, and Delta');
    // "and 1 more" would take the room of the name it hides.
    expect(connectedVms(en, ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'])).toBe('Alpha, Beta, Gamma, and 2 more');
    expect(connectedVms(en, Array.from({ length: 12 }, (_, i) => `VM ${i}`))).toBe('VM 0, VM 1, VM 2, and 9 more');
  });

  it('speaks the locale', async () => {
    const zh = createTranslator('zh-CN', await loadMessages('zh-CN'));
    expect(connectedVms(zh, ['甲', '乙', '丙', '丁', '戊'])).toBe('甲、乙、丙和另外 2 台');
  });
});
