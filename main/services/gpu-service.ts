/**
 * The host's GPUs for the GPU picker: each GPU paravirtualization interface (the path that goes into
 * `Gpu.SelectedDevices`) with a name for people, its PCI id and its driver, as the device reports them
 * (HostDevices, over cfgmgr32). A device whose properties could not be read is still offered, with the
 * reason in `problem`, so a path from the file can be matched against it.
 */
import { pciIdOf } from '../../app/gpu/device-path.js';
import type { HostDevices, HostGpu } from './ports.js';

export interface GpuEntry {
  readonly path: string;
  /** The friendly name, else the device description; null when the device said neither. */
  readonly name: string | null;
  /** `10DE:1C82` (vendor:device) for PCI devices. */
  readonly pciId: string | null;
  readonly instanceId: string | null;
  readonly manufacturer: string | null;
  readonly location: string | null;
  readonly driver: { readonly version: string | null; readonly date: string | null; readonly provider: string | null };
  readonly problem: string | null;
}

export class GpuService {
  constructor(private readonly devices: HostDevices) {}

  async list(): Promise<GpuEntry[]> {
    return (await this.devices.gpus()).map(entry);
  }
}

function entry(gpu: HostGpu): GpuEntry {
  return {
    path: gpu.path,
    name: gpu.friendlyName ?? gpu.description,
    pciId: pciIdOf(gpu.path),
    instanceId: gpu.instanceId,
    manufacturer: gpu.manufacturer,
    location: gpu.location,
    driver: { version: gpu.driverVersion, date: gpu.driverDate, provider: gpu.driverProvider },
    problem: gpu.problem,
  };
}
