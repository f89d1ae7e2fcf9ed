/**
 * cfgmgr32.dll behind the `HostDevices` port: the host's GPU paravirtualization interfaces and what their
 * device nodes say (Microsoft's cfgmgr32 reference, learn.microsoft.com/windows/win32/api/cfgmgr32/).
 *
 * - The list: `CM_Get_Device_Interface_List_SizeW`, then `CM_Get_Device_Interface_ListW` with a buffer of
 *   that size, for the class `{064092b3-625e-43bf-9eb5-dc845897dd59}` (app/gpu/device-path.ts says where
 *   that class comes from), devices present only. A device can appear between the two calls; the list call
 *   then answers `CR_BUFFER_SMALL` and, as the reference page of CM_Get_Device_Interface_List says, both
 *   calls are made again — here at most {@link LIST_ATTEMPTS} times, so a list that never settles is an
 *   error rather than a loop.
 * - Each interface: its device's instance id (`CM_Get_Device_Interface_PropertyW` with
 *   `DEVPKEY_Device_InstanceId`), the device node (`CM_Locate_DevNodeW`), and the node's properties
 *   (`CM_Get_DevNode_PropertyW`): friendly name, description, manufacturer, location, driver version,
 *   date and provider. Properties are read as the reference pages say: once with no buffer for the size
 *   (`CR_BUFFER_SMALL`), then with a buffer of that size. A property the device does not have
 *   (`CR_NO_SUCH_VALUE`) is null; any other failure (a device removed meanwhile) leaves the rest null and
 *   is named in `problem`. The interface is listed either way.
 * - Every call runs through calls.ts (koffi `.async`): cfgmgr32 asks the Plug and Play service, which
 *   can be slow. Buffers live in koffi.alloc memory until the call has returned.
 * - Constants, the DEVPROPKEY layout (GUID + ULONG, 20 bytes) and the property keys are those of
 *   cfgmgr32.h, devpropdef.h and devpkey.h; the Windows build of the stand-in compares its own values with
 *   those headers (stand-in/cfgmgr32.c), and the binding tests run against it under wine.
 */
import koffi from 'koffi';
import { HakoError } from '../../app/errors/error-info.js';
import { GPU_PARAVIRTUALIZATION_CLASS } from '../../app/gpu/device-path.js';
import type { HostDevices, HostGpu } from '../services/ports.js';
import { callNative } from './calls.js';
import { GUID, guidToStruct } from './guid.js';
import { bind, loadLibrary, type NativeFunction } from './library.js';

/** CONFIGRET (cfgmgr32.h), by the names the messages use. */
export const CONFIGRET = {
  CR_SUCCESS: 0x00,
  CR_OUT_OF_MEMORY: 0x02,
  CR_INVALID_POINTER: 0x03,
  CR_INVALID_FLAG: 0x04,
  CR_INVALID_DEVNODE: 0x05,
  CR_NO_SUCH_DEVNODE: 0x0d,
  CR_FAILURE: 0x13,
  CR_BUFFER_SMALL: 0x1a,
  CR_REGISTRY_ERROR: 0x1d,
  CR_INVALID_DEVICE_ID: 0x1e,
  CR_INVALID_DATA: 0x1f,
  CR_NO_SUCH_VALUE: 0x25,
  CR_ACCESS_DENIED: 0x33,
  CR_NO_SUCH_DEVICE_INTERFACE: 0x37,
} as const;

const CM_GET_DEVICE_INTERFACE_LIST_PRESENT = 0x0;
const CM_LOCATE_DEVNODE_NORMAL = 0x0;
const DEVPROP_TYPE_FILETIME = 0x10;
const DEVPROP_TYPE_STRING = 0x12;

/** How often the size and the list are asked for before a list that keeps growing is an error. */
export const LIST_ATTEMPTS = 8;
/** No property of these is larger; a bigger answer is refused rather than allocated. */
const MAX_PROPERTY_BYTES = 64 * 1024;

const DEVPROPKEY = koffi.struct({ fmtid: GUID, pid: 'uint32_t' });

/** devpkey.h */
const key = (fmtid: string, pid: number) => ({ fmtid: guidToStruct(fmtid)!, pid });
const DEVICE = 'a45c254e-df1c-4efd-8020-67d146a850e0';
const DRIVER = 'a8b865dd-2e3d-4094-ad97-e593a70c75d6';
export const DEVPKEY = {
  Device_InstanceId: key('78c34fc8-104a-4aca-9ea4-524d52996e57', 256),
  Device_DeviceDesc: key(DEVICE, 2),
  Device_Manufacturer: key(DEVICE, 13),
  Device_FriendlyName: key(DEVICE, 14),
  Device_LocationInfo: key(DEVICE, 15),
  Device_DriverDate: key(DRIVER, 2),
  Device_DriverVersion: key(DRIVER, 3),
  Device_DriverProvider: key(DRIVER, 9),
} as const;

interface Bindings {
  readonly listSize: NativeFunction;
  readonly list: NativeFunction;
  readonly interfaceProperty: NativeFunction;
  readonly locate: NativeFunction;
  readonly nodeProperty: NativeFunction;
}

let bindings: Bindings | null = null;

function cfgmgr32(): Bindings {
  if (!bindings) {
    const lib = loadLibrary('cfgmgr32');
    const outUlong = koffi.out(koffi.pointer('uint32_t'));
    const inoutUlong = koffi.inout(koffi.pointer('uint32_t'));
    const propertyArgs = [koffi.pointer(DEVPROPKEY), outUlong, 'void *', inoutUlong, 'uint32_t'];
    bindings = {
      listSize: bind(lib, 'CM_Get_Device_Interface_List_SizeW', 'uint32_t', [outUlong, koffi.pointer(GUID), 'str16', 'uint32_t']),
      list: bind(lib, 'CM_Get_Device_Interface_ListW', 'uint32_t', [koffi.pointer(GUID), 'str16', 'void *', 'uint32_t', 'uint32_t']),
      interfaceProperty: bind(lib, 'CM_Get_Device_Interface_PropertyW', 'uint32_t', ['str16', ...propertyArgs]),
      locate: bind(lib, 'CM_Locate_DevNodeW', 'uint32_t', [outUlong, 'str16', 'uint32_t']),
      nodeProperty: bind(lib, 'CM_Get_DevNode_PropertyW', 'uint32_t', ['uint32_t', ...propertyArgs]),
    };
  }
  return bindings;
}

/** `CR_BUFFER_SMALL` for 0x1a; `CR_0x…` for a code this file does not name. */
export function configretName(code: number): string {
  const found = Object.entries(CONFIGRET).find(([, value]) => value === code);
  return found ? found[0] : `CR_0x${code.toString(16).padStart(2, '0')}`;
}

function listFailed(operation: string, code: number, detail = ''): HakoError {
  const name = configretName(code);
  return new HakoError('GpuListFailed', `The host's GPUs could not be listed: ${operation} answered ${name}${detail}.`, { configret: name, operation });
}

async function call(operation: string, fn: NativeFunction, args: unknown[], subject?: string): Promise<number> {
  return (await callNative({ api: 'Win32', operation, ...(subject !== undefined ? { subject } : {}) }, fn, args)) as number;
}

/** A REG_MULTI_SZ-style list (strings, each NUL-terminated, then one more NUL) of `units` UTF-16 units. */
function decodeMultiString(pointer: bigint, units: number): string[] {
  const raw = Buffer.from(koffi.decode(pointer, koffi.array('uint8_t', units * 2, 'Typed')) as Uint8Array).toString('utf16le');
  const end = raw.indexOf('\0\0');
  const body = end < 0 ? raw : raw.slice(0, end + 1);
  return body.split('\0').filter((entry) => entry !== '');
}

/** The interfaces of the class, retrying while the list grows between the size call and the list call. */
async function interfacePaths(): Promise<string[]> {
  const b = cfgmgr32();
  const cls = guidToStruct(GPU_PARAVIRTUALIZATION_CLASS)!;
  for (let attempt = 1; attempt <= LIST_ATTEMPTS; attempt++) {
    const length: unknown[] = [0];
    const sized = await call('CM_Get_Device_Interface_List_SizeW', b.listSize, [length, cls, null, CM_GET_DEVICE_INTERFACE_LIST_PRESENT]);
    if (sized !== CONFIGRET.CR_SUCCESS) throw listFailed('CM_Get_Device_Interface_List_SizeW', sized);
    const units = length[0] as number;
    if (units <= 1) return [];
    const buffer = koffi.alloc('uint16_t', units) as bigint;
    try {
      const listed = await call('CM_Get_Device_Interface_ListW', b.list, [cls, null, buffer, units, CM_GET_DEVICE_INTERFACE_LIST_PRESENT]);
      if (listed === CONFIGRET.CR_SUCCESS) return decodeMultiString(buffer, units);
      if (listed !== CONFIGRET.CR_BUFFER_SMALL) throw listFailed('CM_Get_Device_Interface_ListW', listed);
    } finally {
      koffi.free(buffer);
    }
  }
  throw listFailed('CM_Get_Device_Interface_ListW', CONFIGRET.CR_BUFFER_SMALL, ` ${LIST_ATTEMPTS} times in a row (devices kept appearing)`);
}

type PropertyValue = string | Date | null;

/** A CONFIGRET from a per-device call: it ends that device's description, not the list. */
class DeviceCallFailed extends Error {
  constructor(readonly configret: number) {
    super(configretName(configret));
  }
}

/**
 * One property through a getter of the (…, key, &type, buffer, &size, 0) shape: the size first, then the
 * value. Resolves with the value (null when the device has no such property) or rejects with the code.
 */
async function readProperty(operation: string, fn: NativeFunction, target: string | number, propertyKey: object, subject: string): Promise<PropertyValue> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const type: unknown[] = [0];
    const size: unknown[] = [0];
    const probed = await call(operation, fn, [target, propertyKey, type, null, size, 0], subject);
    if (probed === CONFIGRET.CR_NO_SUCH_VALUE) return null;
    if (probed !== CONFIGRET.CR_BUFFER_SMALL) throw new DeviceCallFailed(probed === CONFIGRET.CR_SUCCESS ? CONFIGRET.CR_INVALID_DATA : probed);
    const bytes = size[0] as number;
    if (bytes <= 0 || bytes > MAX_PROPERTY_BYTES) throw new DeviceCallFailed(CONFIGRET.CR_INVALID_DATA);
    const buffer = koffi.alloc('uint8_t', bytes) as bigint;
    try {
      size[0] = bytes;
      const got = await call(operation, fn, [target, propertyKey, type, buffer, size, 0], subject);
      if (got === CONFIGRET.CR_BUFFER_SMALL) continue; // the value grew meanwhile: ask for the size again
      if (got === CONFIGRET.CR_NO_SUCH_VALUE) return null;
      if (got !== CONFIGRET.CR_SUCCESS) throw new DeviceCallFailed(got);
      return decodeProperty(buffer, Math.min(size[0] as number, bytes), type[0] as number);
    } finally {
      koffi.free(buffer);
    }
  }
  throw new DeviceCallFailed(CONFIGRET.CR_BUFFER_SMALL);
}

function decodeProperty(buffer: bigint, bytes: number, type: number): PropertyValue {
  const raw = Buffer.from(koffi.decode(buffer, koffi.array('uint8_t', bytes, 'Typed')) as Uint8Array);
  if (type === DEVPROP_TYPE_STRING) {
    const text = raw.toString('utf16le');
    const end = text.indexOf('\0');
    return end < 0 ? text : text.slice(0, end);
  }
  if (type === DEVPROP_TYPE_FILETIME && bytes >= 8) {
    // 100-ns intervals since 1601-01-01 (UTC).
    const ms = Number(raw.readBigUInt64LE(0) / 10_000n) - 11_644_473_600_000;
    return new Date(ms);
  }
  return null; // a type these properties never have
}

const text = (value: PropertyValue): string | null => (typeof value === 'string' ? value : null);

async function describe(path: string): Promise<HostGpu> {
  const b = cfgmgr32();
  const gpu: { -readonly [K in keyof HostGpu]: HostGpu[K] } = {
    path,
    instanceId: null,
    friendlyName: null,
    description: null,
    manufacturer: null,
    location: null,
    driverVersion: null,
    driverDate: null,
    driverProvider: null,
    problem: null,
  };
  try {
    gpu.instanceId = text(await readProperty('CM_Get_Device_Interface_PropertyW', b.interfaceProperty, path, DEVPKEY.Device_InstanceId, path));
    if (gpu.instanceId === null) throw new DeviceCallFailed(CONFIGRET.CR_NO_SUCH_VALUE);
    const node: unknown[] = [0];
    const located = await call('CM_Locate_DevNodeW', b.locate, [node, gpu.instanceId, CM_LOCATE_DEVNODE_NORMAL], path);
    if (located !== CONFIGRET.CR_SUCCESS) throw new DeviceCallFailed(located);
    const devinst = node[0] as number;
    const read = (propertyKey: object) => readProperty('CM_Get_DevNode_PropertyW', b.nodeProperty, devinst, propertyKey, path);
    gpu.friendlyName = text(await read(DEVPKEY.Device_FriendlyName));
    gpu.description = text(await read(DEVPKEY.Device_DeviceDesc));
    gpu.manufacturer = text(await read(DEVPKEY.Device_Manufacturer));
    gpu.location = text(await read(DEVPKEY.Device_LocationInfo));
    gpu.driverVersion = text(await read(DEVPKEY.Device_DriverVersion));
    gpu.driverProvider = text(await read(DEVPKEY.Device_DriverProvider));
    const date = await read(DEVPKEY.Device_DriverDate);
    gpu.driverDate = date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : null;
  } catch (error) {
    if (!(error instanceof DeviceCallFailed)) throw error;
    gpu.problem = error.message;
  }
  return gpu;
}

export class NativeHostDevices implements HostDevices {
  async gpus(): Promise<HostGpu[]> {
    const paths = await interfacePaths();
    const gpus: HostGpu[] = [];
    // One after another: a handful of devices, and the Plug and Play service serves them in turn anyway.
    for (const path of paths) gpus.push(await describe(path));
    return gpus;
  }
}
