import { describe, expect, it } from 'vitest';
import { translatorFor } from './i18n.js';
import { operationNotification, vmStopNotification } from './notification-policy.js';

const en = translatorFor('en');

const vm = (state: 'Running' | 'Error' | 'Stopped') => ({ path: 'C:\\VMs\\Lab.7b', id: 'Lab', state, lastError: state === 'Error' ? { code: 'HCS_E_UNEXPECTED_EXIT', message: 'The guest crashed.' } : null });

describe('notifications', () => {
  it('say when a running VM stops unexpectedly, if the user wants them', () => {
    expect(vmStopNotification('Running', vm('Error'), true, en)).toEqual({ title: 'Lab stopped unexpectedly', body: 'The guest crashed.' });
    expect(vmStopNotification('Running', vm('Error'), false, en)).toBeNull();
    expect(vmStopNotification('Starting', vm('Error'), true, en)).toBeNull();
    expect(vmStopNotification('Running', vm('Stopped'), true, en)).toBeNull();
  });

  it('speak the user’s language', () => {
    expect(vmStopNotification('Running', vm('Error'), true, translatorFor('zh-CN'))?.title).toBe('Lab 意外停止');
    expect(operationNotification({ kind: 'disk.compact', done: true }, false, true, translatorFor('zh-CN'))?.title).toBe('压缩磁盘已完成');
  });

  it('say when a long operation ends while the window is hidden', () => {
    expect(operationNotification({ kind: 'disk.compact', done: true }, false, true, en)).toEqual({ title: 'Compacting the disk is done', body: 'Open Hako to see the result.' });
    expect(operationNotification({ kind: 'vm.clone', done: true, error: { message: 'disk full' } }, false, true, en)).toEqual({ title: 'Cloning the VM failed', body: 'disk full' });
    expect(operationNotification({ kind: 'disk.compact', done: true }, true, true, en)).toBeNull();
    expect(operationNotification({ kind: 'disk.compact', done: false }, false, true, en)).toBeNull();
    expect(operationNotification({ kind: 'disk.compact', done: true }, false, false, en)).toBeNull();
  });
});
