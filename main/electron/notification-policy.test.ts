import { describe, expect, it } from 'vitest';
import { operationNotification, vmStopNotification } from './notification-policy.js';

const vm = (state: 'Running' | 'Error' | 'Stopped') => ({ path: 'C:\\VMs\\Lab.7b', id: 'Lab', state, lastError: state === 'Error' ? { code: 'HCS_E_UNEXPECTED_EXIT', message: 'The guest crashed.' } : null });

describe('notifications', () => {
  it('say when a running VM stops unexpectedly, if the user wants them', () => {
    expect(vmStopNotification('Running', vm('Error'), true)).toEqual({ title: 'Lab stopped unexpectedly', body: 'The guest crashed.' });
    expect(vmStopNotification('Running', vm('Error'), false)).toBeNull();
    expect(vmStopNotification('Starting', vm('Error'), true)).toBeNull();
    expect(vmStopNotification('Running', vm('Stopped'), true)).toBeNull();
  });

  it('say when a long operation ends while the window is hidden', () => {
    expect(operationNotification({ kind: 'disk.compact', done: true }, false, true)).toEqual({ title: 'Compacting the disk is done', body: 'Open Hako to see the result.' });
    expect(operationNotification({ kind: 'vm.clone', done: true, error: { message: 'disk full' } }, false, true)).toEqual({ title: 'Cloning the VM failed', body: 'disk full' });
    expect(operationNotification({ kind: 'disk.compact', done: true }, true, true)).toBeNull();
    expect(operationNotification({ kind: 'disk.compact', done: false }, false, true)).toBeNull();
    expect(operationNotification({ kind: 'disk.compact', done: true }, false, false)).toBeNull();
  });
});
