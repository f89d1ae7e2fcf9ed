import { describe, expect, it } from 'vitest';
import { newVmConfig } from '../../../../app/config/index.js';
import en from '../../../../app/i18n/messages/en.json' with { type: 'json' };
import { createTranslator } from '../../../../app/i18n/translator.js';
import { folderHints } from './folder-hints.js';
import { recentOutsideLibrary } from './HomePage.js';
import { vmSummary } from './VmCard.js';

const tr = createTranslator('en', en);

describe('the library at a glance', () => {
  it('leaves an unknown guest out of a card’s summary instead of calling it "Guest"', () => {
    const config = newVmConfig('Lab').config;
    expect(vmSummary(tr, { ...config, GuestType: 'Unknown', ProcessorCount: 3, MemorySize: 4096 })).toBe('3 processors · 4 GB');
    expect(vmSummary(tr, { ...config, GuestType: 'Linux', ProcessorCount: 1, MemorySize: 512 })).toBe('Linux · 1 processor · 512 MB');
  });

  it('does not list a recent file that is in the library, whatever its case or separators', () => {
    expect(recentOutsideLibrary(['C:\\VMs\\Lab\\Lab.7b', 'C:\\VMs\\Old\\Old.7b'], ['c:/vms/lab/LAB.7b'])).toEqual(['C:\\VMs\\Old\\Old.7b']);
  });

  it('tells two VMs with one name apart by their folders', () => {
    const hints = folderHints([
      { path: 'D:\\VMs\\Lab\\Lab.7b', name: 'Lab' },
      { path: 'E:\\Copies\\Lab.7b', name: 'lab' },
      { path: 'D:\\VMs\\Other\\Other.7b', name: 'Other' },
    ]);
    expect(hints.get('D:\\VMs\\Lab\\Lab.7b')).toBe('Lab');
    expect(hints.get('E:\\Copies\\Lab.7b')).toBe('Copies');
    expect(hints.has('D:\\VMs\\Other\\Other.7b')).toBe(false);
  });
});
