import { describe, expect, it } from 'vitest';
import en from '../../../../../app/i18n/messages/en.json' with { type: 'json' };
import { createTranslator } from '../../../../../app/i18n/translator.js';
import { actionNotice } from './action-notices.js';

const tr = createTranslator('en', en);

describe('action notices', () => {
  it('words a failed action with the VM’s name and keeps code, HRESULT and advice', () => {
    const error = { code: 'HCS_E_ACCESS_DENIED', message: 'Access is denied.', hresult: '0x80070005', advice: 'Run Hako as administrator.' };
    expect(actionNotice(tr, 'a', 'start', { status: 'failed', error })).toEqual({ kind: 'message', tone: 'error', title: 'Start failed for a', error });
  });

  it('says so when the guest did not shut down in time, and nothing when it did', () => {
    expect(actionNotice(tr, 'a', 'shutdown', { status: 'done', result: { stopped: false, reason: 'timeout' } })).toMatchObject({ tone: 'info', title: 'a is still running' });
    expect(actionNotice(tr, 'a', 'shutdown', { status: 'done', result: { stopped: true } })).toBeNull();
  });

  it('names each setting a reload was about: applied, waiting for a restart, failed', () => {
    const notice = actionNotice(tr, 'a', 'reload', {
      status: 'done',
      result: [
        { path: '/NanaBox/MemorySize', setting: 'Memory', outcome: 'applied' },
        { path: '/NanaBox/ProcessorCount', setting: 'Processors', outcome: 'needs-restart' },
        { path: '/NanaBox/ComPorts/ComPort1', setting: 'COM1', outcome: 'failed', error: { code: 'X', message: 'pipe busy' } },
      ],
    });
    expect(notice).toMatchObject({
      tone: 'error',
      title: 'Some settings could not be applied',
      message: 'Applied now: Memory. Waits for a restart: Processors. COM1 could not be applied: pipe busy',
    });
    const waiting = actionNotice(tr, 'a', 'reload', {
      status: 'done',
      result: [
        { path: '/NanaBox/ProcessorCount', setting: 'Processors', outcome: 'needs-restart' },
        { path: '/NanaBox/VideoMonitor', setting: 'Display', outcome: 'needs-restart' },
      ],
    });
    expect(waiting).toMatchObject({ tone: 'info', title: 'Nothing could change while the VM runs', message: 'Wait for a restart: Processors and Display.' });
    expect(actionNotice(tr, 'a', 'reload', { status: 'done', result: [] })).toMatchObject({ message: 'The running VM already uses what the file says.' });
  });

  it('says that an NMI went out, since nothing else shows it', () => {
    expect(actionNotice(tr, 'a', 'crash', { status: 'done', result: undefined })).toMatchObject({ tone: 'info', title: 'NMI sent to a' });
  });

  it('stays quiet about plain successes and refused actions', () => {
    expect(actionNotice(tr, 'a', 'start', { status: 'done', result: undefined })).toBeNull();
    expect(actionNotice(tr, 'a', 'pause', { status: 'busy' })).toBeNull();
  });
});
