import { describe, expect, it } from 'vitest';
import { HakoError } from '../../app/errors/error-info.js';
import { BackgroundOperations, type OperationProgress } from './operations.js';

function doneReport(operations: BackgroundOperations, operationId: string): Promise<OperationProgress> {
  return new Promise((resolve) => {
    const stop = operations.onProgress((progress) => {
      if (progress.operationId !== operationId || !progress.done) return;
      stop();
      resolve(progress);
    });
  });
}

describe('background operations', () => {
  it('a cancelled operation ends with the code Cancelled, whatever its work threw on abort', async () => {
    const operations = new BackgroundOperations();
    const { operationId } = operations.start('vm.create', ({ signal }) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))));
    const done = doneReport(operations, operationId);
    operations.cancel(operationId);
    expect(await done).toMatchObject({ done: true, error: { code: 'Cancelled' } });
  });

  it('a failure of its own keeps its code, and a success carries its result', async () => {
    const operations = new BackgroundOperations();
    const failing = operations.start('vm.clone', () => Promise.reject(new HakoError('FileExists', 'taken', { path: '/x' })));
    expect(await doneReport(operations, failing.operationId)).toMatchObject({ error: { code: 'FileExists' } });
    const working = operations.start('vm.create', () => Promise.resolve({ path: '/vms/a/a.7b' }));
    const done = await doneReport(operations, working.operationId);
    expect(done).toMatchObject({ done: true, result: { path: '/vms/a/a.7b' } });
    expect(done).not.toHaveProperty('error');
  });
});
