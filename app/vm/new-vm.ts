/**
 * A new VM from a preset: the one builder behind the New VM wizard and `hako vm create`, so both make
 * the same file. The VM lives in `<folder>/<Name>/`: `<Name>.7b`, and a new disk `<Name>.vhdx` beside it,
 * named relative to the `.7b` (NanaBox resolves paths against the file's folder), so the folder can be
 * moved as a whole.
 */
import { emptyVmConfig } from '../config/defaults.js';
import { type GuestType, type NetworkAdapter, type SecureBootTemplate, type SevenBFile } from '../config/model.js';
import { NETWORK_ADAPTER_SPEC, defaultObject } from '../config/spec.js';
import { GiB } from '../disks/size.js';
import { HakoError } from '../errors/error-info.js';
import { describeVmNameProblem, vmNameProblem } from './name.js';

export interface VmPreset {
  readonly guest: GuestType;
  readonly processors: number;
  readonly memoryMb: number;
  readonly diskBytes: number;
  /** The Secure Boot template, or null for Secure Boot off. */
  readonly secureBoot: SecureBootTemplate | null;
  readonly tpm: boolean;
}

export const VM_PRESETS = {
  /** Windows 11 and Server 2025 need Secure Boot and a TPM. */
  windows11: { guest: 'Windows', processors: 4, memoryMb: 8192, diskBytes: 128 * GiB, secureBoot: 'MicrosoftWindows', tpm: true },
  windows10: { guest: 'Windows', processors: 2, memoryMb: 4096, diskBytes: 64 * GiB, secureBoot: 'MicrosoftWindows', tpm: false },
  /** Most distributions' boot loaders are signed by the Microsoft UEFI CA, not the Windows one. */
  linux: { guest: 'Linux', processors: 2, memoryMb: 4096, diskBytes: 32 * GiB, secureBoot: 'MicrosoftUEFICertificateAuthority', tpm: false },
  other: { guest: 'Unknown', processors: 2, memoryMb: 2048, diskBytes: 32 * GiB, secureBoot: null, tpm: false },
} as const satisfies Record<string, VmPreset>;

export type VmPresetName = keyof typeof VM_PRESETS;
export const VM_PRESET_NAMES = Object.keys(VM_PRESETS) as VmPresetName[];

export type NewVmDisk = { readonly kind: 'new'; readonly sizeBytes: number; readonly fixed: boolean } | { readonly kind: 'existing'; readonly path: string } | { readonly kind: 'none' };

/** The NanaBox default switch (created when the VM starts), a switch by id, or no network. */
export type NewVmNetwork = { readonly kind: 'default' } | { readonly kind: 'switch'; readonly id: string } | { readonly kind: 'none' };

export interface NewVmRequest {
  readonly name: string;
  readonly preset: VmPresetName;
  /** The preset's values unless given. */
  readonly processors?: number;
  readonly memoryMb?: number;
  readonly disk: NewVmDisk;
  /** An installation image (absolute path) in a DVD drive after the disk, or none. */
  readonly iso?: string | null;
  readonly network: NewVmNetwork;
}

/** The file names the new VM gets inside its own folder. */
export function newVmFileNames(name: string): { readonly sevenB: string; readonly disk: string } {
  return { sevenB: `${name}.7b`, disk: `${name}.vhdx` };
}

/** The `.7b` model of a new VM. Throws InvalidName for a name that cannot name a VM. */
export function newVmFile(request: NewVmRequest): SevenBFile {
  const problem = vmNameProblem(request.name);
  if (problem !== null) throw new HakoError('InvalidName', `"${request.name.slice(0, 120)}" cannot name a VM: ${describeVmNameProblem(problem)}`, { name: request.name.slice(0, 120), problem });
  const preset: VmPreset = VM_PRESETS[request.preset];
  const config = emptyVmConfig();
  config.Name = request.name;
  config.GuestType = preset.guest;
  config.ProcessorCount = request.processors ?? preset.processors;
  config.MemorySize = request.memoryMb ?? preset.memoryMb;
  config.SecureBoot = preset.secureBoot !== null;
  if (preset.secureBoot !== null) config.Hako.SecureBootTemplate = preset.secureBoot;
  config.Tpm = preset.tpm;
  if (request.disk.kind !== 'none') {
    config.ScsiDevices.push({ Type: 'VirtualDisk', Path: request.disk.kind === 'new' ? newVmFileNames(request.name).disk : request.disk.path });
  }
  if (request.iso) config.ScsiDevices.push({ Type: 'VirtualImage', Path: request.iso });
  if (request.network.kind !== 'none') {
    const adapter = { ...(defaultObject(NETWORK_ADAPTER_SPEC) as unknown as NetworkAdapter), Connected: true };
    if (request.network.kind === 'switch') adapter.SuggestedSwitchId = request.network.id;
    config.NetworkAdapters.push(adapter);
  }
  return { config, rootUnknownKeys: [] };
}
