/**
 * The stand-ins' test-only control exports (stand-in/README.md): fault injection, latency, counters of
 * open handles and allocations. Bound only by tests and benchmarks, never by the product: these symbols
 * exist in the stand-in libraries alone.
 */
import { loadLibrary, usingStandIns, type LibraryHandle, type TypeSpec } from '../../../main/native/library.js';

/** The stand-in's test-only exports (stand-in/README.md). Only tests call these. */
export interface StandInControls {
  readonly hcs: {
    reset(): void;
    /** The next call of `fn` fails with `hresult`: returned by the call (`direct`) or through its operation. */
    injectFault(fn: string, hresult: number, direct: boolean): void;
    setLatency(fn: string, ms: number): void;
    setShutdownDelay(ms: number): void;
    guestPowerOff(id: string, unexpected: boolean): number;
    emitEvent(id: string, type: number, eventData: string | null): number;
    /** The guest's processor load, 0–100 % of all its processors (3 % by default); 0 or an HRESULT. */
    setGuestLoad(id: string, percent: number): number;
    openHandleCount(): number;
    liveAllocationCount(): number;
    computeSystemCount(): number;
    setSessionTarget(pipeName: string, host: string, port: number): number;
    /** Calls of `fn` ("*": every export) made in the next `ms` wait until then: a wedged vmcompute. */
    stall(fn: string, ms: number): void;
    /** Calls that waited longer than the deadlock timeout for a running callback; never reset. */
    deadlockCount(): number;
    /** How long a call may wait for a running callback before it counts as a deadlock (0: 2 s). */
    setDeadlockTimeout(ms: number): void;
    /** Queues `total` bytes (default: `data` once) of `data` repeated to every connection of a COM pipe; the count of connections, or an HRESULT. */
    comWrite(pipeName: string, data: string | Uint8Array, total?: number): number;
    /** Connections open on a COM pipe (-1: no running VM serves it). */
    comConnectionCount(pipeName: string): number;
    /** Bytes queued on a COM pipe's connections that their clients have not taken yet (-1: none serves it). */
    comPendingBytes(pipeName: string): number;
    /** How long after a VM's start its firmware prints the boot output (default 1000 ms). */
    setComBootDelay(ms: number): void;
  };
  readonly hcn: {
    reset(): void;
    injectFault(fn: string, hresult: number): void;
    setLatency(fn: string, ms: number): void;
    openHandleCount(): number;
    liveAllocationCount(): number;
    networkCount(): number;
    endpointCount(): number;
    stall(fn: string, ms: number): void;
  };
  readonly virtDisk: {
    reset(): void;
    injectFault(fn: string, win32Error: number): void;
    setBytesPerSecond(bytesPerSecond: number): void;
    openHandleCount(): number;
    stall(fn: string, ms: number): void;
    /** Makes a stand-in disk a differencing disk whose parent is `parentPath`; 0 or a Win32 error. */
    setParent(path: string, parentPath: string): number;
    /** Where the guest's partitions end: the disk's smallest safe virtual size; 0 or a Win32 error. */
    setSmallestSafeSize(path: string, bytes: number): number;
  };
  /** cfgmgr32's, bound (and the library loaded) on first use. */
  readonly cfg: {
    reset(): void;
    /** Each of the next `times` size calls is followed by a new GPU, so the list call finds a longer list. */
    growAfterSizeCall(times: number): void;
    callCount(fn: string): number;
    stall(fn: string, ms: number): void;
  };
  /** The Linux computecore's stand-ins of the pipe-identity Win32 calls (stand-in/pipe_identity.c). */
  readonly win32: {
    /** Process and token handles not yet closed; -1 under wine, where the real kernel32 answers. */
    openHandleCount(): number;
  };
}

let controls: StandInControls | null = null;

/**
 * Binds the stand-ins' test-only exports. Throws unless the loader says every library is a stand-in
 * (never in the packaged app; on Windows only with HAKO_STAND_IN_DIR or the per-library variables), so
 * it can never touch the real DLLs.
 */
export function standInControls(): StandInControls {
  if (controls) return controls;
  if (!usingStandIns()) throw new Error('Stand-in controls exist only when the stand-in libraries are loaded.');
  const cc = loadLibrary('computecore');
  const cn = loadLibrary('computenetwork');
  const vd = loadLibrary('virtdisk');
  const f = (lib: LibraryHandle, name: string, result: TypeSpec, args: TypeSpec[]) => lib.func(name, result, args);
  const hcsReset = f(cc, 'StandInHcsReset', 'void', []);
  const hcsFault = f(cc, 'StandInHcsInjectFault', 'int32_t', ['str16', 'int32_t', 'int32_t']);
  const hcsLatency = f(cc, 'StandInHcsSetLatency', 'void', ['str16', 'uint32_t']);
  const hcsShutdownDelay = f(cc, 'StandInHcsSetShutdownDelay', 'void', ['uint32_t']);
  const hcsPowerOff = f(cc, 'StandInHcsGuestPowerOff', 'int32_t', ['str16', 'int32_t']);
  const hcsEmit = f(cc, 'StandInHcsEmitEvent', 'int32_t', ['str16', 'uint32_t', 'str16']);
  const hcsLoad = f(cc, 'StandInHcsSetGuestLoad', 'int32_t', ['str16', 'uint32_t']);
  const hcsHandles = f(cc, 'StandInHcsOpenHandleCount', 'int32_t', []);
  const hcsAllocations = f(cc, 'StandInHcsLiveAllocationCount', 'int32_t', []);
  const hcsSystems = f(cc, 'StandInHcsComputeSystemCount', 'int32_t', []);
  const hcsSession = f(cc, 'StandInHcsSetSessionTarget', 'int32_t', ['str16', 'str', 'uint16_t']);
  const hcsStall = f(cc, 'StandInHcsStall', 'void', ['str16', 'uint32_t']);
  const hcsDeadlocks = f(cc, 'StandInHcsDeadlockCount', 'int32_t', []);
  const hcsDeadlockTimeout = f(cc, 'StandInHcsSetDeadlockTimeout', 'void', ['uint32_t']);
  const hcsComWrite = f(cc, 'StandInHcsComWrite', 'int32_t', ['str16', 'void *', 'uint32_t', 'uint64_t']);
  const hcsComConnections = f(cc, 'StandInHcsComConnectionCount', 'int32_t', ['str16']);
  const hcsComPending = f(cc, 'StandInHcsComPendingBytes', 'int64_t', ['str16']);
  const hcsComBootDelay = f(cc, 'StandInHcsSetComBootDelay', 'void', ['uint32_t']);
  const hcnReset = f(cn, 'StandInHcnReset', 'void', []);
  const hcnFault = f(cn, 'StandInHcnInjectFault', 'int32_t', ['str16', 'int32_t']);
  const hcnLatency = f(cn, 'StandInHcnSetLatency', 'void', ['str16', 'uint32_t']);
  const hcnHandles = f(cn, 'StandInHcnOpenHandleCount', 'int32_t', []);
  const hcnAllocations = f(cn, 'StandInHcnLiveAllocationCount', 'int32_t', []);
  const hcnNetworks = f(cn, 'StandInHcnNetworkCount', 'int32_t', []);
  const hcnEndpoints = f(cn, 'StandInHcnEndpointCount', 'int32_t', []);
  const hcnStall = f(cn, 'StandInHcnStall', 'void', ['str16', 'uint32_t']);
  const vdReset = f(vd, 'StandInVirtDiskReset', 'void', []);
  const vdFault = f(vd, 'StandInVirtDiskInjectFault', 'int32_t', ['str16', 'uint32_t']);
  const vdSpeed = f(vd, 'StandInVirtDiskSetBytesPerSecond', 'void', ['uint64_t']);
  const vdHandles = f(vd, 'StandInVirtDiskOpenHandleCount', 'int32_t', []);
  const vdStall = f(vd, 'StandInVirtDiskStall', 'void', ['str16', 'uint32_t']);
  const vdParent = f(vd, 'StandInVirtDiskSetParent', 'int32_t', ['str16', 'str16']);
  const win32Handles = process.platform === 'win32' ? () => -1 : f(cc, 'StandInWin32OpenHandleCount', 'int32_t', []);
  const vdSmallestSafe = f(vd, 'StandInVirtDiskSetSmallestSafeSize', 'int32_t', ['str16', 'uint64_t']);
  const signed = (hresult: number) => hresult | 0;
  let cfg: StandInControls['cfg'] | null = null;
  const cfgControls = (): StandInControls['cfg'] => {
    if (cfg) return cfg;
    const cm = loadLibrary('cfgmgr32');
    const reset = f(cm, 'StandInCfgReset', 'void', []);
    const grow = f(cm, 'StandInCfgGrowAfterSizeCall', 'void', ['uint32_t']);
    const count = f(cm, 'StandInCfgCallCount', 'int32_t', ['str16']);
    const stall = f(cm, 'StandInCfgStall', 'void', ['str16', 'uint32_t']);
    cfg = {
      reset: () => void reset(),
      growAfterSizeCall: (times) => void grow(times),
      callCount: (fn) => count(fn) as number,
      stall: (fn, ms) => void stall(fn, ms),
    };
    return cfg;
  };
  controls = {
    hcs: {
      reset: () => void hcsReset(),
      injectFault: (fn, hresult, direct) => void hcsFault(fn, signed(hresult), direct ? 1 : 0),
      setLatency: (fn, ms) => void hcsLatency(fn, ms),
      setShutdownDelay: (ms) => void hcsShutdownDelay(ms),
      guestPowerOff: (id, unexpected) => hcsPowerOff(id, unexpected ? 1 : 0) as number,
      emitEvent: (id, type, data) => hcsEmit(id, type >>> 0, data) as number,
      setGuestLoad: (id, percent) => hcsLoad(id, percent) as number,
      openHandleCount: () => hcsHandles() as number,
      liveAllocationCount: () => hcsAllocations() as number,
      computeSystemCount: () => hcsSystems() as number,
      setSessionTarget: (pipe, host, port) => hcsSession(pipe, host, port) as number,
      stall: (fn, ms) => void hcsStall(fn, ms),
      deadlockCount: () => hcsDeadlocks() as number,
      setDeadlockTimeout: (ms) => void hcsDeadlockTimeout(ms),
      comWrite: (pipe, data, total = 0) => {
        const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
        return hcsComWrite(pipe, bytes, bytes.length, total) as number;
      },
      comConnectionCount: (pipe) => hcsComConnections(pipe) as number,
      comPendingBytes: (pipe) => Number(hcsComPending(pipe) as number | bigint),
      setComBootDelay: (ms) => void hcsComBootDelay(ms),
    },
    hcn: {
      reset: () => void hcnReset(),
      injectFault: (fn, hresult) => void hcnFault(fn, signed(hresult)),
      setLatency: (fn, ms) => void hcnLatency(fn, ms),
      openHandleCount: () => hcnHandles() as number,
      liveAllocationCount: () => hcnAllocations() as number,
      networkCount: () => hcnNetworks() as number,
      endpointCount: () => hcnEndpoints() as number,
      stall: (fn, ms) => void hcnStall(fn, ms),
    },
    virtDisk: {
      reset: () => void vdReset(),
      injectFault: (fn, win32Error) => void vdFault(fn, win32Error),
      setBytesPerSecond: (bytes) => void vdSpeed(bytes),
      openHandleCount: () => vdHandles() as number,
      stall: (fn, ms) => void vdStall(fn, ms),
      setParent: (file, parent) => vdParent(file, parent) as number,
      setSmallestSafeSize: (file, bytes) => vdSmallestSafe(file, bytes) as number,
    },
    get cfg() {
      return cfgControls();
    },
    win32: { openHandleCount: () => win32Handles() as number },
  };
  return controls;
}
