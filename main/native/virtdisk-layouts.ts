/**
 * virtdisk.h as virtdisk.ts uses it: the constants, and the x64 layouts of the parameter blocks
 * (Microsoft's virtdisk.h; mingw-w64's copy lacks CREATE_VIRTUAL_DISK_PARAMETERS' PhysicalSectorSizeInBytes).
 * Anonymous koffi types, so a reloaded module does not collide with itself.
 */
import koffi from 'koffi';
import { GUID, guidToStruct } from './guid.js';

export const ERROR_SUCCESS = 0;
export const ERROR_OPERATION_ABORTED = 995;
export const ERROR_IO_PENDING = 997;
export const ERROR_CANCELLED = 1223;
export const ERROR_INSUFFICIENT_BUFFER = 122;

export const VIRTUAL_STORAGE_TYPE_DEVICE_UNKNOWN = 0;
export const VIRTUAL_STORAGE_TYPE_DEVICE_VHD = 2;
export const VIRTUAL_STORAGE_TYPE_DEVICE_VHDX = 3;
export const VENDOR_MICROSOFT = guidToStruct('ec984aec-a0f9-47e9-901f-71415a66345b')!;
export const VENDOR_UNKNOWN = guidToStruct('00000000-0000-0000-0000-000000000000')!;

export const VIRTUAL_DISK_ACCESS_NONE = 0;
export const OPEN_VIRTUAL_DISK_FLAG_NONE = 0;
export const OPEN_VIRTUAL_DISK_FLAG_NO_PARENTS = 0x1;
export const OPEN_VIRTUAL_DISK_VERSION_2 = 2;
export const CREATE_VIRTUAL_DISK_VERSION_2 = 2;
export const CREATE_VIRTUAL_DISK_FLAG_NONE = 0;
export const CREATE_VIRTUAL_DISK_FLAG_FULL_PHYSICAL_ALLOCATION = 0x1;
export const RESIZE_VIRTUAL_DISK_VERSION_1 = 1;
export const RESIZE_VIRTUAL_DISK_FLAG_NONE = 0;
export const COMPACT_VIRTUAL_DISK_VERSION_1 = 1;
export const COMPACT_VIRTUAL_DISK_FLAG_NONE = 0;
export const GET_VIRTUAL_DISK_INFO_SIZE = 1;
export const GET_VIRTUAL_DISK_INFO_PARENT_LOCATION = 3;
export const GET_VIRTUAL_DISK_INFO_VIRTUAL_STORAGE_TYPE = 6;
export const GET_VIRTUAL_DISK_INFO_PROVIDER_SUBTYPE = 7;
export const GET_VIRTUAL_DISK_INFO_SMALLEST_SAFE_VIRTUAL_SIZE = 11;
/** ProviderSubtype: 2 fixed, 3 dynamically expanding, 4 differencing (GET_VIRTUAL_DISK_INFO, and the GetVirtualDiskInformation sample). */
export const PROVIDER_SUBTYPE_FIXED = 2;
export const PROVIDER_SUBTYPE_DYNAMIC = 3;
export const PROVIDER_SUBTYPE_DIFFERENCING = 4;


export const VIRTUAL_STORAGE_TYPE = koffi.struct({ DeviceId: 'uint32_t', VendorId: GUID }); // 20 bytes
/** CREATE_VIRTUAL_DISK_PARAMETERS, Version2 member of the union; padded to the size of the whole union (184). */
export const CREATE_VIRTUAL_DISK_PARAMETERS = koffi.struct({
  Version: 'uint32_t',
  _unionAlignment: 'uint32_t',
  UniqueId: GUID, // 8
  MaximumSize: 'uint64_t', // 24
  BlockSizeInBytes: 'uint32_t', // 32
  SectorSizeInBytes: 'uint32_t', // 36
  PhysicalSectorSizeInBytes: 'uint32_t', // 40
  ParentPath: 'void *', // 48
  SourcePath: 'void *', // 56
  OpenFlags: 'uint32_t', // 64
  ParentVirtualStorageType: VIRTUAL_STORAGE_TYPE, // 68
  SourceVirtualStorageType: VIRTUAL_STORAGE_TYPE, // 88
  ResiliencyGuid: GUID, // 108
  _versions3and4: koffi.array('uint8_t', 56), // 124..180, padded to 184
});
/**
 * OPEN_VIRTUAL_DISK_PARAMETERS with its Version2 member (GetInfoOnly, ReadOnly, ResiliencyGuid), padded
 * to the Version3 member (which adds SnapshotId), the largest of the union: 44 bytes.
 */
export const OPEN_VIRTUAL_DISK_PARAMETERS = koffi.struct({
  Version: 'uint32_t',
  GetInfoOnly: 'int32_t', // 4
  ReadOnly: 'int32_t', // 8
  ResiliencyGuid: GUID, // 12
  _snapshotId: koffi.array('uint8_t', 16), // 28..44
});
export const RESIZE_VIRTUAL_DISK_PARAMETERS = koffi.struct({ Version: 'uint32_t', _unionAlignment: 'uint32_t', NewSize: 'uint64_t' }); // 16
export const COMPACT_VIRTUAL_DISK_PARAMETERS = koffi.struct({ Version: 'uint32_t', Reserved: 'uint32_t' }); // 8
export const VIRTUAL_DISK_PROGRESS = koffi.struct({ OperationStatus: 'uint32_t', CurrentValue: 'uint64_t', CompletionValue: 'uint64_t' }); // 24
export const OVERLAPPED_SIZE = 32; // Internal, InternalHigh, Offset/OffsetHigh (or Pointer), hEvent
export const OVERLAPPED_HEVENT_OFFSET = 24;
export const GET_VIRTUAL_DISK_INFO_SIZE_BYTES = 32; // Version + 8-aligned union of at most 24 bytes
/** Where the members Hako reads sit in GET_VIRTUAL_DISK_INFO (x64): the union starts at 8. */
export const GET_VIRTUAL_DISK_INFO_UNION_OFFSET = 8;
/** ParentLocation: BOOL ParentResolved at 8, then WCHAR ParentLocationBuffer[] at 12 (variable length). */
export const GET_VIRTUAL_DISK_INFO_PARENT_BUFFER_OFFSET = 12;
