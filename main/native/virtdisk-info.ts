/**
 * What Hako reads of a disk (GetVirtualDiskInformation), as Microsoft's GetVirtualDiskInformation sample
 * reads it (Windows-classic-samples, Samples/Hyper-V/Storage): through a GetInfoOnly version 2 handle
 * opened with OPEN_VIRTUAL_DISK_FLAG_NO_PARENTS, so a differencing disk whose parent is missing still
 * answers.
 *
 * - PROVIDER_SUBTYPE: 2 fixed, 3 dynamic, 4 differencing.
 * - SMALLEST_SAFE_VIRTUAL_SIZE: how far the disk can shrink without cutting the guest's partitions (what
 *   ResizeVirtualDisk without RESIZE_VIRTUAL_DISK_FLAG_ALLOW_UNSAFE_VIRTUAL_SIZE enforces, per the
 *   ResizeVirtualDisk sample). The sample treats a failure of this query as "not available", so Hako
 *   reports null then.
 * - PARENT_LOCATION (differencing disks only): variable length; a buffer too small answers
 *   ERROR_INSUFFICIENT_BUFFER with the size needed, and the query is asked again. When the chain was
 *   resolved it holds one path; when not (always, with NO_PARENTS) a list of candidate paths ending with
 *   an empty one. Relative candidates are taken from the child's folder; the first that exists is the
 *   parent, and none existing means the parent is missing. Each parent is read the same way in turn, so
 *   the whole chain is reported, from the child's parent up.
 */
import { stat } from 'node:fs/promises';
import koffi from 'koffi';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT } from '../../app/errors/hresult.js';
import { isAbsolutePath, pathKey } from '../../app/paths/identity.js';
import { folderOf } from '../../app/paths/parts.js';
import { resolveVmPath } from '../../app/paths/resolve.js';
import type { VirtualDiskFormat, VirtualDiskInfo, VirtualDiskParent, VirtualDiskType } from '../services/ports.js';
import { closeHandle, diskCall, openDisk, virtDisk, virtDiskError } from './virtdisk-calls.js';
import {
  ERROR_INSUFFICIENT_BUFFER,
  ERROR_SUCCESS,
  GET_VIRTUAL_DISK_INFO_PARENT_BUFFER_OFFSET,
  GET_VIRTUAL_DISK_INFO_PARENT_LOCATION,
  GET_VIRTUAL_DISK_INFO_PROVIDER_SUBTYPE,
  GET_VIRTUAL_DISK_INFO_SIZE,
  GET_VIRTUAL_DISK_INFO_SIZE_BYTES,
  GET_VIRTUAL_DISK_INFO_SMALLEST_SAFE_VIRTUAL_SIZE,
  GET_VIRTUAL_DISK_INFO_UNION_OFFSET,
  GET_VIRTUAL_DISK_INFO_VIRTUAL_STORAGE_TYPE,
  PROVIDER_SUBTYPE_DIFFERENCING,
  PROVIDER_SUBTYPE_DYNAMIC,
  PROVIDER_SUBTYPE_FIXED,
  VIRTUAL_STORAGE_TYPE_DEVICE_VHD,
  VIRTUAL_STORAGE_TYPE_DEVICE_VHDX,
} from './virtdisk-layouts.js';

const OPERATION = 'GetVirtualDiskInformation';
/** No chain is longer than this; a longer one (or a loop) ends the walk. */
export const MAX_PARENT_DEPTH = 64;
/** The largest answer Hako accepts for a variable-length query (a parent's candidate paths). */
const MAX_INFO_BYTES = 1 << 20;

/** One GET_VIRTUAL_DISK_INFO query: the answer's bytes, or the Win32 code it failed with. */
async function query(handle: bigint, subject: string, version: number): Promise<Buffer | number> {
  let capacity = GET_VIRTUAL_DISK_INFO_SIZE_BYTES;
  for (;;) {
    const buffer = koffi.alloc('uint8_t', capacity) as bigint;
    try {
      koffi.encode(buffer, koffi.array('uint8_t', capacity), new Uint8Array(capacity));
      koffi.encode(buffer, 'uint32_t', version);
      const size = [capacity];
      const used = [0];
      const status = await diskCall(OPERATION, virtDisk().getInformation, [handle, size, buffer, used], subject);
      const needed = size[0]!;
      if (status === ERROR_INSUFFICIENT_BUFFER && needed > capacity && needed <= MAX_INFO_BYTES) {
        capacity = needed;
        continue;
      }
      if (status !== ERROR_SUCCESS) return status;
      const length = Math.min(capacity, used[0]! > 0 ? used[0]! : capacity);
      return Buffer.from(koffi.decode(buffer, koffi.array('uint8_t', length)) as Uint8Array | number[]);
    } finally {
      koffi.free(buffer);
    }
  }
}

async function required(handle: bigint, subject: string, version: number): Promise<Buffer> {
  const answer = await query(handle, subject, version);
  if (typeof answer === 'number') throw virtDiskError(OPERATION, answer);
  return answer;
}

const U = GET_VIRTUAL_DISK_INFO_UNION_OFFSET;

/** Where a differencing disk says its parent is: one resolved path, or the candidates. */
export interface ParentLocation {
  readonly resolved: boolean;
  readonly paths: readonly string[];
}

export function decodeParentLocation(answer: Buffer): ParentLocation {
  const resolved = answer.readInt32LE(U) !== 0;
  const text = answer.toString('utf16le', GET_VIRTUAL_DISK_INFO_PARENT_BUFFER_OFFSET, answer.length - (answer.length % 2));
  const entries = text.split('\0');
  // Resolved: one NUL-terminated path. Not resolved: NUL-terminated paths up to an empty one.
  const paths = resolved ? entries.slice(0, 1) : entries.slice(0, Math.max(0, entries.indexOf('')));
  return { resolved, paths: paths.filter((p) => p !== '') };
}

/** The candidates as absolute paths, relative ones taken from the child's folder. */
export function parentCandidates(childPath: string, location: ParentLocation): string[] {
  const folder = folderOf(childPath);
  return location.paths.map((p) => (isAbsolutePath(p) ? p : resolveVmPath(folder, p)));
}

async function isFile(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}

interface Described {
  readonly info: Omit<VirtualDiskInfo, 'parents'>;
  readonly parentLocation: ParentLocation | null;
}

function typeOf(subtype: number): VirtualDiskType {
  if (subtype === PROVIDER_SUBTYPE_FIXED) return 'fixed';
  if (subtype === PROVIDER_SUBTYPE_DYNAMIC) return 'dynamic';
  if (subtype === PROVIDER_SUBTYPE_DIFFERENCING) return 'differencing';
  throw new HcsError({ api: 'VirtDisk', operation: OPERATION, hresult: HRESULT.ERROR_NOT_SUPPORTED, apiMessage: `Provider subtype ${subtype} is not fixed, dynamic or differencing.` });
}

/** Everything Hako reads of one disk, opened for information only. */
async function describe(path: string): Promise<Described> {
  const handle = await openDisk(path, 'info');
  try {
    const size = await required(handle, path, GET_VIRTUAL_DISK_INFO_SIZE);
    const storage = await required(handle, path, GET_VIRTUAL_DISK_INFO_VIRTUAL_STORAGE_TYPE);
    const subtype = (await required(handle, path, GET_VIRTUAL_DISK_INFO_PROVIDER_SUBTYPE)).readUInt32LE(U);
    const deviceId = storage.readUInt32LE(U);
    const format: VirtualDiskFormat | null = deviceId === VIRTUAL_STORAGE_TYPE_DEVICE_VHD ? 'vhd' : deviceId === VIRTUAL_STORAGE_TYPE_DEVICE_VHDX ? 'vhdx' : null;
    if (format === null) throw new HcsError({ api: 'VirtDisk', operation: OPERATION, hresult: HRESULT.ERROR_NOT_SUPPORTED, apiMessage: `Storage type ${deviceId} is neither VHD nor VHDX.` });
    const type = typeOf(subtype);
    const smallest = await query(handle, path, GET_VIRTUAL_DISK_INFO_SMALLEST_SAFE_VIRTUAL_SIZE);
    const parentLocation = type === 'differencing' ? decodeParentLocation(await required(handle, path, GET_VIRTUAL_DISK_INFO_PARENT_LOCATION)) : null;
    return {
      info: {
        format,
        type,
        fixed: type === 'fixed',
        virtualSize: Number(size.readBigUInt64LE(U)),
        physicalSize: Number(size.readBigUInt64LE(U + 8)),
        blockSize: size.readUInt32LE(U + 16),
        sectorSize: size.readUInt32LE(U + 20),
        smallestSafeSize: typeof smallest === 'number' ? null : Number(smallest.readBigUInt64LE(U)),
      },
      parentLocation,
    };
  } finally {
    await closeHandle(handle, path);
  }
}

/** The disk's facts and its parent chain (nearest parent first). */
export async function readDiskInfo(path: string): Promise<VirtualDiskInfo> {
  const { info, parentLocation } = await describe(path);
  const parents: VirtualDiskParent[] = [];
  const seen = new Set([pathKey(path)]);
  let child = path;
  let location = parentLocation;
  while (location !== null && parents.length < MAX_PARENT_DEPTH) {
    const candidates = parentCandidates(child, location);
    let found: string | null = null;
    for (const candidate of candidates) {
      if (await isFile(candidate)) {
        found = candidate;
        break;
      }
    }
    if (found === null) {
      const named = candidates.find((c) => isAbsolutePath(c)) ?? candidates[0];
      if (named !== undefined) parents.push({ path: named, missing: true });
      break;
    }
    parents.push({ path: found, missing: false });
    if (seen.has(pathKey(found))) break;
    seen.add(pathKey(found));
    // A parent virtdisk cannot read ends the walk there: it is named, and the chain stops.
    const next = await describe(found).catch(() => null);
    child = found;
    location = next?.parentLocation ?? null;
  }
  return { ...info, parents };
}
