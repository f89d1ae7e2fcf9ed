/**
 * Runs one VM's operations one at a time: the window, the tray and the CLI may all act at once, and
 * HCS must see them in order. A pre-empting task (power off) does not queue up: it aborts the running
 * task's signal, drops everything still queued, and runs as soon as the aborted task has let go — so
 * the two never change the VM's state at the same time.
 */
import { HakoError } from '../../../app/errors/error-info.js';

export class OperationSupersededError extends HakoError {
  constructor(readonly operation: string) {
    super('OperationSuperseded', `${operation} was cancelled because the VM is being powered off`, { operation });
    this.name = 'OperationSupersededError';
  }
}

interface Pending {
  readonly label: string;
  readonly run: (signal: AbortSignal) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

export class SerialQueue {
  private readonly pending: Pending[] = [];
  private current: { label: string; controller: AbortController } | null = null;

  /** Label of the task that runs now, if any. */
  get running(): string | null {
    return this.current?.label ?? null;
  }

  get size(): number {
    return this.pending.length + (this.current ? 1 : 0);
  }

  enqueue<T>(label: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ label, run, resolve: resolve as (value: unknown) => void, reject });
      this.drain();
    });
  }

  /** Aborts the running task, rejects the queued ones, and runs `run` next. */
  preempt<T>(label: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    for (const dropped of this.pending.splice(0)) dropped.reject(new OperationSupersededError(dropped.label));
    this.current?.controller.abort(new OperationSupersededError(this.current.label));
    return this.enqueue(label, run);
  }

  private drain(): void {
    if (this.current !== null) return;
    const next = this.pending.shift();
    if (next === undefined) return;
    const controller = new AbortController();
    this.current = { label: next.label, controller };
    next
      .run(controller.signal)
      .then(next.resolve, next.reject)
      .finally(() => {
        this.current = null;
        this.drain();
      });
  }
}
