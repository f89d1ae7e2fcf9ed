/**
 * The native layer's front door: the ports (services/ports.ts) implemented over koffi. Nothing that
 * leaves this folder is a koffi value.
 */
import type { Hcn, Hcs, HostInfo, VirtDisk } from '../services/ports.js';
import { NativeHcn } from './computenetwork.js';
import { NativeHcs } from './computecore.js';
import { usingStandIns } from './library.js';
import { NativeVirtDisk } from './virtdisk.js';
import { loadHostInfo } from './win32.js';

export interface NativeHost {
  readonly hcs: Hcs;
  readonly hcn: Hcn;
  readonly virtDisk: VirtDisk;
  readonly host: HostInfo;
  /** True when the stand-in libraries are loaded instead of the Windows DLLs. */
  readonly standIn: boolean;
}

let host: NativeHost | null = null;

/**
 * Loads computecore, computenetwork and virtdisk (or their stand-ins; see library.ts) and reads the
 * host facts. Built once per process. Throws an Error naming the library when one cannot be loaded.
 */
export function loadNativeHost(): NativeHost {
  host ??= {
    hcs: new NativeHcs(),
    hcn: new NativeHcn(),
    virtDisk: new NativeVirtDisk(),
    host: loadHostInfo(),
    standIn: usingStandIns(),
  };
  return host;
}

export { NativeHcs, NativeComputeSystem } from './computecore.js';
export { NativeHcn, NativeHcnHandle, HCN_MAX_IN_FLIGHT } from './computenetwork.js';
export { NativeVirtDisk, DEFAULT_BLOCK_SIZE, PROGRESS_INTERVAL_MS } from './virtdisk.js';
export { loadHostInfo, DEFAULT_STAND_IN_BUILD } from './win32.js';
export { setNativeErrorReporter, type ErrorReporter } from './ffi.js';
export { libraryPath, standInDirectory, usingStandIns } from './library.js';
