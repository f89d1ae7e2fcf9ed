/**
 * The New VM wizard's draft: what the user chose so far, its defaults (the preset's values, capped by
 * what this computer can give), and what it becomes — the `vm.create` input and the exact files that
 * creation will make. The checks of each field are in new-vm-checks.ts. Plain data and functions, so
 * the wizard's logic is tested without a DOM.
 */
import type { HostFactsDto, NewVmInput } from '../../../../app/ipc/contract.js';
import { GiB, alignDiskSize } from '../../../../app/disks/size.js';
import { joinPath } from '../../../../app/paths/parts.js';
import { VM_PRESETS, newVmFileNames, type VmPresetName } from '../../../../app/vm/new-vm.js';

export const NEW_VM_STEPS = ['name', 'folder', 'hardware', 'disk', 'media', 'network', 'summary'] as const;
export type NewVmStep = (typeof NEW_VM_STEPS)[number];

export type DiskChoice = 'new' | 'existing' | 'none';
export type MediaChoice = 'later' | 'iso';

/** The NanaBox default switch, no network, or an existing switch by id. */
export type NetworkChoice = 'default' | 'none' | { readonly switchId: string };

export interface NewVmDraft {
  readonly name: string;
  /** The folder the VM's own folder `<folder>/<name>/` goes into. */
  readonly folder: string;
  readonly preset: VmPresetName;
  /** Null while the box is empty. */
  readonly processors: number | null;
  readonly memoryMb: number | null;
  readonly disk: DiskChoice;
  /** A new disk's size in GB as Windows counts them (1024³ bytes). */
  readonly diskSizeGb: number | null;
  readonly diskFixed: boolean;
  /** With disk "existing". */
  readonly diskPath: string;
  readonly media: MediaChoice;
  readonly isoPath: string;
  readonly network: NetworkChoice;
}

/**
 * What this computer can give one VM: all its logical processors, half its memory (in an even number of
 * megabytes, as VM memory must be).
 */
export interface HostLimits {
  readonly maxProcessors: number;
  readonly maxMemoryMb: number;
}

export function hostLimits(facts: Pick<HostFactsDto, 'logicalProcessors' | 'memoryMb'>): HostLimits {
  return { maxProcessors: Math.max(1, facts.logicalProcessors), maxMemoryMb: Math.max(2, 2 * Math.floor(facts.memoryMb / 4)) };
}

/** The preset's processors and memory, each capped by the host, and whether it was. */
export function presetHardware(preset: VmPresetName, limits: HostLimits) {
  const values = VM_PRESETS[preset];
  return {
    processors: Math.min(values.processors, limits.maxProcessors),
    memoryMb: Math.min(values.memoryMb, limits.maxMemoryMb),
    processorsCapped: values.processors > limits.maxProcessors,
    memoryCapped: values.memoryMb > limits.maxMemoryMb,
    diskSizeGb: values.diskBytes / GiB,
  };
}

/** A fresh draft: Windows 11 (what most people install today), in the default VM folder. */
export function initialDraft(facts: HostFactsDto, preset: VmPresetName = 'windows11'): NewVmDraft {
  const hardware = presetHardware(preset, hostLimits(facts));
  return {
    name: '',
    folder: facts.defaultVmFolder,
    preset,
    processors: hardware.processors,
    memoryMb: hardware.memoryMb,
    disk: 'new',
    diskSizeGb: hardware.diskSizeGb,
    diskFixed: false,
    diskPath: '',
    media: 'later',
    isoPath: '',
    network: 'default',
  };
}

/** Choosing a preset brings its processors, memory and disk size (capped), as Hyper-V Manager's defaults do. */
export function withPreset(draft: NewVmDraft, preset: VmPresetName, facts: HostFactsDto): NewVmDraft {
  const hardware = presetHardware(preset, hostLimits(facts));
  return { ...draft, preset, processors: hardware.processors, memoryMb: hardware.memoryMb, diskSizeGb: hardware.diskSizeGb };
}

/** A new disk's size in bytes, as virtdisk takes it (a multiple of 512). */
export function diskSizeBytes(gigabytes: number): number {
  return alignDiskSize(gigabytes * GiB);
}

/** The files and folder the creation makes: `<folder>/<Name>/`, `<Name>.7b`, and a new disk `<Name>.vhdx`. */
export interface PlannedFiles {
  readonly folder: string;
  readonly sevenB: string;
  readonly disk: string | null;
}

export function plannedFiles(draft: Pick<NewVmDraft, 'folder' | 'name' | 'disk'>): PlannedFiles {
  const folder = joinPath(draft.folder.trim(), draft.name);
  const names = newVmFileNames(draft.name);
  return { folder, sevenB: joinPath(folder, names.sevenB), disk: draft.disk === 'new' ? joinPath(folder, names.disk) : null };
}

/** The `vm.create` input for a draft whose checks pass (new-vm-checks.ts). */
export function newVmInput(draft: NewVmDraft): NewVmInput {
  return {
    folder: draft.folder.trim(),
    name: draft.name,
    preset: draft.preset,
    ...(draft.processors !== null ? { processors: draft.processors } : {}),
    ...(draft.memoryMb !== null ? { memoryMb: draft.memoryMb } : {}),
    disk: draft.disk,
    ...(draft.disk === 'new' && draft.diskSizeGb !== null ? { diskSizeBytes: diskSizeBytes(draft.diskSizeGb), diskFixed: draft.diskFixed } : {}),
    ...(draft.disk === 'existing' ? { diskPath: draft.diskPath.trim() } : {}),
    ...(draft.media === 'iso' ? { isoPath: draft.isoPath.trim() } : {}),
    ...(draft.network === 'none' ? { switchId: null } : draft.network === 'default' ? {} : { switchId: draft.network.switchId }),
  };
}
