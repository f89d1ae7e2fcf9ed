/**
 * Long operations that run in the background (creating, resizing and compacting disks, creating and
 * cloning VMs): each gets an id at once, reports its progress, can be cancelled, and ends with one
 * `done` report carrying its error or its result. The UI follows them through `operations.progress`.
 */
import { randomUUID } from 'node:crypto';
import { toErrorInfo, type ErrorInfo } from '../../app/errors/error-info.js';
import { type OperationKind } from '../../app/operations.js';


export interface OperationProgress {
  readonly operationId: string;
  readonly kind: OperationKind;
  readonly completed: number;
  readonly total: number;
  readonly done: boolean;
  readonly error?: ErrorInfo;
  /** What a finished operation made, e.g. the path of a new VM. */
  readonly result?: { readonly path: string };
}

const CANCELLED: ErrorInfo = { code: 'Cancelled', message: 'The operation was cancelled.' };

export interface OperationContext {
  readonly signal: AbortSignal;
  readonly onProgress: (progress: { readonly completed: number; readonly total: number }) => void;
}

export class BackgroundOperations {
  private readonly running = new Map<string, AbortController>();
  private readonly listeners = new Set<(progress: OperationProgress) => void>();

  onProgress(listener: (progress: OperationProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts `run` in the background; answers at once with the id its reports carry. */
  start(kind: OperationKind, run: (context: OperationContext) => Promise<{ readonly path: string } | void>): { operationId: string } {
    const operationId = randomUUID();
    const controller = new AbortController();
    this.running.set(operationId, controller);
    const report = (progress: Omit<OperationProgress, 'operationId' | 'kind'>) => {
      for (const listener of this.listeners) listener({ operationId, kind, ...progress });
    };
    void run({ signal: controller.signal, onProgress: ({ completed, total }) => report({ completed, total, done: false }) })
      .then(
        (result) => report({ completed: 1, total: 1, done: true, ...(result ? { result: { path: result.path } } : {}) }),
        // A cancel ends in whatever the work threw on abort (an AbortError, ERROR_CANCELLED): said as one code.
        (error: unknown) => report({ completed: 0, total: 1, done: true, error: controller.signal.aborted ? CANCELLED : toErrorInfo(error) }),
      )
      .finally(() => this.running.delete(operationId));
    return { operationId };
  }

  /** Cancels an operation; an unknown (or finished) id is no error. */
  cancel(operationId: string): void {
    this.running.get(operationId)?.abort();
  }

  /** How many operations are under way. */
  get size(): number {
    return this.running.size;
  }
}
