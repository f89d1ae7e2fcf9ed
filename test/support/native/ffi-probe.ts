/**
 * The binding's per-call cost, for `npm run bench -- native`: HcsCreateOperation + HcsCloseOperation
 * bound with library.ts's own `loadLibrary` + `bind` (the same library handle, `__stdcall`, the
 * signatures computecore.ts declares) and called as the binding calls them (a BigInt context, a
 * registered callback). computecore.ts exports no koffi function (no koffi value leaves main/native), so
 * the benchmark binds the pair here.
 */
import koffi from 'koffi';
import { bind, loadLibrary } from '../../../main/native/library.js';

export interface OperationPairProbe {
  /** Runs `pairs` create + close pairs; returns the mean nanoseconds per call. */
  round(pairs: number, firstContext: number): number;
  dispose(): void;
}

export function operationPairProbe(): OperationPairProbe {
  const computecore = loadLibrary('computecore');
  const createOperation = bind(computecore, 'HcsCreateOperation', 'void *', ['void *', 'void *']);
  const closeOperation = bind(computecore, 'HcsCloseOperation', 'void', ['void *']);
  const completion = koffi.register(() => undefined, koffi.pointer(koffi.proto('__stdcall', null, 'void', ['void *', 'void *'])));
  return {
    round(pairs, firstContext) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < pairs; i++) {
        const op = createOperation(BigInt(firstContext + i), completion) as bigint | null;
        if (!op) throw new Error('HcsCreateOperation returned NULL');
        closeOperation(op);
      }
      return Number(process.hrtime.bigint() - start) / 2 / pairs;
    },
    dispose: () => koffi.unregister(completion),
  };
}
