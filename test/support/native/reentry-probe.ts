/**
 * Provokes the hang the dispatch lock stands for (stand-in/README.md): a completion callback that calls
 * back into computecore synchronously, from the JS thread, while the stand-in's thread waits for the
 * callback to return — what Hako's binding did before it learnt to only record in callbacks. Used by
 * main/native/reentry.test.ts in a process of its own (the deadlock counter is per process and the
 * suite requires it to stay 0 everywhere else), on Linux and under wine.
 */
import koffi from 'koffi';
import { bind, loadLibrary } from '../../../main/native/library.js';
import { standInControls } from './stand-in-controls.js';

export interface ReentryResult {
  /** The deadlock counter before and after. */
  readonly before: number;
  readonly after: number;
  /** What the call made inside the callback returned (unsigned). */
  readonly hresult: number;
}

export async function provokeReentry(timeoutMs: number): Promise<ReentryResult> {
  const controls = standInControls();
  controls.hcs.setDeadlockTimeout(timeoutMs);
  const cc = loadLibrary('computecore');
  const createOperation = bind(cc, 'HcsCreateOperation', 'void *', ['void *', 'void *']);
  const closeOperation = bind(cc, 'HcsCloseOperation', 'void', ['void *']);
  const getOperationResult = bind(cc, 'HcsGetOperationResult', 'int32_t', ['void *', koffi.out(koffi.pointer('void *'))]);
  const enumerate = bind(cc, 'HcsEnumerateComputeSystems', 'int32_t', ['str16', 'void *']);
  const localFree = process.platform === 'win32' ? bind(loadLibrary('kernel32'), 'LocalFree', 'void *', ['void *']) : bind(cc, 'LocalFree', 'void *', ['void *']);
  const before = controls.hcs.deadlockCount();
  let hresult = 0;
  let done!: () => void;
  const called = new Promise<void>((resolve) => (done = resolve));
  const completion = koffi.register(
    (op: unknown) => {
      // The mistake: into computecore from inside the callback, on the JS thread.
      const out: unknown[] = [null];
      hresult = (getOperationResult(op, out) as number) >>> 0;
      if (typeof out[0] === 'bigint' && out[0] !== 0n) localFree(out[0]);
      done();
    },
    koffi.pointer(koffi.proto('__stdcall', null, 'void', ['void *', 'void *'])),
  );
  const op = createOperation(null, completion) as bigint;
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    // Issued off the JS thread, so that the JS thread is free to run the callback.
    enumerate.async(null, op, () => undefined);
    await called;
  } finally {
    clearInterval(keepAlive);
  }
  // The callback has returned; closing is safe now (and on the JS thread, nothing is dispatching).
  await new Promise((resolve) => setTimeout(resolve, 50));
  closeOperation(op);
  koffi.unregister(completion);
  controls.hcs.setDeadlockTimeout(0);
  return { before, after: controls.hcs.deadlockCount(), hresult };
}
