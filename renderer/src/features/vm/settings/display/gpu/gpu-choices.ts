/**
 * The GPU picker's rules: which of the host's GPUs the file selects, which selected paths this host does
 * not have, and how ticking or unticking a GPU changes `Gpu.SelectedDevices`.
 *
 * Paths are matched with `sameDeviceInterface` (Windows compares them without regard to case), but the
 * file's own spelling is never rewritten: a path is saved exactly as the host reported it when the user
 * picks it, and exactly as the file had it otherwise. A new entry goes where NanaBox would put it (the
 * list is a map keyed by path, in UTF-8 byte order; reference/nanabox.md §2), so saving does not reorder
 * what NanaBox reads.
 */
import { compareKeys } from '../../../../../../../app/config/json-dump.js';
import { GPU_PV_PARTITION_ID, type GpuDevice } from '../../../../../../../app/config/model.js';
import { pciIdOf, sameDeviceInterface } from '../../../../../../../app/gpu/device-path.js';
import type { HostGpuDto } from '../../../../../../../app/ipc/contract.js';

/** A GPU of this host, and where the file selects it (null: not selected). */
export interface HostGpuChoice {
  readonly gpu: HostGpuDto;
  readonly index: number | null;
}

/** A path the file selects that this host does not list. */
export interface MissingGpu {
  readonly index: number;
  readonly device: GpuDevice;
}

export function matchGpus(host: readonly HostGpuDto[], selected: readonly GpuDevice[]): { onHost: HostGpuChoice[]; missing: MissingGpu[] } {
  const onHost = host.map((gpu) => {
    const index = selected.findIndex((d) => sameDeviceInterface(d.DeviceInterface, gpu.path));
    return { gpu, index: index < 0 ? null : index };
  });
  const missing = selected.flatMap((device, index) =>
    device.DeviceInterface !== '' && !host.some((gpu) => sameDeviceInterface(gpu.path, device.DeviceInterface)) ? [{ index, device }] : [],
  );
  return { onHost, missing };
}

/** Selects `path` (whole, GPU-PV) in `devices`, in NanaBox's order; nothing changes when it is there already. */
export function selectGpu(devices: GpuDevice[], path: string): void {
  if (devices.some((d) => sameDeviceInterface(d.DeviceInterface, path))) return;
  const at = devices.findIndex((d) => compareKeys(d.DeviceInterface, path) > 0);
  devices.splice(at < 0 ? devices.length : at, 0, { DeviceInterface: path, PartitionId: GPU_PV_PARTITION_ID });
}

/** Removes every entry for `path` (in any case) from `devices`. */
export function unselectGpu(devices: GpuDevice[], path: string): void {
  for (let i = devices.length - 1; i >= 0; i--) if (sameDeviceInterface(devices[i]!.DeviceInterface, path)) devices.splice(i, 1);
}

/**
 * A short id for people: the PCI vendor and device (`10DE:1C82`), else the device instance in the path
 * (`ROOT\DISPLAY\0000`), shortened.
 */
export function shortGpuId(path: string): string {
  const pci = pciIdOf(path);
  if (pci !== null) return pci;
  const instance = /^\\\\\?\\(.*?)#\{/.exec(path)?.[1]?.replace(/#/g, '\\') ?? path;
  return instance.length > 32 ? `${instance.slice(0, 31)}…` : instance;
}

/** `CR_NO_SUCH_DEVNODE` and its kin: the device went away (or is going) while it was read. */
export function deviceWentAway(problem: string): boolean {
  return /^CR_(NO_SUCH_DEVNODE|INVALID_DEVNODE|NO_SUCH_DEVICE_INTERFACE)$/.test(problem);
}
