import { describe, expect, it } from 'vitest';
import { actionNotice } from './action-notices.js';

describe('action notices', () => {
  it('words a failed action with the VM’s name and keeps code, HRESULT and advice', () => {
    const error = { code: 'HCS_E_ACCESS_DENIED', message: 'Access is denied.', hresult: '0x80070005', advice: 'Run Hako as administrator.' };
    expect(actionNotice('a', 'start', { status: 'failed', error })).toEqual({ kind: 'message', tone: 'error', title: 'Start failed for a', error });
  });

  it('says so when the guest did not shut down in time, and nothing when it did', () => {
    expect(actionNotice('a', 'shutdown', { status: 'done', result: { stopped: false, reason: 'timeout' } })).toMatchObject({ tone: 'info', title: 'a is still running' });
    expect(actionNotice('a', 'shutdown', { status: 'done', result: { stopped: true } })).toBeNull();
  });

  it('names each setting a reload was about: applied, waiting for a restart, failed', () => {
    const notice = actionNotice('a', 'reload', {
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
      message: 'Applied now: Memory. Waits for a restart: Processors. COM1 could not be applied: pipe busy.',
    });
    const waiting = actionNotice('a', 'reload', {
      status: 'done',
      result: [
        { path: '/NanaBox/ProcessorCount', setting: 'Processors', outcome: 'needs-restart' },
        { path: '/NanaBox/VideoMonitor', setting: 'Display resolution', outcome: 'needs-restart' },
      ],
    });
    expect(waiting).toMatchObject({ tone: 'info', title: 'Nothing could change while the VM runs', message: 'Wait for a restart: Processors, Display resolution.' });
    expect(actionNotice('a', 'reload', { status: 'done', result: [] })).toMatchObject({ message: 'The running VM already uses what the file says.' });
  });

  it('stays quiet about plain successes and refused actions', () => {
    expect(actionNotice('a', 'start', { status: 'done', result: undefined })).toBeNull();
    expect(actionNotice('a', 'pause', { status: 'busy' })).toBeNull();
  });
});
