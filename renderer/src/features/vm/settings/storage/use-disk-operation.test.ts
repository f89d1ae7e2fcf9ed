import { describe, expect, it } from 'vitest';
import { createStubApi } from '../../../../../../test/support/renderer/stub-api.js';
import { runOperation } from './use-disk-operation.js';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('a disk operation run by a dialog', () => {
  it('ends when its done report comes, even one that came before its id', async () => {
    const api = createStubApi();
    const started: string[] = [];
    const end = runOperation(
      api,
      async () => {
        api.emit('operations.progress', { operationId: ID, kind: 'disk.create', completed: 1, total: 1, done: true, result: { path: '/vms/a/b.vhdx' } });
        return { operationId: ID };
      },
      (id) => started.push(id),
    );
    await expect(end).resolves.toEqual({ ok: true, path: '/vms/a/b.vhdx' });
    expect(started).toEqual([ID]);
    expect(api.listenerCount('operations.progress')).toBe(0);
  });

  it('says a failure, and a cancel as such', async () => {
    const api = createStubApi();
    const failed = runOperation(api, async () => ({ operationId: ID }), () => undefined);
    await Promise.resolve();
    api.emit('operations.progress', { operationId: 'other', kind: 'disk.resize', completed: 0, total: 1, done: true });
    api.emit('operations.progress', { operationId: ID, kind: 'disk.resize', completed: 0, total: 1, done: true, error: { code: 'FileExists', message: 'x.vhdx already exists' } });
    await expect(failed).resolves.toMatchObject({ ok: false, cancelled: false, error: { code: 'FileExists' } });

    const cancelled = runOperation(api, async () => ({ operationId: ID }), () => undefined);
    await Promise.resolve();
    api.emit('operations.progress', { operationId: ID, kind: 'disk.resize', completed: 0, total: 1, done: true, error: { code: 'Cancelled', message: 'Cancelled.' } });
    await expect(cancelled).resolves.toMatchObject({ ok: false, cancelled: true });
  });

  it('says a refused start', async () => {
    const api = createStubApi();
    await expect(runOperation(api, () => Promise.reject(new Error('no')), () => undefined)).resolves.toMatchObject({ ok: false, cancelled: false, error: { message: 'no' } });
  });
});
