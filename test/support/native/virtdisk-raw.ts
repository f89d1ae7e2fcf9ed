/**
 * virtdisk opened the way Hako does not (version 1 parameters with VIRTUAL_DISK_ACCESS_ALL, as NanaBox
 * does; or without OPEN_VIRTUAL_DISK_FLAG_NO_PARENTS), for the tests that show the stand-in refuses what
 * Microsoft's samples rule out. Synchronous calls without an OVERLAPPED: the stand-in runs them inline.
 */
import koffi from 'koffi';
import { GUID } from '../../../main/native/guid.js';
import { bind, loadLibrary } from '../../../main/native/library.js';

const ZERO_GUID = { Data1: 0, Data2: 0, Data3: 0, Data4: [0, 0, 0, 0, 0, 0, 0, 0] };
const VIRTUAL_DISK_ACCESS_ALL = 0x003f0000;
const OPEN_VIRTUAL_DISK_FLAG_NONE = 0;
const OPEN_VIRTUAL_DISK_FLAG_NO_PARENTS = 1;
const GET_VIRTUAL_DISK_INFO_PARENT_LOCATION = 3;
const ERROR_INSUFFICIENT_BUFFER = 122;

export interface RawVirtDisk {
  /** OpenVirtualDisk (version 1, ACCESS_ALL), then ResizeVirtualDisk (or Compact) on that handle: its status. */
  resizeThroughVersion1(path: string, newSize: number): { open: number; call: number };
  compactThroughVersion1(path: string): { open: number; call: number };
  /** OpenVirtualDisk version 2 GetInfoOnly without NO_PARENTS: its status. */
  openInfoWithParents(path: string): number;
  /**
   * GET_VIRTUAL_DISK_INFO_PARENT_LOCATION through a version 2 GetInfoOnly handle opened with or without
   * NO_PARENTS, with a buffer first too small (so the size asked for is used): the status, ParentResolved
   * and the UTF-16 text of ParentLocationBuffer up to SizeUsed.
   */
  parentLocation(path: string, noParents: boolean): { status: number; resolved?: boolean; text?: string };
}

export function rawVirtDisk(): RawVirtDisk {
  const lib = loadLibrary('virtdisk');
  const close = process.platform === 'win32' ? bind(loadLibrary('kernel32'), 'CloseHandle', 'int', ['void *']) : bind(lib, 'CloseHandle', 'int', ['void *']);
  const storage = koffi.struct({ DeviceId: 'uint32_t', VendorId: GUID });
  const open = bind(lib, 'OpenVirtualDisk', 'uint32_t', [koffi.pointer(storage), 'str16', 'uint32_t', 'uint32_t', 'void *', koffi.out(koffi.pointer('void *'))]);
  const resize = bind(lib, 'ResizeVirtualDisk', 'uint32_t', ['void *', 'uint32_t', 'void *', 'void *']);
  const compact = bind(lib, 'CompactVirtualDisk', 'uint32_t', ['void *', 'uint32_t', 'void *', 'void *']);
  const information = bind(lib, 'GetVirtualDiskInformation', 'uint32_t', ['void *', koffi.inout(koffi.pointer('uint32_t')), 'void *', koffi.out(koffi.pointer('uint32_t'))]);
  const unknown = { DeviceId: 0, VendorId: ZERO_GUID };
  const withVersion1 = (path: string, use: (handle: unknown) => number) => {
    const out: unknown[] = [null];
    // NULL parameters: version 1 with its defaults.
    const status = open(unknown, path, VIRTUAL_DISK_ACCESS_ALL, OPEN_VIRTUAL_DISK_FLAG_NONE, null, out) as number;
    if (status !== 0) return { open: status, call: -1 };
    try {
      return { open: 0, call: use(out[0]) };
    } finally {
      close(out[0]);
    }
  };
  return {
    resizeThroughVersion1: (path, newSize) =>
      withVersion1(path, (handle) => {
        const parameters = Buffer.alloc(16);
        parameters.writeUInt32LE(1, 0);
        parameters.writeBigUInt64LE(BigInt(newSize), 8);
        return resize(handle, 0, parameters, null) as number;
      }),
    compactThroughVersion1: (path) =>
      withVersion1(path, (handle) => {
        const parameters = Buffer.alloc(8);
        parameters.writeUInt32LE(1, 0);
        return compact(handle, 0, parameters, null) as number;
      }),
    parentLocation(path, noParents) {
      const parameters = Buffer.alloc(44);
      parameters.writeUInt32LE(2, 0);
      parameters.writeInt32LE(1, 4); // GetInfoOnly
      const out: unknown[] = [null];
      const opened = open(unknown, path, 0, noParents ? OPEN_VIRTUAL_DISK_FLAG_NO_PARENTS : OPEN_VIRTUAL_DISK_FLAG_NONE, parameters, out) as number;
      if (opened !== 0) return { status: opened };
      try {
        const size = [32];
        let buffer = Buffer.alloc(32);
        buffer.writeUInt32LE(GET_VIRTUAL_DISK_INFO_PARENT_LOCATION, 0);
        let status = information(out[0], size, buffer, [0]) as number;
        if (status !== ERROR_INSUFFICIENT_BUFFER) return { status };
        buffer = Buffer.alloc(size[0]!);
        buffer.writeUInt32LE(GET_VIRTUAL_DISK_INFO_PARENT_LOCATION, 0);
        const used = [0];
        status = information(out[0], size, buffer, used) as number;
        if (status !== 0) return { status };
        return { status, resolved: buffer.readInt32LE(8) !== 0, text: buffer.toString('utf16le', 12, used[0]) };
      } finally {
        close(out[0]);
      }
    },
    openInfoWithParents(path) {
      const parameters = Buffer.alloc(44);
      parameters.writeUInt32LE(2, 0);
      parameters.writeInt32LE(1, 4); // GetInfoOnly
      const out: unknown[] = [null];
      const status = open(unknown, path, 0, OPEN_VIRTUAL_DISK_FLAG_NONE, parameters, out) as number;
      if (status === 0) close(out[0]);
      return status;
    },
  };
}
