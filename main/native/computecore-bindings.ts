/**
 * computecore.dll's exports as Hako binds them (signatures: computecore.h in the Windows SDK and
 * Microsoft's HCS reference, learn.microsoft.com/virtualization/api/hcs/reference). Every export is
 * called through calls.ts (koffi `.async`, bounded, watched); only the types live here.
 */
import koffi from 'koffi';
import type { HcsCapabilities } from '../services/ports.js';
import { bind, loadLibrary, tryBind, type NativeFunction } from './library.js';

export const GENERIC_ALL = 0x10000000;
export const HCS_EVENT_OPTION_NONE = 0;

// Anonymous types: a module reloaded in tests must not collide with names koffi already knows.
/** HCS_EVENT: Type is declared unsigned so that the group events (top bit set) stay positive. */
export const HCS_EVENT_STRUCT = koffi.struct({ Type: 'uint32_t', EventData: 'void *', Operation: 'void *' });
export const OPERATION_COMPLETION = koffi.proto('__stdcall', null, 'void', ['void *', 'void *']);
export const EVENT_CALLBACK = koffi.proto('__stdcall', null, 'void', ['void *', 'void *']);
const HANDLE = 'void *';
const OUT_POINTER = koffi.out(koffi.pointer('void *'));
const CALLBACK_POINTER = 'void *';

/**
 * The optional exports Hako probes: HcsCrashComputeSystem is missing on 17763 although the docs say
 * 1809; HcsWaitForComputeSystemExit and the group-access pair arrived later (their reference pages).
 */
const PROBED = ['HcsCrashComputeSystem', 'HcsWaitForComputeSystemExit', 'HcsGrantVmGroupAccess', 'HcsRevokeVmGroupAccess'] as const;

export interface Bindings {
  readonly createOperation: NativeFunction;
  readonly closeOperation: NativeFunction;
  readonly getOperationResult: NativeFunction;
  readonly createComputeSystem: NativeFunction;
  readonly openComputeSystem: NativeFunction;
  readonly closeComputeSystem: NativeFunction;
  readonly start: NativeFunction;
  readonly shutdown: NativeFunction;
  readonly terminate: NativeFunction;
  readonly pause: NativeFunction;
  readonly resume: NativeFunction;
  readonly save: NativeFunction;
  readonly getProperties: NativeFunction;
  readonly modify: NativeFunction;
  readonly setCallback: NativeFunction;
  readonly enumerate: NativeFunction;
  readonly getServiceProperties: NativeFunction;
  readonly grantVmAccess: NativeFunction;
  readonly revokeVmAccess: NativeFunction;
  readonly createEmptyGuestStateFile: NativeFunction;
  readonly createEmptyRuntimeStateFile: NativeFunction;
  readonly crash: NativeFunction | null;
  readonly grantVmGroupAccess: NativeFunction | null;
  readonly revokeVmGroupAccess: NativeFunction | null;
}

export function bindComputeCore(): { bindings: Bindings; capabilities: HcsCapabilities } {
  const lib = loadLibrary('computecore');
  const f = (name: string, result: string, args: Parameters<typeof bind>[3]) => bind(lib, name, result, args);
  const systemCall = (name: string) => f(name, 'int32_t', [HANDLE, HANDLE, 'str16']);
  const probed = Object.fromEntries(
    PROBED.map((name) => [name, tryBind(lib, name, 'int32_t', name === 'HcsCrashComputeSystem' ? [HANDLE, HANDLE, 'str16'] : name === 'HcsWaitForComputeSystemExit' ? [HANDLE, 'uint32_t', OUT_POINTER] : ['str16'])]),
  ) as Record<(typeof PROBED)[number], NativeFunction | null>;
  const bindings: Bindings = {
    createOperation: f('HcsCreateOperation', HANDLE, ['void *', CALLBACK_POINTER]),
    closeOperation: f('HcsCloseOperation', 'void', [HANDLE]),
    getOperationResult: f('HcsGetOperationResult', 'int32_t', [HANDLE, OUT_POINTER]),
    createComputeSystem: f('HcsCreateComputeSystem', 'int32_t', ['str16', 'str16', HANDLE, 'void *', OUT_POINTER]),
    openComputeSystem: f('HcsOpenComputeSystem', 'int32_t', ['str16', 'uint32_t', OUT_POINTER]),
    closeComputeSystem: f('HcsCloseComputeSystem', 'void', [HANDLE]),
    start: systemCall('HcsStartComputeSystem'),
    shutdown: systemCall('HcsShutDownComputeSystem'),
    terminate: systemCall('HcsTerminateComputeSystem'),
    pause: systemCall('HcsPauseComputeSystem'),
    resume: systemCall('HcsResumeComputeSystem'),
    save: systemCall('HcsSaveComputeSystem'),
    getProperties: systemCall('HcsGetComputeSystemProperties'),
    modify: f('HcsModifyComputeSystem', 'int32_t', [HANDLE, HANDLE, 'str16', 'void *']),
    setCallback: f('HcsSetComputeSystemCallback', 'int32_t', [HANDLE, 'uint32_t', 'void *', CALLBACK_POINTER]),
    enumerate: f('HcsEnumerateComputeSystems', 'int32_t', ['str16', HANDLE]),
    getServiceProperties: f('HcsGetServiceProperties', 'int32_t', ['str16', OUT_POINTER]),
    grantVmAccess: f('HcsGrantVmAccess', 'int32_t', ['str16', 'str16']),
    revokeVmAccess: f('HcsRevokeVmAccess', 'int32_t', ['str16', 'str16']),
    createEmptyGuestStateFile: f('HcsCreateEmptyGuestStateFile', 'int32_t', ['str16']),
    createEmptyRuntimeStateFile: f('HcsCreateEmptyRuntimeStateFile', 'int32_t', ['str16']),
    crash: probed.HcsCrashComputeSystem,
    grantVmGroupAccess: probed.HcsGrantVmGroupAccess,
    revokeVmGroupAccess: probed.HcsRevokeVmGroupAccess,
  };
  const missingExports = PROBED.filter((name) => probed[name] === null);
  return {
    bindings,
    capabilities: Object.freeze({
      crash: probed.HcsCrashComputeSystem !== null,
      waitForExit: probed.HcsWaitForComputeSystemExit !== null,
      grantVmGroupAccess: probed.HcsGrantVmGroupAccess !== null,
      missingExports: Object.freeze([...missingExports]),
    }),
  };
}
