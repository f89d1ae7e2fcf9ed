// NativeHostDevices against the cfgmgr32 stand-in (Linux .so, and the mingw .dll under wine): the GPU
// paravirtualization interfaces, each device's properties, a device whose properties fail, the list that
// grows between the size call and the list call, and the calls leaving the JS thread free.
import koffi from 'koffi';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sameDeviceInterface } from '../../app/gpu/device-path.js';
import { standInControls, type StandInControls } from '../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';
import { CONFIGRET, DEVPKEY, LIST_ATTEMPTS, NativeHostDevices } from './cfgmgr32.js';
import { GUID } from './guid.js';
import { bind, loadLibrary } from './library.js';

const NVIDIA = '\\\\?\\PCI#VEN_10DE&DEV_1C82&SUBSYS_11BF1B4C&REV_A1#4&38ab2860&0&0008#{064092b3-625e-43bf-9eb5-dc845897dd59}\\GPUPARAV';
const INTEL = '\\\\?\\PCI#VEN_8086&DEV_3E92&SUBSYS_86941043&REV_00#3&11583659&0&10#{064092b3-625e-43bf-9eb5-dc845897dd59}\\GPUPARAV';
const REMOVED = '\\\\?\\PCI#VEN_1002&DEV_73BF&SUBSYS_0E3A1002&REV_C1#6&2b1c9a3f&0&00000019#{064092b3-625e-43bf-9eb5-dc845897dd59}\\GPUPARAV';

let devices: NativeHostDevices;
let controls: StandInControls;

beforeAll(() => {
  ensureStandIns();
  devices = new NativeHostDevices();
  controls = standInControls();
});

beforeEach(() => controls.cfg.reset());
afterEach(() => controls.cfg.reset());

describe('the GPU paravirtualization interfaces', () => {
  it('lists the present GPUs of that class with what their device nodes say', async () => {
    const gpus = await devices.gpus();
    expect(gpus.map((gpu) => gpu.path)).toEqual([NVIDIA, INTEL, REMOVED]);
    expect(gpus[0]).toEqual({
      path: NVIDIA,
      instanceId: 'PCI\\VEN_10DE&DEV_1C82&SUBSYS_11BF1B4C&REV_A1\\4&38ab2860&0&0008',
      friendlyName: 'NVIDIA GeForce GTX 1050 Ti',
      description: 'NVIDIA GeForce GTX 1050 Ti',
      manufacturer: 'NVIDIA',
      location: 'PCI bus 1, device 0, function 0',
      driverVersion: '32.0.15.6094',
      driverDate: '2024-08-14',
      driverProvider: 'NVIDIA',
      problem: null,
    });
    // A display adapter without a FriendlyName still has its description.
    expect(gpus[1]).toMatchObject({ friendlyName: null, description: 'Intel(R) UHD Graphics 630', driverDate: '2024-02-01', problem: null });
  });

  it('lists a device whose node has gone, naming why its properties are missing', async () => {
    const removed = (await devices.gpus()).find((gpu) => gpu.path === REMOVED)!;
    expect(removed).toEqual({
      path: REMOVED,
      instanceId: 'PCI\\VEN_1002&DEV_73BF&SUBSYS_0E3A1002&REV_C1\\6&2b1c9a3f&0&00000019',
      friendlyName: null,
      description: null,
      manufacturer: null,
      location: null,
      driverVersion: null,
      driverDate: null,
      driverProvider: null,
      problem: 'CR_NO_SUCH_DEVNODE',
    });
  });

  it('finds the device of NanaBox’s documented example', async () => {
    // SelectedDevices[0] of test/fixtures/nanabox/DocumentedExample.7b (app/gpu/device-path.test.ts reads it there).
    const wanted = '\\\\?\\PCI#VEN_10DE&DEV_1C82&SUBSYS_11BF1B4C&REV_A1#4&38AB2860&0&0008#{064092b3-625e-43bf-9eb5-dc845897dd59}\\GPUPARAV';
    expect((await devices.gpus()).some((gpu) => sameDeviceInterface(gpu.path, wanted))).toBe(true);
  });

  it('asks again for the size and the list when a device appears between the two calls', async () => {
    controls.cfg.growAfterSizeCall(1);
    const gpus = await devices.gpus();
    expect(gpus).toHaveLength(4);
    expect(gpus[3]).toMatchObject({ description: 'Hako stand-in hot-plugged GPU', problem: null });
    expect(controls.cfg.callCount('CM_Get_Device_Interface_List_SizeW')).toBe(2);
    expect(controls.cfg.callCount('CM_Get_Device_Interface_ListW')).toBe(2);
  });

  it('gives up, with an error naming the answer, when the list never settles', async () => {
    controls.cfg.growAfterSizeCall(1000);
    await expect(devices.gpus()).rejects.toMatchObject({ code: 'GpuListFailed', params: { configret: 'CR_BUFFER_SMALL' } });
    expect(controls.cfg.callCount('CM_Get_Device_Interface_List_SizeW')).toBe(LIST_ATTEMPTS);
  });

  it('leaves the JS thread free while cfgmgr32 is slow', async () => {
    controls.cfg.stall('CM_Get_Device_Interface_List_SizeW', 600);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 50);
    try {
      expect(await devices.gpus()).toHaveLength(3);
    } finally {
      clearInterval(timer);
    }
    // 12 ticks ideally; a blocked event loop gets none, a loaded CI machine fewer.
    expect(ticks).toBeGreaterThanOrEqual(3);
  });
});

// The layouts and values the binding passes, checked by the stand-in's strict argument rules (on Windows
// against the SDK headers it was compiled with: stand-in/cfgmgr32.c).
describe('the ABI', () => {
  const lib = () => loadLibrary('cfgmgr32');
  const KEY = koffi.struct({ fmtid: GUID, pid: 'uint32_t' });

  it('DEVPROPKEY is 20 bytes', () => {
    expect(koffi.sizeof(KEY)).toBe(20);
  });

  it('refuses what the reference pages forbid: reserved flags, a NULL buffer with a size, unknown devices', () => {
    const locate = bind(lib(), 'CM_Locate_DevNodeW', 'uint32_t', [koffi.out(koffi.pointer('uint32_t')), 'str16', 'uint32_t']);
    const nodeProperty = bind(lib(), 'CM_Get_DevNode_PropertyW', 'uint32_t', ['uint32_t', koffi.pointer(KEY), koffi.out(koffi.pointer('uint32_t')), 'void *', koffi.inout(koffi.pointer('uint32_t')), 'uint32_t']);
    const node: unknown[] = [0];
    expect(locate(node, 'PCI\\VEN_10DE&DEV_1C82&SUBSYS_11BF1B4C&REV_A1\\4&38AB2860&0&0008', 0)).toBe(CONFIGRET.CR_SUCCESS);
    expect(locate([0], 'PCI\\VEN_FFFF&DEV_FFFF\\0', 0)).toBe(CONFIGRET.CR_NO_SUCH_DEVNODE);
    expect(locate([0], 'PCI\\VEN_10DE&DEV_1C82&SUBSYS_11BF1B4C&REV_A1\\4&38AB2860&0&0008', 0x80)).toBe(CONFIGRET.CR_INVALID_FLAG);
    const devinst = node[0] as number;
    const size: unknown[] = [16];
    expect(nodeProperty(devinst, DEVPKEY.Device_DeviceDesc, [0], null, size, 0)).toBe(CONFIGRET.CR_INVALID_POINTER);
    size[0] = 0;
    expect(nodeProperty(devinst, DEVPKEY.Device_DeviceDesc, [0], null, size, 1)).toBe(CONFIGRET.CR_INVALID_FLAG);
    expect(nodeProperty(devinst, DEVPKEY.Device_DeviceDesc, [0], null, size, 0)).toBe(CONFIGRET.CR_BUFFER_SMALL);
    expect(size[0]).toBe(('NVIDIA GeForce GTX 1050 Ti'.length + 1) * 2);
    expect(nodeProperty(devinst, { ...DEVPKEY.Device_DeviceDesc, pid: 99 }, [0], null, [0], 0)).toBe(CONFIGRET.CR_NO_SUCH_VALUE);
  });

  it('counts the list in UTF-16 units and ends it with an extra NUL', () => {
    const listSize = bind(lib(), 'CM_Get_Device_Interface_List_SizeW', 'uint32_t', [koffi.out(koffi.pointer('uint32_t')), koffi.pointer(GUID), 'str16', 'uint32_t']);
    const length: unknown[] = [0];
    const gpuClass = { Data1: 0x064092b3, Data2: 0x625e, Data3: 0x43bf, Data4: [0x9e, 0xb5, 0xdc, 0x84, 0x58, 0x97, 0xdd, 0x59] };
    expect(listSize(length, gpuClass, null, 0)).toBe(CONFIGRET.CR_SUCCESS);
    expect(length[0]).toBe(NVIDIA.length + 1 + INTEL.length + 1 + REMOVED.length + 1 + 1);
    // With CM_GET_DEVICE_INTERFACE_LIST_ALL_DEVICES the device that is not present counts too.
    expect(listSize(length, gpuClass, null, 1)).toBe(CONFIGRET.CR_SUCCESS);
    expect(length[0] as number).toBeGreaterThan(NVIDIA.length + INTEL.length + REMOVED.length + 4);
    expect(listSize(length, gpuClass, null, 2)).toBe(CONFIGRET.CR_INVALID_FLAG);
  });
});
