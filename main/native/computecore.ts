/**
 * computecore.dll (the Host Compute System API, reference/hcs-api.md §1–§3) behind the `Hcs` port.
 *
 * Threading (README.md in this folder):
 * - Asynchronous exports (Create, Start, Shutdown, …, Enumerate) are issued on the JS thread and
 *   complete through ONE registered `HCS_OPERATION_COMPLETION` callback: `HcsCreateOperation(context,
 *   callback)` → call → in the callback `HcsGetOperationResult` (non-blocking, the operation is done) →
 *   copy + `LocalFree` the result → `HcsCloseOperation` → settle the promise found by `context`. No thread
 *   is parked per operation and nothing waits.
 * - Promises are settled with `setImmediate`, after the callback has returned to HCS: HCS's thread is
 *   blocked until the JS callback returns, and user code must never run (and call back into HCS) while
 *   it is.
 * - Synchronous exports that talk to the service or wait for callbacks (`HcsCloseComputeSystem` drains
 *   in-flight callbacks; Open, GetServiceProperties, the grants, the state files) run with koffi
 *   `.async` on the libuv pool, so the JS thread is free to run the callbacks they wait for.
 * - Event callbacks copy `HCS_EVENT` and its `EventData` inside the callback and deliver to the
 *   listener on a later turn; every callback body is wrapped in try/catch.
 * - Both callbacks are registered once per process and never unregistered (HCS may call them until
 *   every handle is closed; two of koffi's 8192 slots).
 */
import koffi from 'koffi';
import { HcsError, hcsErrorFromResult } from '../../app/errors/hcs-error.js';
import { HRESULT } from '../../app/errors/hresult.js';
import type {
  ComputeSystem,
  ComputeSystemProperties,
  Hcs,
  HcsCapabilities,
  HcsEvent,
  SystemQuery,
} from '../services/ports.js';
import { callAsync, copyString16, failed, jsonOrNull, reportNativeError, takeString16, tryParseJson } from './ffi.js';
import { bind, loadLibrary, localFree, tryBind, type NativeFunction } from './library.js';

const GENERIC_ALL = 0x10000000;
const HCS_EVENT_OPTION_NONE = 0;

// Anonymous types: a module reloaded in tests must not collide with names koffi already knows.
const HCS_EVENT = koffi.struct({ Type: 'uint32_t', EventData: 'void *', Operation: 'void *' });
const OPERATION_COMPLETION = koffi.proto('__stdcall', null, 'void', ['void *', 'void *']);
const EVENT_CALLBACK = koffi.proto('__stdcall', null, 'void', ['void *', 'void *']);
const HANDLE = 'void *';
const OUT_POINTER = koffi.out(koffi.pointer('void *'));
const CALLBACK_POINTER = 'void *';

/** The optional exports Hako probes (reference/hcs-api.md §1.2 "Availability"). */
const PROBED = ['HcsCrashComputeSystem', 'HcsWaitForComputeSystemExit', 'HcsGrantVmGroupAccess', 'HcsRevokeVmGroupAccess'] as const;

interface Bindings {
  readonly createOperation: NativeFunction;
  readonly closeOperation: NativeFunction;
  readonly getOperationResult: NativeFunction;
  readonly createComputeSystem: NativeFunction;
  readonly openComputeSystem: NativeFunction;
  readonly closeComputeSystem: NativeFunction;
  readonly start: NativeFunction;
  readonly shutdown: NativeFunction;
  readonly terminate: NativeFunction;
  readonly pause: NativeFunction;
  readonly resume: NativeFunction;
  readonly save: NativeFunction;
  readonly getProperties: NativeFunction;
  readonly modify: NativeFunction;
  readonly setCallback: NativeFunction;
  readonly enumerate: NativeFunction;
  readonly getServiceProperties: NativeFunction;
  readonly grantVmAccess: NativeFunction;
  readonly revokeVmAccess: NativeFunction;
  readonly createEmptyGuestStateFile: NativeFunction;
  readonly createEmptyRuntimeStateFile: NativeFunction;
  readonly crash: NativeFunction | null;
  readonly grantVmGroupAccess: NativeFunction | null;
  readonly revokeVmGroupAccess: NativeFunction | null;
}

function bindComputeCore(): { bindings: Bindings; capabilities: HcsCapabilities } {
  const lib = loadLibrary('computecore');
  const f = (name: string, result: string, args: Parameters<typeof bind>[3]) => bind(lib, name, result, args);
  const systemCall = (name: string) => f(name, 'int32_t', [HANDLE, HANDLE, 'str16']);
  const probed = Object.fromEntries(
    PROBED.map((name) => [name, tryBind(lib, name, 'int32_t', name === 'HcsCrashComputeSystem' ? [HANDLE, HANDLE, 'str16'] : name === 'HcsWaitForComputeSystemExit' ? [HANDLE, 'uint32_t', OUT_POINTER] : ['str16'])]),
  ) as Record<(typeof PROBED)[number], NativeFunction | null>;
  const bindings: Bindings = {
    createOperation: f('HcsCreateOperation', HANDLE, ['void *', CALLBACK_POINTER]),
    closeOperation: f('HcsCloseOperation', 'void', [HANDLE]),
    getOperationResult: f('HcsGetOperationResult', 'int32_t', [HANDLE, OUT_POINTER]),
    createComputeSystem: f('HcsCreateComputeSystem', 'int32_t', ['str16', 'str16', HANDLE, 'void *', OUT_POINTER]),
    openComputeSystem: f('HcsOpenComputeSystem', 'int32_t', ['str16', 'uint32_t', OUT_POINTER]),
    closeComputeSystem: f('HcsCloseComputeSystem', 'void', [HANDLE]),
    start: systemCall('HcsStartComputeSystem'),
    shutdown: systemCall('HcsShutDownComputeSystem'),
    terminate: systemCall('HcsTerminateComputeSystem'),
    pause: systemCall('HcsPauseComputeSystem'),
    resume: systemCall('HcsResumeComputeSystem'),
    save: systemCall('HcsSaveComputeSystem'),
    getProperties: systemCall('HcsGetComputeSystemProperties'),
    modify: f('HcsModifyComputeSystem', 'int32_t', [HANDLE, HANDLE, 'str16', 'void *']),
    setCallback: f('HcsSetComputeSystemCallback', 'int32_t', [HANDLE, 'uint32_t', 'void *', CALLBACK_POINTER]),
    enumerate: f('HcsEnumerateComputeSystems', 'int32_t', ['str16', HANDLE]),
    getServiceProperties: f('HcsGetServiceProperties', 'int32_t', ['str16', OUT_POINTER]),
    grantVmAccess: f('HcsGrantVmAccess', 'int32_t', ['str16', 'str16']),
    revokeVmAccess: f('HcsRevokeVmAccess', 'int32_t', ['str16', 'str16']),
    createEmptyGuestStateFile: f('HcsCreateEmptyGuestStateFile', 'int32_t', ['str16']),
    createEmptyRuntimeStateFile: f('HcsCreateEmptyRuntimeStateFile', 'int32_t', ['str16']),
    crash: probed.HcsCrashComputeSystem,
    grantVmGroupAccess: probed.HcsGrantVmGroupAccess,
    revokeVmGroupAccess: probed.HcsRevokeVmGroupAccess,
  };
  const missingExports = PROBED.filter((name) => probed[name] === null);
  return {
    bindings,
    capabilities: Object.freeze({
      crash: probed.HcsCrashComputeSystem !== null,
      waitForExit: probed.HcsWaitForComputeSystemExit !== null,
      grantVmGroupAccess: probed.HcsGrantVmGroupAccess !== null,
      missingExports: Object.freeze([...missingExports]),
    }),
  };
}

interface PendingOperation {
  readonly operation: string;
  readonly resolve: (result: string | null) => void;
  readonly reject: (error: unknown) => void;
}

/** Issues asynchronous HCS calls and completes them through the one registered completion callback. */
class OperationBroker {
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

  /**
   * Creates an operation, passes it to `issue` (which makes the HCS call and returns its HRESULT) and
   * resolves with the result document's text, or rejects with an HcsError.
   */
  run(operation: string, issue: (op: bigint) => number): Promise<string | null> {
    return new Promise<string | null>((resolve, reject) => {
      const id = this.nextId++;
      const op = this.b.createOperation(BigInt(id), this.callback) as bigint | null;
      if (!op) {
        reject(new HcsError({ api: 'HCS', operation: 'HcsCreateOperation', hresult: HRESULT.E_OUTOFMEMORY }));
        return;
      }
      const entry: PendingOperation = { operation, resolve, reject };
      // Registered before the call: an implementation may complete inline, on this thread.
      this.track(id, entry);
      let hresult: number;
      try {
        hresult = issue(op) as number;
      } catch (error) {
        if (this.pending.get(id) === entry) {
          this.untrack(id);
          this.b.closeOperation(op);
        }
        reject(error);
        return;
      }
      // A failure returned by the call itself: the operation never started, so nothing will call back.
      if (failed(hresult) && this.pending.get(id) === entry) {
        this.untrack(id);
        this.b.closeOperation(op);
        reject(hcsErrorFromResult(operation, hresult, null));
      }
    });
  }

  /** HCS_OPERATION_COMPLETION, on an HCS thread (queued by koffi to the JS thread). Never throws. */
  private readonly onComplete = (op: unknown, context: unknown): void => {
    try {
      const id = typeof context === 'bigint' ? Number(context) : 0;
      const entry = this.pending.get(id);
      if (!entry || typeof op !== 'bigint') {
        reportNativeError(`completion for an unknown operation (context ${id})`, null);
        return;
      }
      // The setImmediate below keeps the loop alive until the promise is settled.
      this.untrack(id);
      let hresult = 0;
      let text: string | null = null;
      let failure: unknown = null;
      try {
        const out: unknown[] = [null];
        hresult = this.b.getOperationResult(op, out) as number;
        text = takeString16(out[0], localFree);
      } catch (error) {
        failure = error;
      } finally {
        this.b.closeOperation(op);
      }
      setImmediate(() => {
        if (failure !== null) {
          entry.reject(failure);
        } else if (failed(hresult)) {
          const doc = tryParseJson(text) ?? (text ? { ErrorMessage: text } : null);
          entry.reject(hcsErrorFromResult(entry.operation, hresult, doc));
        } else {
          entry.resolve(text);
        }
      });
    } catch (error) {
      reportNativeError('operation completion callback failed', error);
    }
  };
}

interface EventTarget {
  deliver(event: HcsEvent): void;
}

/** Routes `HCS_EVENT`s from the one registered event callback to the handle whose context they carry. */
class EventBroker {
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

  /** HCS_EVENT_CALLBACK, on an HCS thread. The event and its data are only valid during the call. */
  private readonly onEvent = (eventPointer: unknown, context: unknown): void => {
    try {
      if (typeof eventPointer !== 'bigint') return;
      const decoded = koffi.decode(eventPointer, HCS_EVENT) as { Type: number; EventData: unknown };
      const rawData = copyString16(decoded.EventData);
      const target = this.targets.get(typeof context === 'bigint' ? Number(context) : 0);
      const data = tryParseJson(rawData);
      target?.deliver({ type: decoded.Type >>> 0, data: data === undefined ? null : data, rawData });
    } catch (error) {
      reportNativeError('event callback failed', error);
    }
  };
}

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

/** Runs a synchronous export that returns an HRESULT on the libuv pool; rejects on failure. */
async function syncCall(operation: string, fn: NativeFunction, ...args: unknown[]): Promise<void> {
  const hresult = (await callAsync(fn, ...args)) as number;
  if (failed(hresult)) throw hcsErrorFromResult(operation, hresult, null);
}

/** An open `HCS_SYSTEM`. */
export class NativeComputeSystem implements ComputeSystem {
  private handle: bigint | null;
  private closing: Promise<void> | null = null;
  private closed = false;
  private listener: ((event: HcsEvent) => void) | null = null;
  private eventContext: number | null = null;

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

  private issue(operation: string, fn: NativeFunction, ...rest: unknown[]): Promise<string | null> {
    const handle = this.handle;
    if (handle === null) return Promise.reject(invalidHandle(operation));
    return this.core.operations.run(operation, (op) => fn(handle, op, ...rest) as number);
  }

  async start(options?: object): Promise<void> {
    await this.issue('HcsStartComputeSystem', this.core.b.start, jsonOrNull(options));
  }

  async shutdown(options?: object): Promise<void> {
    await this.issue('HcsShutDownComputeSystem', this.core.b.shutdown, jsonOrNull(options));
  }

  async terminate(): Promise<void> {
    await this.issue('HcsTerminateComputeSystem', this.core.b.terminate, null);
  }

  async crash(options?: object): Promise<void> {
    const crash = this.core.b.crash;
    if (!crash) throw missingExport('HcsCrashComputeSystem');
    await this.issue('HcsCrashComputeSystem', crash, jsonOrNull(options));
  }

  async pause(options?: object): Promise<void> {
    await this.issue('HcsPauseComputeSystem', this.core.b.pause, jsonOrNull(options));
  }

  async resume(): Promise<void> {
    await this.issue('HcsResumeComputeSystem', this.core.b.resume, null);
  }

  async save(options: object): Promise<void> {
    await this.issue('HcsSaveComputeSystem', this.core.b.save, JSON.stringify(options));
  }

  async modify(request: object): Promise<void> {
    await this.issue('HcsModifyComputeSystem', this.core.b.modify, JSON.stringify(request), null);
  }

  async properties(query?: object): Promise<ComputeSystemProperties> {
    const operation = 'HcsGetComputeSystemProperties';
    const value = parseResult(operation, await this.issue(operation, this.core.b.getProperties, jsonOrNull(query)));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new HcsError({ api: 'HCS', operation, hresult: HRESULT.ERROR_INVALID_DATA, apiMessage: 'The properties document is not an object.' });
    }
    return value as ComputeSystemProperties;
  }

  /**
   * Sets the listener. The native callback is registered on the first call (one per handle, as HCS
   * allows); later calls replace the listener. Throws an HcsError when HCS refuses the registration.
   */
  onEvent(listener: (event: HcsEvent) => void): void {
    const handle = this.handle;
    if (handle === null) throw invalidHandle('HcsSetComputeSystemCallback');
    this.listener = listener;
    if (this.eventContext !== null) return;
    const context = this.core.events.add(this);
    const hresult = this.core.b.setCallback(handle, HCS_EVENT_OPTION_NONE, BigInt(context), this.core.events.callback) as number;
    if (failed(hresult)) {
      this.core.events.remove(context);
      this.listener = null;
      throw hcsErrorFromResult('HcsSetComputeSystemCallback', hresult, null);
    }
    this.eventContext = context;
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
   * Closes the handle on the libuv pool (HcsCloseComputeSystem waits for in-flight callbacks, which
   * need this thread). After it resolves no event reaches the listener. Idempotent.
   */
  close(): Promise<void> {
    if (!this.closing) {
      const handle = this.handle;
      this.handle = null;
      this.closing = (async () => {
        if (handle !== null) await callAsync(this.core.b.closeComputeSystem, handle);
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

  async createComputeSystem(id: string, document: object): Promise<NativeComputeSystem> {
    const b = this.core.b;
    let handle: bigint | null = null;
    try {
      await this.core.operations.run('HcsCreateComputeSystem', (op) => {
        const out: unknown[] = [null];
        try {
          return b.createComputeSystem(id, JSON.stringify(document), op, null, out) as number;
        } finally {
          handle = typeof out[0] === 'bigint' && out[0] !== 0n ? out[0] : null;
        }
      });
    } catch (error) {
      // The handle is written when the call is accepted; close it even though the operation failed.
      const accepted = handle as bigint | null;
      if (accepted !== null) await callAsync(b.closeComputeSystem, accepted).catch((e: unknown) => reportNativeError('closing a failed create', e));
      throw error;
    }
    const created = handle as bigint | null;
    if (created === null) throw new HcsError({ api: 'HCS', operation: 'HcsCreateComputeSystem', hresult: HRESULT.E_POINTER, apiMessage: 'No handle was returned.' });
    return new NativeComputeSystem(id, created, this.core);
  }

  async openComputeSystem(id: string): Promise<NativeComputeSystem> {
    const out: unknown[] = [null];
    const hresult = (await callAsync(this.core.b.openComputeSystem, id, GENERIC_ALL, out)) as number;
    const handle = typeof out[0] === 'bigint' && out[0] !== 0n ? out[0] : null;
    if (failed(hresult)) {
      if (handle !== null) await callAsync(this.core.b.closeComputeSystem, handle).catch((e: unknown) => reportNativeError('closing a failed open', e));
      throw hcsErrorFromResult('HcsOpenComputeSystem', hresult, null);
    }
    if (handle === null) throw new HcsError({ api: 'HCS', operation: 'HcsOpenComputeSystem', hresult: HRESULT.E_POINTER, apiMessage: 'No handle was returned.' });
    return new NativeComputeSystem(id, handle, this.core);
  }

  async enumerateComputeSystems(query?: SystemQuery): Promise<ComputeSystemProperties[]> {
    const operation = 'HcsEnumerateComputeSystems';
    const text = await this.core.operations.run(operation, (op) => this.core.b.enumerate(jsonOrNull(query), op) as number);
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
    const hresult = (await callAsync(this.core.b.getServiceProperties, jsonOrNull(query), out)) as number;
    const text = takeString16(out[0], localFree);
    if (failed(hresult)) throw hcsErrorFromResult(operation, hresult, tryParseJson(text) ?? null);
    return parseResult(operation, text) ?? null;
  }

  grantVmAccess(vmId: string, filePath: string): Promise<void> {
    return syncCall('HcsGrantVmAccess', this.core.b.grantVmAccess, vmId, filePath);
  }

  revokeVmAccess(vmId: string, filePath: string): Promise<void> {
    return syncCall('HcsRevokeVmAccess', this.core.b.revokeVmAccess, vmId, filePath);
  }

  /** Read-only access for the whole "Virtual Machines" group; ERROR_PROC_NOT_FOUND before 19041. */
  async grantVmGroupAccess(filePath: string): Promise<void> {
    const fn = this.core.b.grantVmGroupAccess;
    if (!fn) throw missingExport('HcsGrantVmGroupAccess');
    await syncCall('HcsGrantVmGroupAccess', fn, filePath);
  }

  async revokeVmGroupAccess(filePath: string): Promise<void> {
    const fn = this.core.b.revokeVmGroupAccess;
    if (!fn) throw missingExport('HcsRevokeVmGroupAccess');
    await syncCall('HcsRevokeVmGroupAccess', fn, filePath);
  }

  createEmptyGuestStateFile(filePath: string): Promise<void> {
    return syncCall('HcsCreateEmptyGuestStateFile', this.core.b.createEmptyGuestStateFile, filePath);
  }

  createEmptyRuntimeStateFile(filePath: string): Promise<void> {
    return syncCall('HcsCreateEmptyRuntimeStateFile', this.core.b.createEmptyRuntimeStateFile, filePath);
  }
}
