/**
 * virtdisk.dll as virtdisk.ts and virtdisk-info.ts call it: the bound exports, every call through
 * calls.ts (koffi `.async`, bounded, watched), opening a disk the way Microsoft's samples do, and its
 * Win32 codes as HcsErrors. See virtdisk.ts for the rules.
 */
import koffi from 'koffi';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT, hresultFromWin32 } from '../../app/errors/hresult.js';
import { callNative } from './calls.js';
import { reportNativeError } from './ffi.js';
import { bind, isStandIn, loadLibrary, type LibraryHandle, type NativeFunction } from './library.js';
import {
  ERROR_SUCCESS,
  OPEN_VIRTUAL_DISK_FLAG_NONE,
  OPEN_VIRTUAL_DISK_FLAG_NO_PARENTS,
  OPEN_VIRTUAL_DISK_PARAMETERS,
  OPEN_VIRTUAL_DISK_VERSION_2,
  VENDOR_UNKNOWN,
  VIRTUAL_DISK_ACCESS_NONE,
  VIRTUAL_DISK_PROGRESS,
  VIRTUAL_STORAGE_TYPE,
  VIRTUAL_STORAGE_TYPE_DEVICE_UNKNOWN,
} from './virtdisk-layouts.js';

export const HANDLE = 'void *';
const OUT_HANDLE = koffi.out(koffi.pointer('void *'));

export interface Bindings {
  readonly create: NativeFunction;
  readonly open: NativeFunction;
  readonly resize: NativeFunction;
  readonly compact: NativeFunction;
  readonly getInformation: NativeFunction;
  readonly getProgress: NativeFunction;
  readonly closeHandle: NativeFunction;
  /** CancelIoEx(handle, overlapped), or what stands in for it. */
  readonly cancel: (handle: bigint, overlapped: bigint) => void;
  readonly createEvent: NativeFunction | null;
}

let bindings: Bindings | null = null;

/**
 * kernel32's CancelIoEx, except for the Windows build of the stand-in (under wine), whose operations
 * the kernel never saw: there StandInVirtDiskCancel(handle) stands in for it (stand-in README).
 */
function cancelFunction(lib: LibraryHandle, kernel: LibraryHandle): (handle: bigint, overlapped: bigint) => void {
  if (process.platform === 'win32' && isStandIn('virtdisk')) {
    const standInCancel = bind(lib, 'StandInVirtDiskCancel', 'int32_t', [HANDLE]);
    return (handle) => void standInCancel(handle);
  }
  const cancelIoEx = bind(kernel, 'CancelIoEx', 'int', [HANDLE, 'void *']);
  return (handle, overlapped) => void cancelIoEx(handle, overlapped);
}

export function virtDisk(): Bindings {
  if (!bindings) {
    const lib = loadLibrary('virtdisk');
    const kernel = process.platform === 'win32' ? loadLibrary('kernel32') : lib;
    bindings = {
      create: bind(lib, 'CreateVirtualDisk', 'uint32_t', ['void *', 'void *', 'uint32_t', 'void *', 'uint32_t', 'uint32_t', 'void *', 'void *', OUT_HANDLE]),
      open: bind(lib, 'OpenVirtualDisk', 'uint32_t', [koffi.pointer(VIRTUAL_STORAGE_TYPE), 'str16', 'uint32_t', 'uint32_t', koffi.pointer(OPEN_VIRTUAL_DISK_PARAMETERS), OUT_HANDLE]),
      resize: bind(lib, 'ResizeVirtualDisk', 'uint32_t', [HANDLE, 'uint32_t', 'void *', 'void *']),
      compact: bind(lib, 'CompactVirtualDisk', 'uint32_t', [HANDLE, 'uint32_t', 'void *', 'void *']),
      getInformation: bind(lib, 'GetVirtualDiskInformation', 'uint32_t', [HANDLE, koffi.inout(koffi.pointer('uint32_t')), 'void *', koffi.out(koffi.pointer('uint32_t'))]),
      getProgress: bind(lib, 'GetVirtualDiskOperationProgress', 'uint32_t', [HANDLE, 'void *', koffi.out(koffi.pointer(VIRTUAL_DISK_PROGRESS))]),
      closeHandle: bind(kernel, 'CloseHandle', 'int', [HANDLE]),
      cancel: cancelFunction(lib, kernel),
      createEvent: process.platform === 'win32' ? bind(kernel, 'CreateEventW', HANDLE, ['void *', 'int', 'int', 'void *']) : null,
    };
  }
  return bindings;
}

export function virtDiskError(operation: string, code: number, apiMessage?: string): HcsError {
  const unsigned = code >>> 0;
  // Most virtdisk failures are Win32 codes; a few come back already in HRESULT form.
  const hresult = unsigned <= 0xffff ? hresultFromWin32(unsigned) : unsigned;
  return new HcsError({ api: 'VirtDisk', operation, hresult, ...(apiMessage ? { apiMessage } : {}) });
}

export function cancelled(operation: string): HcsError {
  return new HcsError({ api: 'VirtDisk', operation, hresult: HRESULT.ERROR_CANCELLED });
}

export function handleOf(out: unknown[]): bigint | null {
  return typeof out[0] === 'bigint' && out[0] !== 0n ? out[0] : null;
}

export function decodeNumber(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : (value as number);
}

/** One virtdisk export (or CloseHandle of a disk) through calls.ts. */
export async function diskCall(operation: string, fn: NativeFunction, args: unknown[], subject: string): Promise<number> {
  return (await callNative({ api: 'VirtDisk', operation, subject }, fn, args)) as number;
}

export async function closeHandle(handle: bigint, subject: string): Promise<void> {
  await diskCall('CloseHandle', virtDisk().closeHandle, [handle], subject);
}

/** How a disk is opened: for information only (no parents), or to change it. */
export type OpenPurpose = 'info' | 'change';

export async function openDisk(path: string, purpose: OpenPurpose): Promise<bigint> {
  const operation = 'OpenVirtualDisk';
  const b = virtDisk();
  const out: unknown[] = [null];
  // Type detected from the file's extension (DeviceId and VendorId unknown), as the samples do.
  const storageType = { DeviceId: VIRTUAL_STORAGE_TYPE_DEVICE_UNKNOWN, VendorId: VENDOR_UNKNOWN };
  const parameters = { Version: OPEN_VIRTUAL_DISK_VERSION_2, GetInfoOnly: purpose === 'info' ? 1 : 0, ReadOnly: 0, ResiliencyGuid: VENDOR_UNKNOWN, _snapshotId: new Uint8Array(16) };
  const flags = purpose === 'info' ? OPEN_VIRTUAL_DISK_FLAG_NO_PARENTS : OPEN_VIRTUAL_DISK_FLAG_NONE;
  const status = await diskCall(operation, b.open, [storageType, path, VIRTUAL_DISK_ACCESS_NONE, flags, parameters, out], path);
  const handle = handleOf(out);
  if (status !== ERROR_SUCCESS) {
    if (handle !== null) await closeHandle(handle, path).catch((e: unknown) => reportNativeError('closing a failed open', e));
    throw virtDiskError(operation, status);
  }
  if (handle === null) throw virtDiskError(operation, 6, 'No handle was returned.');
  return handle;
}
