/**
 * virtdisk.dll (VHD and VHDX files) behind the `VirtDisk` port.
 *
 * - Every virtdisk export (and CloseHandle of a disk) runs through calls.ts: koffi `.async` on the
 *   libuv pool, bounded, watched. Only CreateEventW and CancelIoEx, which never wait, run directly.
 * - Disks are opened as Microsoft's virtdisk samples open them (Windows-classic-samples,
 *   Samples/Hyper-V/Storage): version 2 parameters with VIRTUAL_DISK_ACCESS_NONE, "the only acceptable
 *   access mask for V2 handle opens". Resize needs such a handle ("Only V2 handles can be used to
 *   resize", ResizeVirtualDisk.cpp) and compact opens one too (compactVirtualDisk.cpp); information is
 *   read through a GetInfoOnly handle opened with OPEN_VIRTUAL_DISK_FLAG_NO_PARENTS
 *   (GetVirtualDiskInformation.cpp), so a differencing disk whose parent is missing still answers.
 *   NanaBox uses version 1 with VIRTUAL_DISK_ACCESS_ALL, but synchronously; Hako's calls are overlapped.
 *   What is read, and how the parent chain is walked: virtdisk-info.ts; the bound exports, opening and
 *   errors: virtdisk-calls.ts.
 * - Differencing disks are made by CreateVirtualDisk with a ParentPath, as Microsoft's CreateVirtualDisk
 *   sample makes them.
 * - Create, resize and compact are issued with an OVERLAPPED (the call returns ERROR_IO_PENDING once
 *   accepted) and then followed by polling GetVirtualDiskOperationProgress every
 *   {@link PROGRESS_INTERVAL_MS} on a timer — no thread waits for the operation. The OVERLAPPED, the
 *   parameter block and the path live in koffi.alloc memory until the operation has ended.
 * - Aborting the signal calls CancelIoEx(handle, overlapped) and keeps polling until the operation
 *   reports its end; the promise then rejects with ERROR_CANCELLED. An operation that completed
 *   successfully in spite of the abort resolves.
 * - Errors are Win32 codes: HcsError with api 'VirtDisk' and HRESULT_FROM_WIN32(code).
 *
 * CloseHandle, CancelIoEx and CreateEventW come from kernel32 on Windows; the Linux stand-in exports
 * CloseHandle and CancelIoEx itself and needs no event; under wine the stand-in's operations are
 * cancelled with its StandInVirtDiskCancel — bound only when the loader says virtdisk is a stand-in,
 * which it never says in the packaged app (library.ts).
 */
import { rm } from 'node:fs/promises';
import koffi from 'koffi';
import type { DiskOperationOptions, DiskProgress, VirtDisk, VirtualDiskFormat, VirtualDiskInfo } from '../services/ports.js';
import { reportNativeError } from './ffi.js';
import { cancelled, closeHandle, decodeNumber, diskCall, handleOf, openDisk, virtDisk, virtDiskError } from './virtdisk-calls.js';
import { readDiskInfo } from './virtdisk-info.js';
import {
  ERROR_SUCCESS,
  ERROR_OPERATION_ABORTED,
  ERROR_IO_PENDING,
  ERROR_CANCELLED,
  VIRTUAL_STORAGE_TYPE_DEVICE_VHD,
  VIRTUAL_STORAGE_TYPE_DEVICE_VHDX,
  VENDOR_MICROSOFT,
  VENDOR_UNKNOWN,
  VIRTUAL_DISK_ACCESS_NONE,
  CREATE_VIRTUAL_DISK_VERSION_2,
  CREATE_VIRTUAL_DISK_FLAG_NONE,
  CREATE_VIRTUAL_DISK_FLAG_FULL_PHYSICAL_ALLOCATION,
  RESIZE_VIRTUAL_DISK_VERSION_1,
  RESIZE_VIRTUAL_DISK_FLAG_NONE,
  COMPACT_VIRTUAL_DISK_VERSION_1,
  COMPACT_VIRTUAL_DISK_FLAG_NONE,
  VIRTUAL_STORAGE_TYPE,
  CREATE_VIRTUAL_DISK_PARAMETERS,
  RESIZE_VIRTUAL_DISK_PARAMETERS,
  COMPACT_VIRTUAL_DISK_PARAMETERS,
  OVERLAPPED_SIZE,
  OVERLAPPED_HEVENT_OFFSET,
} from './virtdisk-layouts.js';

/** How often a running create/resize/compact is asked for its progress. */
export const PROGRESS_INTERVAL_MS = 100;

/** Default block sizes, as NanaBox creates disks: 1 MiB for VHDX, 512 KiB for VHD. */
export const DEFAULT_BLOCK_SIZE: Readonly<Record<VirtualDiskFormat, number>> = { vhdx: 0x100000, vhd: 0x80000 };

/** koffi.alloc memory that stays put until freed: what an asynchronous virtdisk call may keep using. */
class StableMemory {
  private readonly blocks: bigint[] = [];

  bytes(size: number): bigint {
    const pointer = koffi.alloc('uint8_t', size) as bigint;
    this.blocks.push(pointer);
    koffi.encode(pointer, koffi.array('uint8_t', size), new Uint8Array(size));
    return pointer;
  }

  struct(type: Parameters<typeof koffi.sizeof>[0], value: object): bigint {
    const pointer = this.bytes(koffi.sizeof(type));
    koffi.encode(pointer, type, value);
    return pointer;
  }

  string16(text: string): bigint {
    const units = text.length + 1;
    const pointer = this.bytes(units * 2);
    koffi.encode(pointer, koffi.array('char16_t', units), text);
    return pointer;
  }

  free(): void {
    for (const pointer of this.blocks.splice(0)) koffi.free(pointer);
  }
}

/**
 * Follows one overlapped operation to its end by polling its progress on a timer. Resolves with the
 * final status (a Win32 code); never leaves before the operation has ended, unless the progress query
 * itself fails (then `ended` is false and the OVERLAPPED must not be freed).
 */
function follow(handle: bigint, overlapped: bigint, options: DiskOperationOptions | undefined, subject: string): Promise<{ status: number; ended: boolean; aborted: boolean }> {
  const b = virtDisk();
  const signal = options?.signal;
  return new Promise((resolve) => {
    let aborted = false;
    let last: DiskProgress | null = null;
    const onAbort = () => {
      aborted = true;
      try {
        b.cancel(handle, overlapped);
      } catch (error) {
        reportNativeError('CancelIoEx failed', error);
      }
    };
    const finish = (result: { status: number; ended: boolean }) => {
      signal?.removeEventListener('abort', onAbort);
      resolve({ ...result, aborted });
    };
    const report = (progress: DiskProgress) => {
      if (!options?.onProgress || (last && last.completed === progress.completed && last.total === progress.total)) return;
      last = progress;
      try {
        options.onProgress(progress);
      } catch (error) {
        reportNativeError('a disk progress listener threw', error);
      }
    };
    const poll = async () => {
      try {
        const progress: Record<string, unknown> = {};
        const queried = await diskCall('GetVirtualDiskOperationProgress', b.getProgress, [handle, overlapped, progress], subject);
        if (queried !== ERROR_SUCCESS) {
          finish({ status: queried, ended: false });
          return;
        }
        const status = progress.OperationStatus as number;
        const completed = decodeNumber(progress.CurrentValue);
        const total = decodeNumber(progress.CompletionValue);
        if (status === ERROR_IO_PENDING) {
          report({ completed, total });
          setTimeout(() => void poll(), PROGRESS_INTERVAL_MS);
          return;
        }
        if (status === ERROR_SUCCESS) report({ completed: total, total });
        finish({ status, ended: true });
      } catch (error) {
        reportNativeError('GetVirtualDiskOperationProgress failed', error);
        finish({ status: ERROR_IO_PENDING, ended: false });
      }
    };
    if (signal) {
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    }
    void poll();
  });
}

/**
 * Runs one overlapped virtdisk call: `start(overlapped, memory)` issues it and returns its status and
 * the handle it works on; then the operation is followed to its end.
 */
async function runOverlapped(
  operation: string,
  subject: string,
  options: DiskOperationOptions | undefined,
  start: (overlapped: bigint, memory: StableMemory) => Promise<{ status: number; handle: bigint | null }>,
): Promise<{ handle: bigint | null; accepted: boolean }> {
  if (options?.signal?.aborted) throw cancelled(operation);
  const b = virtDisk();
  const memory = new StableMemory();
  const overlapped = memory.bytes(OVERLAPPED_SIZE);
  let event: bigint | null = null;
  let keepMemory = false;
  let handle: bigint | null = null;
  let accepted = false;
  try {
    if (b.createEvent) {
      // A manual-reset event the operation signals at its end (what Microsoft's virtdisk samples pass).
      event = b.createEvent(null, 1, 0, null) as bigint | null;
      if (event) koffi.encode(overlapped, OVERLAPPED_HEVENT_OFFSET, 'void *', event);
    }
    const started = await start(overlapped, memory);
    handle = started.handle;
    if (started.status !== ERROR_SUCCESS && started.status !== ERROR_IO_PENDING) throw virtDiskError(operation, started.status);
    accepted = true;
    if (started.status === ERROR_IO_PENDING) {
      if (handle === null) throw virtDiskError(operation, 6, 'No handle to follow the operation with.');
      const result = await follow(handle, overlapped, options, subject);
      if (!result.ended) {
        // The operation may still be writing into the OVERLAPPED: leak it rather than free it under it.
        keepMemory = true;
        throw virtDiskError('GetVirtualDiskOperationProgress', result.status);
      }
      if (result.status !== ERROR_SUCCESS) {
        if (result.aborted || result.status === ERROR_OPERATION_ABORTED || result.status === ERROR_CANCELLED) throw cancelled(operation);
        throw virtDiskError(operation, result.status);
      }
    }
    return { handle, accepted };
  } catch (error) {
    throw Object.assign(error as Error, { handle, accepted });
  } finally {
    if (event) await closeHandle(event, subject).catch((e: unknown) => reportNativeError('closing an event', e));
    if (!keepMemory) memory.free();
  }
}

/** The `VirtDisk` port over virtdisk.dll (or its stand-in). */
/** What CreateVirtualDisk makes: a new disk of a size, or a differencing disk on a parent. */
type NewDisk = { readonly format: VirtualDiskFormat } & ({ readonly sizeBytes: number; readonly fixed: boolean } | { readonly parentPath: string });

function deviceOf(format: VirtualDiskFormat): number {
  return format === 'vhd' ? VIRTUAL_STORAGE_TYPE_DEVICE_VHD : VIRTUAL_STORAGE_TYPE_DEVICE_VHDX;
}

/** The format a path's extension names, as virtdisk picks it when the storage type is unknown. */
function formatOfPath(path: string): VirtualDiskFormat {
  return /\.vhd$/i.test(path) ? 'vhd' : 'vhdx';
}

/** The `VirtDisk` port over virtdisk.dll (or its stand-in). */
export class NativeVirtDisk implements VirtDisk {
  constructor() {
    virtDisk();
  }

  create(path: string, options: { format: VirtualDiskFormat; sizeBytes: number; fixed: boolean } & DiskOperationOptions): Promise<void> {
    return this.createDisk(path, { format: options.format, sizeBytes: options.sizeBytes, fixed: options.fixed }, options);
  }

  /**
   * A differencing disk at `path` on `parentPath` (CREATE_VIRTUAL_DISK_PARAMETERS: with a ParentPath,
   * MaximumSize must be zero — the child takes its parent's size — and block and sector sizes of 0 take
   * the defaults Microsoft's CreateVirtualDisk sample lists for differencing disks). The child's format
   * follows its extension; the parent's type is left for virtdisk to detect.
   */
  createDifferencing(path: string, parentPath: string, options?: DiskOperationOptions): Promise<void> {
    return this.createDisk(path, { format: formatOfPath(path), parentPath }, options);
  }

  private async createDisk(path: string, disk: NewDisk, options: DiskOperationOptions | undefined): Promise<void> {
    const operation = 'CreateVirtualDisk';
    const b = virtDisk();
    const sized = 'sizeBytes' in disk ? disk : null;
    let handle: bigint | null;
    try {
      ({ handle } = await runOverlapped(operation, path, options, async (overlapped, memory) => {
        const storageType = memory.struct(VIRTUAL_STORAGE_TYPE, { DeviceId: deviceOf(disk.format), VendorId: VENDOR_MICROSOFT });
        const parameters = memory.struct(CREATE_VIRTUAL_DISK_PARAMETERS, {
          Version: CREATE_VIRTUAL_DISK_VERSION_2,
          _unionAlignment: 0,
          UniqueId: VENDOR_UNKNOWN, // all zero: virtdisk generates one
          MaximumSize: sized?.sizeBytes ?? 0,
          // Fixed disks have no blocks and differencing disks take their defaults; 0 lets virtdisk choose.
          BlockSizeInBytes: sized && !sized.fixed ? DEFAULT_BLOCK_SIZE[disk.format] : 0,
          SectorSizeInBytes: 0,
          PhysicalSectorSizeInBytes: 0,
          ParentPath: sized ? null : memory.string16((disk as { parentPath: string }).parentPath),
          SourcePath: null,
          OpenFlags: 0,
          ParentVirtualStorageType: { DeviceId: 0, VendorId: VENDOR_UNKNOWN },
          SourceVirtualStorageType: { DeviceId: 0, VendorId: VENDOR_UNKNOWN },
          ResiliencyGuid: VENDOR_UNKNOWN,
          _versions3and4: new Uint8Array(56),
        });
        const flags = sized?.fixed ? CREATE_VIRTUAL_DISK_FLAG_FULL_PHYSICAL_ALLOCATION : CREATE_VIRTUAL_DISK_FLAG_NONE;
        const out: unknown[] = [null];
        const status = await diskCall(operation, b.create, [storageType, memory.string16(path), VIRTUAL_DISK_ACCESS_NONE, null, flags, 0, parameters, overlapped, out], path);
        return { status, handle: handleOf(out) };
      }));
    } catch (error) {
      const failed = error as { handle?: bigint | null; accepted?: boolean };
      if (failed.handle) await closeHandle(failed.handle, path).catch((e: unknown) => reportNativeError('closing a failed create', e));
      // A create that was accepted and then failed or was cancelled leaves a partial file that only we
      // made (an existing file fails the call itself with ERROR_FILE_EXISTS): remove it.
      if (failed.accepted) await rm(path, { force: true }).catch((e: unknown) => reportNativeError('removing a partial disk', e));
      throw error;
    }
    if (handle !== null) await closeHandle(handle, path);
  }

  async resize(path: string, sizeBytes: number, options?: DiskOperationOptions): Promise<void> {
    const operation = 'ResizeVirtualDisk';
    const b = virtDisk();
    if (options?.signal?.aborted) throw cancelled(operation);
    const handle = await openDisk(path, 'change');
    try {
      await runOverlapped(operation, path, options, async (overlapped, memory) => {
        const parameters = memory.struct(RESIZE_VIRTUAL_DISK_PARAMETERS, { Version: RESIZE_VIRTUAL_DISK_VERSION_1, _unionAlignment: 0, NewSize: sizeBytes });
        const status = await diskCall(operation, b.resize, [handle, RESIZE_VIRTUAL_DISK_FLAG_NONE, parameters, overlapped], path);
        return { status, handle };
      });
    } finally {
      await closeHandle(handle, path);
    }
  }

  async compact(path: string, options?: DiskOperationOptions): Promise<void> {
    const operation = 'CompactVirtualDisk';
    const b = virtDisk();
    if (options?.signal?.aborted) throw cancelled(operation);
    const handle = await openDisk(path, 'change');
    try {
      await runOverlapped(operation, path, options, async (overlapped, memory) => {
        const parameters = memory.struct(COMPACT_VIRTUAL_DISK_PARAMETERS, { Version: COMPACT_VIRTUAL_DISK_VERSION_1, Reserved: 0 });
        const status = await diskCall(operation, b.compact, [handle, COMPACT_VIRTUAL_DISK_FLAG_NONE, parameters, overlapped], path);
        return { status, handle };
      });
    } finally {
      await closeHandle(handle, path);
    }
  }

  info(path: string): Promise<VirtualDiskInfo> {
    return readDiskInfo(path);
  }
}
