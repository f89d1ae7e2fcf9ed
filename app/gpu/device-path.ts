/**
 * GPU device-interface paths, the strings NanaBox keeps in `Gpu.SelectedDevices` and HCS takes as
 * `GpuConfiguration.AssignmentRequest` keys: `\\?\<instance id with # for \>#{<interface class>}[\<reference>]`.
 *
 * The interface class of paravirtualizable GPUs is `{064092b3-625e-43bf-9eb5-dc845897dd59}`: it is the
 * class of the names `Get-VMHostPartitionableGpu` reports (Microsoft's "Prepare GPUs for Azure Stack
 * HCI", learn.microsoft.com/azure-stack/hci/manage/gpu-preparation, shows them) and of the path in
 * NanaBox's documented example (test/fixtures/nanabox/DocumentedExample.7b), whose reference string is
 * `GPUPARAV`. No public SDK header names it; Hako lists that class with CfgMgr32 (main/native/cfgmgr32.ts).
 *
 * One home for the rules both sides need: the main side lists the host's interfaces, the GPU picker
 * matches them against the file's paths.
 */

/** The device-interface class of GPU paravirtualization (see the file comment). */
export const GPU_PARAVIRTUALIZATION_CLASS = '064092b3-625e-43bf-9eb5-dc845897dd59';

/**
 * Whether two device-interface paths name the same interface. Windows compares symbolic-link names
 * without regard to case (object names in the `\??` directory are case-insensitive), and files written
 * by hand differ in case from what the system reports.
 */
export function sameDeviceInterface(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

/** `VEN_10DE&DEV_1C82` in a PCI path → `10DE:1C82`, the vendor and device ids a short label shows; null otherwise. */
export function pciIdOf(path: string): string | null {
  const match = /(?:^|[\\#])PCI#VEN_([0-9A-F]{4})&DEV_([0-9A-F]{4})/i.exec(path);
  return match ? `${match[1]!.toUpperCase()}:${match[2]!.toUpperCase()}` : null;
}

/** Whether `path` is an interface of the GPU paravirtualization class. */
export function isGpuParavirtualizationPath(path: string): boolean {
  return path.toLowerCase().includes(`#{${GPU_PARAVIRTUALIZATION_CLASS}}`);
}
