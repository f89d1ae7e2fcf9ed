/**
 * HCS's two callbacks — operation completion and compute-system events — and the rule that keeps them
 * safe: **inside a callback nothing calls into HCS**.
 *
 * koffi runs a callback that arrives on an HCS thread on the JS thread, and keeps the HCS thread waiting
 * until the JS function has returned. If computecore holds a lock while it dispatches (a recursive lock
 * belongs to its thread, not to ours), a call from the JS thread into computecore at that moment waits
 * for that lock while the HCS thread waits for the JS thread: Hako and the service hang. Microsoft's
 * completion sample closes the operation inside the callback — on the callback's own thread, which a
 * koffi callback is not. So a callback here only records what arrived (the operation handle; the event
 * and its EventData copied, as they are valid only during the call) and schedules the rest with
 * `setImmediate`; the result is fetched and the operation closed afterwards, through calls.ts.
 * Every callback body is wrapped in try/catch: an exception escaping a foreign-thread callback hangs the
 * process. Both callbacks are registered once per process and never unregistered (HCS may call them
 * until every handle is closed; two of koffi's 8192 slots).
 *
 * Hako registers no HCN notification callback; one added later follows the same rule.
 */
import koffi from 'koffi';
import { HcsError, hcsErrorFromResult } from '../../app/errors/hcs-error.js';
import { HRESULT } from '../../app/errors/hresult.js';
import type { HcsEvent } from '../services/ports.js';
import { callNative, watchNative } from './calls.js';
import { EVENT_CALLBACK, HCS_EVENT_STRUCT, OPERATION_COMPLETION, type Bindings } from './computecore-bindings.js';
import { copyString16, failed, reportNativeError, takeString16, tryParseJson } from './ffi.js';
import { localFree } from './library.js';

/** One HCS export through the bounded, watched queue of calls.ts. */
export function hcsCall(operation: string, fn: Parameters<typeof callNative>[1], args: unknown[], subject?: string): Promise<unknown> {
  return callNative({ api: 'HCS', operation, ...(subject !== undefined ? { subject } : {}) }, fn, args);
}

interface PendingOperation {
  /** Called (on a later turn) once the completion callback has returned to HCS. */
  readonly arrived: () => void;
}

export interface RunOptions {
  /** The compute system the operation concerns (for the stalled-call report). */
  readonly subject?: string;
  /**
   * Whether the wait for completion is watched. Off for a shutdown: it completes when the guest has
   * shut down, which may legitimately take as long as the guest likes (or forever without one).
   */
  readonly watchCompletion?: boolean;
}

/** Issues asynchronous HCS calls and completes them through the one registered completion callback. */
export class OperationBroker {
  private readonly pending = new Map<number, PendingOperation>();
  private nextId = 1;
  /**
   * A callback from a foreign thread does not keep Node's event loop alive: without this timer a
   * process whose only work is a pending HCS operation would exit before it completes.
   */
  private keepAlive: NodeJS.Timeout | null = null;
  readonly callback: bigint;

  constructor(private readonly b: Bindings) {
    this.callback = koffi.register(this.onComplete, koffi.pointer(OPERATION_COMPLETION));
  }

  private track(id: number, entry: PendingOperation): void {
    this.pending.set(id, entry);
    this.keepAlive ??= setInterval(() => {}, 0x7fffffff);
  }

  private untrack(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0 && this.keepAlive) {
      clearInterval(this.keepAlive);
      this.keepAlive = null;
    }
  }

  /** Operations issued and not completed yet. */
  get size(): number {
    return this.pending.size;
  }

  private async close(op: bigint, subject?: string): Promise<void> {
    await hcsCall('HcsCloseOperation', this.b.closeOperation, [op], subject);
  }

  /**
   * Creates an operation, passes it to `issue` (which makes the HCS call and resolves with its HRESULT)
   * and resolves with the result document's text, or rejects with an HcsError.
   */
  async run(operation: string, issue: (op: bigint) => Promise<number>, options: RunOptions = {}): Promise<string | null> {
    const { subject } = options;
    const id = this.nextId++;
    const op = (await hcsCall('HcsCreateOperation', this.b.createOperation, [BigInt(id), this.callback], subject)) as bigint | null;
    if (!op) throw new HcsError({ api: 'HCS', operation: 'HcsCreateOperation', hresult: HRESULT.E_OUTOFMEMORY });
    let arrived!: () => void;
    const completed = new Promise<void>((resolve) => (arrived = resolve));
    // Registered before the call: an implementation may complete before the call has returned.
    this.track(id, { arrived });
    let hresult: number;
    try {
      hresult = await issue(op);
    } catch (error) {
      this.untrack(id);
      await this.close(op, subject).catch((e: unknown) => reportNativeError('closing an operation whose call threw', e));
      throw error;
    }
    if (failed(hresult)) {
      // A failure returned by the call itself: the operation never started, so nothing will call back.
      this.untrack(id);
      await this.close(op, subject);
      throw hcsErrorFromResult(operation, hresult, null);
    }
    const info = { api: 'HCS' as const, operation, ...(subject !== undefined ? { subject } : {}) };
    await (options.watchCompletion === false ? completed : watchNative(info, completed));
    // The callback has returned to HCS: now the result may be fetched and the operation closed.
    let resultHresult: number;
    let text: string | null;
    try {
      const out: unknown[] = [null];
      resultHresult = (await hcsCall('HcsGetOperationResult', this.b.getOperationResult, [op, out], subject)) as number;
      text = takeString16(out[0], localFree);
    } finally {
      this.untrack(id);
      await this.close(op, subject).catch((e: unknown) => reportNativeError('closing a completed operation', e));
    }
    if (failed(resultHresult)) {
      const doc = tryParseJson(text) ?? (text ? { ErrorMessage: text } : null);
      throw hcsErrorFromResult(operation, resultHresult, doc);
    }
    return text;
  }

  /** HCS_OPERATION_COMPLETION, on an HCS thread (queued by koffi to the JS thread). Only records. */
  private readonly onComplete = (_op: unknown, context: unknown): void => {
    try {
      const id = typeof context === 'bigint' ? Number(context) : 0;
      const entry = this.pending.get(id);
      setImmediate(() => {
        if (entry) entry.arrived();
        else reportNativeError(`completion for an unknown operation (context ${id})`, null);
      });
    } catch (error) {
      reportNativeError('operation completion callback failed', error);
    }
  };
}

export interface EventTarget {
  deliver(event: HcsEvent): void;
}

/** Routes `HCS_EVENT`s from the one registered event callback to the handle whose context they carry. */
export class EventBroker {
  private readonly targets = new Map<number, EventTarget>();
  private nextId = 1;
  readonly callback: bigint;

  constructor() {
    this.callback = koffi.register(this.onEvent, koffi.pointer(EVENT_CALLBACK));
  }

  add(target: EventTarget): number {
    const id = this.nextId++;
    this.targets.set(id, target);
    return id;
  }

  remove(id: number): void {
    this.targets.delete(id);
  }

  /**
   * HCS_EVENT_CALLBACK, on an HCS thread. The event and its data are only valid during the call, so
   * they are copied here (memory reads, no call into HCS); the target delivers on a later turn.
   */
  private readonly onEvent = (eventPointer: unknown, context: unknown): void => {
    try {
      if (typeof eventPointer !== 'bigint') return;
      const decoded = koffi.decode(eventPointer, HCS_EVENT_STRUCT) as { Type: number; EventData: unknown };
      const rawData = copyString16(decoded.EventData);
      const target = this.targets.get(typeof context === 'bigint' ? Number(context) : 0);
      const data = tryParseJson(rawData);
      target?.deliver({ type: decoded.Type >>> 0, data: data === undefined ? null : data, rawData });
    } catch (error) {
      reportNativeError('event callback failed', error);
    }
  };
}
