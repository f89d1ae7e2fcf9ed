import { describe, expect, it } from 'vitest';
import en from '../../../../app/i18n/messages/en.json' with { type: 'json' };
import { createTranslator } from '../../../../app/i18n/translator.js';
import { pseudoMessages } from '../../i18n/pseudo.js';
import { folderHints } from './folder-hints.js';
import { recentOutsideLibrary } from './HomePage.js';
import { vmSummary } from './VmCard.js';

const tr = createTranslator('en', en);

describe('the library at a glance', () => {
  it('leaves an unknown guest out of a card’s summary instead of calling it "Guest"', () => {
    expect(vmSummary(tr, { guest: null, processors: 3, memoryMb: 4096, loading: false })).toBe('3 processors · 4 GB');
    expect(vmSummary(tr, { guest: 'Linux', processors: 1, memoryMb: 512, loading: false })).toBe('Linux · 1 processor · 512 MB');
    expect(vmSummary(tr, { guest: null, processors: null, memoryMb: null, loading: false })).toBe('File cannot be read');
    expect(vmSummary(tr, { guest: null, processors: null, memoryMb: null, loading: true })).toBe('Reading…');
  });

  it('writes a summary again when the VM changes or the language does', () => {
    const vm = { guest: 'Linux' as const, processors: 2, memoryMb: 2048, loading: false };
    expect(vmSummary(tr, vm)).toBe('Linux · 2 processors · 2 GB');
    expect(vmSummary(tr, { ...vm, memoryMb: 4096 })).toBe('Linux · 2 processors · 4 GB');
    expect(vmSummary(createTranslator('en-XA', pseudoMessages(en)), vm)).not.toBe('Linux · 2 processors · 2 GB');
    expect(vmSummary(tr, vm)).toBe('Linux · 2 processors · 2 GB');
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
