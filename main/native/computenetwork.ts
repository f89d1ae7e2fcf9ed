/**
 * computenetwork.dll (the Host Compute Network API, learn.microsoft.com/virtualization/api/hcn) behind
 * the `Hcn` port.
 *
 * Every HCN export is synchronous and talks to the Host Network Service, which can take seconds (or
 * minutes, when HNS is busy). So every call runs through calls.ts: koffi `.async` on the libuv pool,
 * in the queue that bounds how many native calls hold pool threads, under the watchdog.
 *
 * Output strings and error records are freed with CoTaskMemFree. A failure becomes an HcsError with
 * api 'HCN', built from the HRESULT and the error record. The record is an HNS `Response`
 * (`{"Success","Error","ErrorCode"}`, the HNS schema's Response type), documented as "extended
 * errorCode information". The rule (see {@link checkHcnResult}): a failed HRESULT fails; with S_OK, a record
 * fails unless it says `"Success": true` — hcsshim fails on any non-empty record, which would turn a
 * documented successful Response into an error, while a record that is not a Response (text we cannot
 * read) or that carries an error without saying it succeeded is never taken for success.
 */
import koffi from 'koffi';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT } from '../../app/errors/hresult.js';
import type { Hcn, HcnHandle } from '../services/ports.js';
import { callNative } from './calls.js';
import { failed, reportNativeError, takeString16, tryParseJson } from './ffi.js';
import { GUID, guidToStruct, normaliseGuid, type GuidStruct } from './guid.js';
import { bind, coTaskMemFree, loadLibrary, type NativeFunction } from './library.js';

const HANDLE = 'void *';
const REFGUID = koffi.pointer(GUID);
const OUT_POINTER = koffi.out(koffi.pointer('void *'));

/** The query HCN gets when the caller passes none (what hcsshim sends: schema 2.0, no flags). */
const DEFAULT_QUERY = { SchemaVersion: { Major: 2, Minor: 0 }, Flags: 0 };

interface Bindings {
  readonly enumerateNetworks: NativeFunction;
  readonly createNetwork: NativeFunction;
  readonly openNetwork: NativeFunction;
  readonly queryNetworkProperties: NativeFunction;
  readonly deleteNetwork: NativeFunction;
  readonly closeNetwork: NativeFunction;
  readonly enumerateEndpoints: NativeFunction;
  readonly createEndpoint: NativeFunction;
  readonly openEndpoint: NativeFunction;
  readonly queryEndpointProperties: NativeFunction;
  readonly deleteEndpoint: NativeFunction;
  readonly closeEndpoint: NativeFunction;
}

let bindings: Bindings | null = null;

function computeNetwork(): Bindings {
  if (!bindings) {
    const lib = loadLibrary('computenetwork');
    const f = (name: string, args: Parameters<typeof bind>[3]) => bind(lib, name, 'int32_t', args);
    bindings = {
      enumerateNetworks: f('HcnEnumerateNetworks', ['str16', OUT_POINTER, OUT_POINTER]),
      createNetwork: f('HcnCreateNetwork', [REFGUID, 'str16', OUT_POINTER, OUT_POINTER]),
      openNetwork: f('HcnOpenNetwork', [REFGUID, OUT_POINTER, OUT_POINTER]),
      queryNetworkProperties: f('HcnQueryNetworkProperties', [HANDLE, 'str16', OUT_POINTER, OUT_POINTER]),
      deleteNetwork: f('HcnDeleteNetwork', [REFGUID, OUT_POINTER]),
      closeNetwork: f('HcnCloseNetwork', [HANDLE]),
      enumerateEndpoints: f('HcnEnumerateEndpoints', ['str16', OUT_POINTER, OUT_POINTER]),
      createEndpoint: f('HcnCreateEndpoint', [HANDLE, REFGUID, 'str16', OUT_POINTER, OUT_POINTER]),
      openEndpoint: f('HcnOpenEndpoint', [REFGUID, OUT_POINTER, OUT_POINTER]),
      queryEndpointProperties: f('HcnQueryEndpointProperties', [HANDLE, 'str16', OUT_POINTER, OUT_POINTER]),
      deleteEndpoint: f('HcnDeleteEndpoint', [REFGUID, OUT_POINTER]),
      closeEndpoint: f('HcnCloseEndpoint', [HANDLE]),
    };
  }
  return bindings;
}

let inFlight = 0;

/** One HCN export through calls.ts. */
async function hcnCall(operation: string, fn: NativeFunction, args: unknown[], subject?: string): Promise<number> {
  inFlight++;
  try {
    return (await callNative({ api: 'HCN', operation, ...(subject !== undefined ? { subject } : {}) }, fn, args)) as number;
  } finally {
    inFlight--;
  }
}

type Kind = 'network' | 'endpoint';

interface ErrorRecord {
  readonly Success?: unknown;
  readonly Error?: unknown;
  readonly ErrorCode?: unknown;
}

/**
 * Throws the HcsError for a failed call: the HRESULT; or, when the HRESULT says S_OK, an error record
 * that does not say `"Success": true` (empty or absent records are no record).
 */
export function checkHcnResult(operation: string, hresult: number, errorText: string | null): void {
  const parsed = tryParseJson(errorText);
  const record: ErrorRecord = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as ErrorRecord) : {};
  const message = typeof record.Error === 'string' ? record.Error : parsed === undefined ? (errorText ?? '') : '';
  if (failed(hresult)) throw new HcsError({ api: 'HCN', operation, hresult, apiMessage: message });
  const hasRecord = errorText !== null && errorText.trim() !== '';
  if (hasRecord && record.Success !== true) {
    const reported = record.ErrorCode;
    const usable = typeof reported === 'number' && Number.isInteger(reported) && reported !== 0 && reported >= -0x8000_0000 && reported <= 0xffff_ffff;
    const code = usable ? reported : HRESULT.E_FAIL;
    throw new HcsError({ api: 'HCN', operation, hresult: code, apiMessage: message });
  }
}

function guidArgument(operation: string, id: string): GuidStruct {
  const guid = guidToStruct(id);
  if (!guid) throw new HcsError({ api: 'HCN', operation, hresult: HRESULT.HCN_E_GUID_CONVERSION_FAILURE, apiMessage: `"${id}" is not a GUID.` });
  return guid;
}

function handleOf(out: unknown[]): bigint | null {
  return typeof out[0] === 'bigint' && out[0] !== 0n ? out[0] : null;
}

async function closeRaw(kind: Kind, handle: bigint, id?: string): Promise<number> {
  const b = computeNetwork();
  return kind === 'network' ? hcnCall('HcnCloseNetwork', b.closeNetwork, [handle], id) : hcnCall('HcnCloseEndpoint', b.closeEndpoint, [handle], id);
}

/**
 * One queued `.async` call whose last parameter is the error record, and before it optionally one
 * output (a string or a handle). Frees every string; closes a handle a failed call returned anyway.
 */
async function call(operation: string, fn: NativeFunction, args: unknown[], output: 'string', subject?: string): Promise<string | null>;
async function call(operation: string, fn: NativeFunction, args: unknown[], output: Kind, subject?: string): Promise<bigint | null>;
async function call(operation: string, fn: NativeFunction, args: unknown[], output?: undefined, subject?: string): Promise<void>;
async function call(operation: string, fn: NativeFunction, args: unknown[], output?: 'string' | Kind, subject?: string): Promise<string | bigint | null | void> {
  const out: unknown[] = [null];
  const errorOut: unknown[] = [null];
  const hresult = await hcnCall(operation, fn, [...args, ...(output ? [out] : []), errorOut], subject);
  const errorText = takeString16(errorOut[0], coTaskMemFree);
  const value = output === 'string' ? takeString16(out[0], coTaskMemFree) : output ? handleOf(out) : null;
  try {
    checkHcnResult(operation, hresult, errorText);
  } catch (error) {
    if (typeof value === 'bigint' && output && output !== 'string') {
      await closeRaw(output, value, subject).catch((e: unknown) => reportNativeError(`closing the ${output} handle of a failed ${operation}`, e));
    }
    throw error;
  }
  return value;
}

function parseIds(operation: string, text: string | null): string[] {
  const value = tryParseJson(text);
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new HcsError({ api: 'HCN', operation, hresult: HRESULT.ERROR_INVALID_DATA, apiMessage: 'The enumeration result is not an array.' });
  return value.map((id) => (typeof id === 'string' ? (normaliseGuid(id) ?? id.toLowerCase()) : String(id)));
}

/** An open HCN_NETWORK or HCN_ENDPOINT. */
export class NativeHcnHandle implements HcnHandle {
  private handle: bigint | null;
  private closing: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();

  /** @internal Created by NativeHcn. */
  constructor(
    readonly id: string,
    readonly kind: Kind,
    handle: bigint,
  ) {
    this.handle = handle;
  }

  /** @internal The native handle, for calls that take it (HcnCreateEndpoint). Runs `use` while it is kept open. */
  async use<T>(operation: string, use: (handle: bigint) => Promise<T>): Promise<T> {
    const handle = this.handle;
    if (handle === null) throw new HcsError({ api: 'HCN', operation, hresult: HRESULT.ERROR_INVALID_HANDLE, apiMessage: `The ${this.kind} handle is closed.` });
    const running = use(handle);
    this.inFlight.add(running);
    try {
      return await running;
    } finally {
      this.inFlight.delete(running);
    }
  }

  async properties(query?: object): Promise<Record<string, unknown>> {
    const b = computeNetwork();
    const operation = this.kind === 'network' ? 'HcnQueryNetworkProperties' : 'HcnQueryEndpointProperties';
    const fn = this.kind === 'network' ? b.queryNetworkProperties : b.queryEndpointProperties;
    return this.use(operation, async (handle) => {
      const text = await call(operation, fn, [handle, JSON.stringify(query ?? DEFAULT_QUERY)], 'string', this.id);
      const value = tryParseJson(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new HcsError({ api: 'HCN', operation, hresult: HRESULT.ERROR_INVALID_DATA, apiMessage: 'The properties document is not a JSON object.' });
      }
      return value as Record<string, unknown>;
    });
  }

  /** Closes the handle once every call using it has returned. Idempotent. */
  close(): Promise<void> {
    if (!this.closing) {
      const handle = this.handle;
      this.handle = null;
      this.closing = (async () => {
        await Promise.allSettled([...this.inFlight]);
        if (handle === null) return;
        const operation = this.kind === 'network' ? 'HcnCloseNetwork' : 'HcnCloseEndpoint';
        const hresult = await closeRaw(this.kind, handle, this.id);
        if (failed(hresult)) throw new HcsError({ api: 'HCN', operation, hresult });
      })();
    }
    return this.closing;
  }
}

/** The `Hcn` port over computenetwork.dll (or its stand-in). */
export class NativeHcn implements Hcn {
  constructor() {
    computeNetwork();
  }

  /** HCN calls running or waiting for a pool thread (diagnostics, tests). */
  get queuedCalls(): number {
    return inFlight;
  }

  private async enumerate(operation: string, fn: NativeFunction, query?: object): Promise<string[]> {
    return parseIds(operation, await call(operation, fn, [JSON.stringify(query ?? DEFAULT_QUERY)], 'string'));
  }

  private async open(kind: Kind, operation: string, fn: NativeFunction, args: unknown[], id: string): Promise<NativeHcnHandle> {
    const handle = await call(operation, fn, args, kind, normaliseGuid(id) ?? id);
    if (handle === null) throw new HcsError({ api: 'HCN', operation, hresult: HRESULT.E_POINTER, apiMessage: 'No handle was returned.' });
    return new NativeHcnHandle(normaliseGuid(id) ?? id, kind, handle);
  }

  enumerateNetworks(query?: object): Promise<string[]> {
    return this.enumerate('HcnEnumerateNetworks', computeNetwork().enumerateNetworks, query);
  }

  async createNetwork(id: string, settings: object): Promise<NativeHcnHandle> {
    const operation = 'HcnCreateNetwork';
    return this.open('network', operation, computeNetwork().createNetwork, [guidArgument(operation, id), JSON.stringify(settings)], id);
  }

  async openNetwork(id: string): Promise<NativeHcnHandle> {
    const operation = 'HcnOpenNetwork';
    return this.open('network', operation, computeNetwork().openNetwork, [guidArgument(operation, id)], id);
  }

  async deleteNetwork(id: string): Promise<void> {
    const operation = 'HcnDeleteNetwork';
    await call(operation, computeNetwork().deleteNetwork, [guidArgument(operation, id)], undefined, id);
  }

  enumerateEndpoints(query?: object): Promise<string[]> {
    return this.enumerate('HcnEnumerateEndpoints', computeNetwork().enumerateEndpoints, query);
  }

  async createEndpoint(network: HcnHandle, id: string, settings: object): Promise<NativeHcnHandle> {
    const operation = 'HcnCreateEndpoint';
    if (!(network instanceof NativeHcnHandle) || network.kind !== 'network') {
      throw new HcsError({ api: 'HCN', operation, hresult: HRESULT.E_INVALIDARG, apiMessage: 'The network is not a handle from HcnCreateNetwork or HcnOpenNetwork.' });
    }
    const guid = guidArgument(operation, id);
    return network.use(operation, (handle) => this.open('endpoint', operation, computeNetwork().createEndpoint, [handle, guid, JSON.stringify(settings)], id));
  }

  async openEndpoint(id: string): Promise<NativeHcnHandle> {
    const operation = 'HcnOpenEndpoint';
    return this.open('endpoint', operation, computeNetwork().openEndpoint, [guidArgument(operation, id)], id);
  }

  async deleteEndpoint(id: string): Promise<void> {
    const operation = 'HcnDeleteEndpoint';
    await call(operation, computeNetwork().deleteEndpoint, [guidArgument(operation, id)], undefined, id);
  }
}
