/**
 * computecore.dll (the Host Compute System API, learn.microsoft.com/virtualization/api/hcs) behind the
 * `Hcs` port.
 *
 * Threading (README.md in this folder):
 * - Every export runs through calls.ts: koffi `.async` on the libuv pool, bounded, watched. None runs
 *   on the JS thread, because any of them may wait — for vmcompute, or for a callback computecore is
 *   dispatching (HcsCloseComputeSystem waits for running callbacks, as its reference page says), and a
 *   callback can only run when the JS thread is free.
 * - Asynchronous exports (Create, Start, Shutdown, …, Enumerate) complete through ONE registered
 *   completion callback (hcs-callbacks.ts): no thread is parked per operation.
 * - Callbacks only record; the result is fetched and the operation closed after they returned.
 * - A handle is closed only once no call using it is in flight (hcsshim saw access violations inside
 *   computecore.dll when it closed handles under a running call).
 */
import { HcsError, hcsErrorFromResult } from '../../app/errors/hcs-error.js';
import { HRESULT } from '../../app/errors/hresult.js';
import type { ComputeSystem, ComputeSystemProperties, Hcs, HcsCapabilities, HcsEvent, SystemQuery } from '../services/ports.js';
import { bindComputeCore, GENERIC_ALL, HCS_EVENT_OPTION_NONE, type Bindings } from './computecore-bindings.js';
import { failed, jsonOrNull, reportNativeError, takeString16, tryParseJson } from './ffi.js';
import { EventBroker, hcsCall, OperationBroker, type RunOptions } from './hcs-callbacks.js';
import { localFree, type NativeFunction } from './library.js';

interface ComputeCore {
  readonly b: Bindings;
  readonly capabilities: HcsCapabilities;
  readonly operations: OperationBroker;
  readonly events: EventBroker;
}

let computeCoreInstance: ComputeCore | null = null;

function computeCore(): ComputeCore {
  if (!computeCoreInstance) {
    const { bindings, capabilities } = bindComputeCore();
    computeCoreInstance = { b: bindings, capabilities, operations: new OperationBroker(bindings), events: new EventBroker() };
  }
  return computeCoreInstance;
}

function invalidHandle(operation: string): HcsError {
  return new HcsError({ api: 'HCS', operation, hresult: HRESULT.ERROR_INVALID_HANDLE, apiMessage: 'The compute system handle is closed.' });
}

function missingExport(operation: string): HcsError {
  return new HcsError({ api: 'HCS', operation, hresult: HRESULT.ERROR_PROC_NOT_FOUND, apiMessage: `${operation} is not exported by this version of computecore.dll.` });
}

/** Parses a successful result document; an unparsable one is reported as ERROR_INVALID_DATA. */
function parseResult(operation: string, text: string | null): unknown {
  if (text === null || text.trim() === '') return undefined;
  const value = tryParseJson(text);
  if (value === undefined) {
    throw new HcsError({ api: 'HCS', operation, hresult: HRESULT.ERROR_INVALID_DATA, apiMessage: `The result document is not JSON: ${text.slice(0, 200)}` });
  }
  return value;
}

/** A synchronous export that returns an HRESULT; rejects on failure. */
async function syncCall(operation: string, fn: NativeFunction, args: unknown[], subject?: string): Promise<void> {
  const hresult = (await hcsCall(operation, fn, args, subject)) as number;
  if (failed(hresult)) throw hcsErrorFromResult(operation, hresult, null);
}

function handleOf(out: unknown[]): bigint | null {
  return typeof out[0] === 'bigint' && out[0] !== 0n ? out[0] : null;
}

/** An open `HCS_SYSTEM`. */
export class NativeComputeSystem implements ComputeSystem {
  private handle: bigint | null;
  private closing: Promise<void> | null = null;
  private closed = false;
  private listener: ((event: HcsEvent) => void) | null = null;
  private registration: Promise<void> | null = null;
  private eventContext: number | null = null;
  /** Calls that use the handle and have not returned yet; close waits for them. */
  private readonly inFlight = new Set<Promise<unknown>>();

  /** @internal Created by NativeHcs. */
  constructor(
    readonly id: string,
    handle: bigint,
    private readonly core: ComputeCore,
  ) {
    this.handle = handle;
  }

  /** Whether close() has been called. */
  get isClosed(): boolean {
    return this.handle === null;
  }

  /** Runs `use` with the native handle, keeping the handle open until it settles. */
  private use<T>(operation: string, use: (handle: bigint) => Promise<T>): Promise<T> {
    const handle = this.handle;
    if (handle === null) return Promise.reject(invalidHandle(operation));
    const running = use(handle);
    this.inFlight.add(running);
    const forget = () => this.inFlight.delete(running);
    running.then(forget, forget);
    return running;
  }

  /**
   * One asynchronous HCS call on this handle. Only the call itself counts as using the handle: the wait
   * for its completion does not (a shutdown may wait for as long as the guest likes).
   */
  private issue(operation: string, fn: NativeFunction, rest: unknown[], options: Omit<RunOptions, 'subject'> = {}): Promise<string | null> {
    if (this.handle === null) return Promise.reject(invalidHandle(operation));
    return this.core.operations.run(
      operation,
      (op) => this.use(operation, (handle) => hcsCall(operation, fn, [handle, op, ...rest], this.id) as Promise<number>),
      { ...options, subject: this.id },
    );
  }

  async start(options?: object): Promise<void> {
    await this.issue('HcsStartComputeSystem', this.core.b.start, [jsonOrNull(options)]);
  }

  async shutdown(options?: object | null): Promise<void> {
    // Completes when the guest is off: as long as the guest takes, so its wait is not watched.
    await this.issue('HcsShutDownComputeSystem', this.core.b.shutdown, [jsonOrNull(options)], { watchCompletion: false });
  }

  async terminate(): Promise<void> {
    await this.issue('HcsTerminateComputeSystem', this.core.b.terminate, [null]);
  }

  async crash(options?: object | null): Promise<void> {
    const crash = this.core.b.crash;
    if (!crash) throw missingExport('HcsCrashComputeSystem');
    await this.issue('HcsCrashComputeSystem', crash, [jsonOrNull(options)]);
  }

  async pause(options?: object | null): Promise<void> {
    await this.issue('HcsPauseComputeSystem', this.core.b.pause, [jsonOrNull(options)]);
  }

  async resume(): Promise<void> {
    await this.issue('HcsResumeComputeSystem', this.core.b.resume, [null]);
  }

  async save(options?: object | null): Promise<void> {
    await this.issue('HcsSaveComputeSystem', this.core.b.save, [jsonOrNull(options)]);
  }

  async modify(request: object): Promise<void> {
    await this.issue('HcsModifyComputeSystem', this.core.b.modify, [JSON.stringify(request), null]);
  }

  async properties(query?: object): Promise<ComputeSystemProperties> {
    const operation = 'HcsGetComputeSystemProperties';
    const value = parseResult(operation, await this.issue(operation, this.core.b.getProperties, [jsonOrNull(query)]));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new HcsError({ api: 'HCS', operation, hresult: HRESULT.ERROR_INVALID_DATA, apiMessage: 'The properties document is not an object.' });
    }
    return value as ComputeSystemProperties;
  }

  /**
   * Sets the listener. The native callback is registered on the first call (one per handle, as HCS
   * allows); later calls replace the listener. Rejects with an HcsError when HCS refuses the
   * registration.
   */
  onEvent(listener: (event: HcsEvent) => void): Promise<void> {
    if (this.handle === null) return Promise.reject(invalidHandle('HcsSetComputeSystemCallback'));
    this.listener = listener;
    this.registration ??= this.use('HcsSetComputeSystemCallback', async (handle) => {
      const context = this.core.events.add(this);
      const events = this.core.events;
      let hresult: number;
      try {
        hresult = (await hcsCall('HcsSetComputeSystemCallback', this.core.b.setCallback, [handle, HCS_EVENT_OPTION_NONE, BigInt(context), events.callback], this.id)) as number;
      } catch (error) {
        events.remove(context);
        throw error;
      }
      if (failed(hresult)) {
        events.remove(context);
        throw hcsErrorFromResult('HcsSetComputeSystemCallback', hresult, null);
      }
      this.eventContext = context;
    }).catch((error: unknown) => {
      this.registration = null;
      this.listener = null;
      throw error;
    });
    return this.registration;
  }

  /** @internal Called by the EventBroker inside the native callback: only schedules. */
  deliver(event: HcsEvent): void {
    setImmediate(() => {
      const listener = this.listener;
      if (this.closed || !listener) return;
      try {
        listener(event);
      } catch (error) {
        reportNativeError(`event listener of compute system "${this.id}" threw`, error);
      }
    });
  }

  /**
   * Closes the handle once the calls using it have returned (HcsCloseComputeSystem also waits for
   * in-flight callbacks, on the pool). After it resolves no event reaches the listener. Idempotent.
   */
  close(): Promise<void> {
    if (!this.closing) {
      const handle = this.handle;
      this.handle = null;
      this.closing = (async () => {
        await Promise.allSettled([...this.inFlight]);
        if (handle !== null) await hcsCall('HcsCloseComputeSystem', this.core.b.closeComputeSystem, [handle], this.id);
        this.closed = true;
        this.listener = null;
        if (this.eventContext !== null) this.core.events.remove(this.eventContext);
      })();
    }
    return this.closing;
  }
}

/** The `Hcs` port over computecore.dll (or its stand-in). */
export class NativeHcs implements Hcs {
  private readonly core: ComputeCore;

  constructor() {
    this.core = computeCore();
  }

  get capabilities(): HcsCapabilities {
    return this.core.capabilities;
  }

  /** Asynchronous HCS operations issued and not completed yet (diagnostics, tests). */
  get pendingOperations(): number {
    return this.core.operations.size;
  }

  private async closeRaw(handle: bigint, id: string, why: string): Promise<void> {
    await hcsCall('HcsCloseComputeSystem', this.core.b.closeComputeSystem, [handle], id).catch((e: unknown) => reportNativeError(why, e));
  }

  async createComputeSystem(id: string, document: object): Promise<NativeComputeSystem> {
    const b = this.core.b;
    let handle: bigint | null = null;
    try {
      await this.core.operations.run(
        'HcsCreateComputeSystem',
        async (op) => {
          const out: unknown[] = [null];
          try {
            return (await hcsCall('HcsCreateComputeSystem', b.createComputeSystem, [id, JSON.stringify(document), op, null, out], id)) as number;
          } finally {
            handle = handleOf(out);
          }
        },
        { subject: id },
      );
    } catch (error) {
      // The handle is written when the call is accepted; close it even though the operation failed.
      const accepted = handle as bigint | null;
      if (accepted !== null) await this.closeRaw(accepted, id, 'closing a failed create');
      throw error;
    }
    const created = handle as bigint | null;
    if (created === null) throw new HcsError({ api: 'HCS', operation: 'HcsCreateComputeSystem', hresult: HRESULT.E_POINTER, apiMessage: 'No handle was returned.' });
    return new NativeComputeSystem(id, created, this.core);
  }

  async openComputeSystem(id: string): Promise<NativeComputeSystem> {
    const out: unknown[] = [null];
    const hresult = (await hcsCall('HcsOpenComputeSystem', this.core.b.openComputeSystem, [id, GENERIC_ALL, out], id)) as number;
    const handle = handleOf(out);
    if (failed(hresult)) {
      if (handle !== null) await this.closeRaw(handle, id, 'closing a failed open');
      throw hcsErrorFromResult('HcsOpenComputeSystem', hresult, null);
    }
    if (handle === null) throw new HcsError({ api: 'HCS', operation: 'HcsOpenComputeSystem', hresult: HRESULT.E_POINTER, apiMessage: 'No handle was returned.' });
    return new NativeComputeSystem(id, handle, this.core);
  }

  async enumerateComputeSystems(query?: SystemQuery): Promise<ComputeSystemProperties[]> {
    const operation = 'HcsEnumerateComputeSystems';
    const text = await this.core.operations.run(operation, (op) => hcsCall(operation, this.core.b.enumerate, [jsonOrNull(query), op]) as Promise<number>);
    const value = parseResult(operation, text);
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      throw new HcsError({ api: 'HCS', operation, hresult: HRESULT.ERROR_INVALID_DATA, apiMessage: 'The enumeration result is not an array.' });
    }
    return value as ComputeSystemProperties[];
  }

  async getServiceProperties(query?: object): Promise<unknown> {
    const operation = 'HcsGetServiceProperties';
    const out: unknown[] = [null];
    const hresult = (await hcsCall(operation, this.core.b.getServiceProperties, [jsonOrNull(query), out])) as number;
    const text = takeString16(out[0], localFree);
    if (failed(hresult)) throw hcsErrorFromResult(operation, hresult, tryParseJson(text) ?? null);
    return parseResult(operation, text) ?? null;
  }

  grantVmAccess(vmId: string, filePath: string): Promise<void> {
    return syncCall('HcsGrantVmAccess', this.core.b.grantVmAccess, [vmId, filePath], vmId);
  }

  revokeVmAccess(vmId: string, filePath: string): Promise<void> {
    return syncCall('HcsRevokeVmAccess', this.core.b.revokeVmAccess, [vmId, filePath], vmId);
  }

  /** Read-only access for the whole "Virtual Machines" group; ERROR_PROC_NOT_FOUND where not exported. */
  async grantVmGroupAccess(filePath: string): Promise<void> {
    const fn = this.core.b.grantVmGroupAccess;
    if (!fn) throw missingExport('HcsGrantVmGroupAccess');
    await syncCall('HcsGrantVmGroupAccess', fn, [filePath], filePath);
  }

  async revokeVmGroupAccess(filePath: string): Promise<void> {
    const fn = this.core.b.revokeVmGroupAccess;
    if (!fn) throw missingExport('HcsRevokeVmGroupAccess');
    await syncCall('HcsRevokeVmGroupAccess', fn, [filePath], filePath);
  }

  createEmptyGuestStateFile(filePath: string): Promise<void> {
    return syncCall('HcsCreateEmptyGuestStateFile', this.core.b.createEmptyGuestStateFile, [filePath], filePath);
  }

  createEmptyRuntimeStateFile(filePath: string): Promise<void> {
    return syncCall('HcsCreateEmptyRuntimeStateFile', this.core.b.createEmptyRuntimeStateFile, [filePath], filePath);
  }
}
