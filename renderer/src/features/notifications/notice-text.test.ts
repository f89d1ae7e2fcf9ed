import { describe, expect, it } from 'vitest';
import en from '../../../../app/i18n/messages/en.json' with { type: 'json' };
import { createTranslator } from '../../../../app/i18n/translator.js';
import { noticeText } from './notice-text.js';

const tr = createTranslator('en', en);

describe('notice text', () => {
  it('words a finished operation by the label its feature gave it, else by its kind', () => {
    expect(noticeText(tr, { kind: 'operation-finished', tone: 'success', operation: 'disk.create', label: 'Creating a.vhdx' })).toEqual({ tone: 'success', title: 'Creating a.vhdx: done' });
    const error = { code: 'DiskFull', message: 'no space', advice: 'free some' };
    expect(noticeText(tr, { kind: 'operation-finished', tone: 'error', operation: 'disk.create', label: 'Creating a.vhdx', error })).toEqual({ tone: 'error', title: 'Creating a.vhdx failed', error });
    expect(noticeText(tr, { kind: 'operation-finished', tone: 'success', operation: 'vm.clone', label: null }).title).toBe('Cloning a VM: done');
  });

  it('says which VM main asked for could not be shown', () => {
    const error = { code: 'FileNotFound', message: 'gone' };
    expect(noticeText(tr, { kind: 'vm-unavailable', tone: 'error', path: '/a.7b', error })).toEqual({ tone: 'error', title: 'Could not show the VM', error });
  });
});
