import { describe, expect, it } from 'vitest';
import { GPU_PV_PARTITION_ID, type GpuDevice } from '../../../../../../../app/config/model.js';
import type { HostGpuDto } from '../../../../../../../app/ipc/contract.js';
import { deviceWentAway, matchGpus, selectGpu, shortGpuId, unselectGpu } from './gpu-choices.js';

const CLASS = '#{064092b3-625e-43bf-9eb5-dc845897dd59}\\GPUPARAV';
const NVIDIA = `\\\\?\\PCI#VEN_10DE&DEV_1C82&SUBSYS_11BF1B4C&REV_A1#4&38ab2860&0&0008${CLASS}`;
const INTEL = `\\\\?\\PCI#VEN_8086&DEV_3E92&SUBSYS_86941043&REV_00#3&11583659&0&10${CLASS}`;
const ELSEWHERE = `\\\\?\\PCI#VEN_1002&DEV_73BF&SUBSYS_0E3A1002&REV_C1#6&2b1c9a3f&0&00000019${CLASS}`;

const gpu = (path: string, name: string | null = 'GPU'): HostGpuDto => ({
  path,
  name,
  pciId: null,
  instanceId: null,
  manufacturer: null,
  location: null,
  driver: { version: null, date: null, provider: null },
  problem: null,
});
const whole = (path: string): GpuDevice => ({ DeviceInterface: path, PartitionId: GPU_PV_PARTITION_ID });

describe('matching the file against the host', () => {
  it('finds a selected GPU whatever the case of its path, and lists paths this host lacks', () => {
    const selected = [whole(ELSEWHERE), whole(NVIDIA.toLowerCase())];
    const { onHost, missing } = matchGpus([gpu(NVIDIA), gpu(INTEL)], selected);
    expect(onHost.map((c) => c.index)).toEqual([1, null]);
    expect(missing).toEqual([{ index: 0, device: whole(ELSEWHERE) }]);
  });

  it('does not call an empty entry missing (the form marks it instead)', () => {
    expect(matchGpus([], [whole('')]).missing).toEqual([]);
  });
});

describe('ticking and unticking', () => {
  it('adds the host’s path exactly, whole (GPU-PV), in NanaBox’s byte order', () => {
    const devices = [whole(NVIDIA)];
    selectGpu(devices, INTEL);
    expect(devices).toEqual([whole(NVIDIA), whole(INTEL)]);
    selectGpu(devices, ELSEWHERE);
    expect(devices.map((d) => d.DeviceInterface)).toEqual([ELSEWHERE, NVIDIA, INTEL]);
  });

  it('keeps the file’s spelling when the GPU is selected already', () => {
    const devices = [{ DeviceInterface: NVIDIA.toLowerCase(), PartitionId: 3 }];
    selectGpu(devices, NVIDIA);
    expect(devices).toEqual([{ DeviceInterface: NVIDIA.toLowerCase(), PartitionId: 3 }]);
  });

  it('removes every entry of a path, in any case', () => {
    const devices = [whole(NVIDIA), whole(INTEL), whole(NVIDIA.toLowerCase())];
    unselectGpu(devices, NVIDIA);
    expect(devices).toEqual([whole(INTEL)]);
  });
});

describe('words for people', () => {
  it('names a PCI GPU by vendor and device, anything else by its instance', () => {
    expect(shortGpuId(NVIDIA)).toBe('10DE:1C82');
    expect(shortGpuId(`\\\\?\\ROOT#DISPLAY#0000${CLASS}`)).toBe('ROOT\\DISPLAY\\0000');
    expect(shortGpuId(`\\\\?\\SWD#SOME#VERY#LONG#INSTANCE#ID#THAT#GOES#ON${CLASS}`)).toMatch(/^SWD\\SOME\\.{20,}…$/);
  });

  it('tells a device that went away from other failures', () => {
    expect(deviceWentAway('CR_NO_SUCH_DEVNODE')).toBe(true);
    expect(deviceWentAway('CR_ACCESS_DENIED')).toBe(false);
  });
});
