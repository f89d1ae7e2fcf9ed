/**
 * What a start or a save writes back into a `.7b`: only the values it generated (endpoint ids, MAC
 * addresses, state file names) or that the user changed on the running VM (a DVD drive's medium),
 * merged into the file as it is on disk then, so the user's edits since the start are never reverted
 * (NanaBox rewrites the whole file from what it started with).
 */
import type { SevenBFile } from './model.js';

/** Values a start or a save generates. Only these keys are ever written back. */
export interface WriteBackPatch {
  /**
   * By adapter index: the endpoint HCN created and the MAC it reported, applied only where the adapter
   * still names `previousEndpointId` (so an edit made meanwhile is not given another adapter's values).
   */
  readonly adapters?: readonly {
    readonly index: number;
    readonly EndpointId: string;
    readonly MacAddress: string;
    readonly previousEndpointId?: string;
  }[];
  /** Filled only where the file still has none. */
  readonly GuestStateFile?: string;
  readonly RuntimeStateFile?: string;
  /** `''` clears it (after a resume), a name sets it (after a save). */
  readonly SaveStateFile?: string;
  /** A DVD drive's new medium (`''`: empty), applied only where the entry at `lun` is still a DVD drive. */
  readonly media?: readonly { readonly lun: number; readonly Path: string }[];
}

export function applyPatch(file: SevenBFile, patch: WriteBackPatch): void {
  const config = file.config;
  for (const generated of patch.adapters ?? []) {
    const adapter = config.NetworkAdapters[generated.index];
    if (adapter === undefined || !adapter.Connected) continue;
    if (generated.previousEndpointId !== undefined && adapter.EndpointId !== generated.previousEndpointId) continue;
    adapter.EndpointId = generated.EndpointId;
    adapter.MacAddress = generated.MacAddress;
  }
  if (patch.GuestStateFile !== undefined && config.GuestStateFile === '') config.GuestStateFile = patch.GuestStateFile;
  if (patch.RuntimeStateFile !== undefined && config.RuntimeStateFile === '') config.RuntimeStateFile = patch.RuntimeStateFile;
  if (patch.SaveStateFile !== undefined) config.SaveStateFile = patch.SaveStateFile;
  for (const change of patch.media ?? []) {
    const device = config.ScsiDevices[change.lun];
    if (device?.Type === 'VirtualImage') device.Path = change.Path;
  }
}
