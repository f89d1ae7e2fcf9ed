/**
 * The native layer's front door: the ports (services/ports.ts) implemented over koffi. Nothing that
 * leaves this folder is a koffi value.
 */
import type { Hcn, Hcs, HostDevices, HostInfo, VirtDisk } from '../services/ports.js';
import { NativeHostDevices } from './cfgmgr32.js';
import { nativeCallMonitor, type NativeCallMonitor } from './calls.js';
import { NativeHcn } from './computenetwork.js';
import { NativeHcs } from './computecore.js';
import type { InstallWarning } from './install-location.js';
import { loaderReport, usingStandIns, type LoaderReport } from './library.js';
import { NativeVirtDisk } from './virtdisk.js';
import { installWarning, loadHostInfo } from './win32.js';

/** What the diagnostics show about the native layer; available even when the libraries did not load. */
export interface NativeStatus {
  /** Which libraries were loaded from where, and why one did not. */
  loader(): LoaderReport;
  /** Hako runs elevated from a folder others can write to (Windows), or null. */
  readonly installWarning: InstallWarning | null;
  /** Native calls past the watchdog timeout. */
  readonly calls: NativeCallMonitor;
}

export interface NativeHost {
  readonly hcs: Hcs;
  readonly hcn: Hcn;
  readonly virtDisk: VirtDisk;
  /** cfgmgr32 (loaded on first use). */
  readonly devices: HostDevices;
  readonly host: HostInfo;
  /** True when the stand-in libraries are loaded instead of the Windows DLLs. */
  readonly standIn: boolean;
  readonly status: NativeStatus;
}

let host: NativeHost | null = null;

function safeInstallWarning(facts: HostInfo): InstallWarning | null {
  try {
    return installWarning(facts);
  } catch {
    // The check is advice; a failure to make it must not keep Hako from starting.
    return null;
  }
}

/** The native status without the libraries (when computecore could not be loaded). */
export function nativeStatus(facts: HostInfo | null): NativeStatus {
  return { loader: loaderReport, installWarning: facts ? safeInstallWarning(facts) : null, calls: nativeCallMonitor };
}

/**
 * Loads computecore, computenetwork and virtdisk (or their stand-ins; see library.ts) and reads the
 * host facts; cfgmgr32 loads when the GPUs are first listed. Built once per process. Throws an Error naming the library when one cannot be loaded.
 */
export function loadNativeHost(): NativeHost {
  if (!host) {
    const facts = loadHostInfo();
    host = {
      hcs: new NativeHcs(),
      hcn: new NativeHcn(),
      virtDisk: new NativeVirtDisk(),
      devices: new NativeHostDevices(),
      host: facts,
      standIn: usingStandIns(),
      status: nativeStatus(facts),
    };
  }
  return host;
}

export { NativeHcs, NativeComputeSystem } from './computecore.js';
export { hostConnectionPeers } from './connection-peers.js';
export { NativeHcn, NativeHcnHandle } from './computenetwork.js';
export { NativeVirtDisk, DEFAULT_BLOCK_SIZE, PROGRESS_INTERVAL_MS } from './virtdisk.js';
export { loadHostInfo, DEFAULT_STAND_IN_BUILD } from './win32.js';
export { setNativeErrorReporter, type ErrorReporter } from './ffi.js';
export { libraryPath, loaderReport, standInDirectory, systemDirectory, usingStandIns, type LoaderReport } from './library.js';
export { isPackagedApp } from './packaged.js';
export { createNamedPipes } from './named-pipe.js';
export { protectedFolders } from './win32.js';
export { nativeCallLimit, nativeCallMonitor, setNativeCallTimeout, type NativeCallMonitor, type StalledCall } from './calls.js';
export type { InstallWarning } from './install-location.js';
