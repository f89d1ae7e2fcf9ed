/**
 * What is wrong with a New VM draft, field by field, checked as the user types — by the core's own
 * rules (the VM name, local paths, disk sizes), so the wizard refuses what main would refuse and says it
 * first. Errors block the step; warnings (a preset's values lowered to fit this computer, a TPM this
 * host cannot give, less than Windows 11 needs) only inform. Each problem is a catalogue key with its
 * values, worded by the view.
 */
import type { MessageKey, MessageValues } from '../../../../app/i18n/catalogue.js';
import type { HostFactsDto } from '../../../../app/ipc/contract.js';
import { GiB, MAX_DISK_SIZE } from '../../../../app/disks/size.js';
import { isInSystemFolder, localPathProblem } from '../../../../app/paths/local.js';
import { MAX_VM_NAME_LENGTH, vmNameProblem } from '../../../../app/vm/name.js';
import { VM_PRESETS } from '../../../../app/vm/new-vm.js';
import { hostLimits, presetHardware, type NewVmDraft, type NewVmStep } from './new-vm-draft.js';

export interface Problem {
  readonly key: MessageKey;
  readonly values?: MessageValues;
}

export type DraftField = 'name' | 'folder' | 'processors' | 'memoryMb' | 'diskSize' | 'diskPath' | 'isoPath';

/** The step each field is on. */
export const FIELD_STEP: Readonly<Record<DraftField, NewVmStep>> = {
  name: 'name',
  folder: 'folder',
  processors: 'hardware',
  memoryMb: 'hardware',
  diskSize: 'disk',
  diskPath: 'disk',
  isoPath: 'media',
};

export interface CheckContext {
  readonly facts: HostFactsDto;
  /** The Names (HCS ids) of the VMs in the library. */
  readonly takenNames: readonly string[];
  /** Whose path rules apply: the host's (Windows for the app; the browser host's platform off Windows). */
  readonly windows: boolean;
}

/** Windows 11's minimums (Microsoft's "Windows 11 specifications and system requirements"). */
export const WINDOWS_11_MINIMUM = { processors: 2, memoryMb: 4096, diskGb: 64 } as const;

/** What is wrong with a new VM's name (also a clone's), or undefined. */
export function vmNameError(name: string, taken: readonly string[]): Problem | undefined {
  const problem = vmNameProblem(name);
  if (problem !== null) return { key: `create.name.problem.${problem}`, values: { max: MAX_VM_NAME_LENGTH } };
  // HCS compares ids case-insensitively, so two VMs whose names differ only in case could not both run.
  if (taken.some((other) => other.toLowerCase() === name.toLowerCase())) return { key: 'create.name.taken', values: { name } };
  return undefined;
}

/** A path typed in a box: present, local and absolute, and (for files) of the expected kind. */
export function typedPathError(typed: string, windows: boolean, extension: RegExp | null, kind: 'folder' | 'disk' | 'iso'): Problem | undefined {
  const path = typed.trim();
  if (path === '') return { key: `create.path.empty.${kind}` };
  const problem = localPathProblem(path, windows);
  if (problem !== null) return { key: problem.code === 'PathNotLocal' ? 'create.path.notLocal' : 'create.path.notAbsolute', values: { example: windows ? 'D:\\VMs' : '/home/me/VMs' } };
  if (extension !== null && !extension.test(path)) return { key: `create.path.extension.${kind}` };
  return undefined;
}

/** At most one error per field; only the fields the draft's choices use are checked. */
export function draftErrors(draft: NewVmDraft, context: CheckContext): Partial<Record<DraftField, Problem>> {
  const limits = hostLimits(context.facts);
  const errors: Partial<Record<DraftField, Problem>> = {};
  const set = (field: DraftField, problem: Problem | undefined) => {
    if (problem !== undefined) errors[field] = problem;
  };
  set('name', vmNameError(draft.name, context.takenNames));
  set('folder', typedPathError(draft.folder, context.windows, null, 'folder'));
  if (errors.folder === undefined && isInSystemFolder(draft.folder.trim())) set('folder', { key: 'create.folder.system' });
  if (draft.processors === null || draft.processors < 1 || !Number.isInteger(draft.processors)) set('processors', { key: 'create.processors.empty' });
  else if (draft.processors > limits.maxProcessors) set('processors', { key: 'create.processors.tooMany', values: { max: limits.maxProcessors } });
  if (draft.memoryMb === null || draft.memoryMb < 1 || !Number.isInteger(draft.memoryMb)) set('memoryMb', { key: 'create.memory.empty' });
  else if (draft.memoryMb > limits.maxMemoryMb) set('memoryMb', { key: 'create.memory.tooMuch', values: { max: limits.maxMemoryMb } });
  // An odd size makes the create fail (reference hcs-api.md: WBEM_E_INVALID_PARAMETER; hcsshim rounds it up).
  else if (draft.memoryMb % 2 !== 0) set('memoryMb', { key: 'create.memory.odd' });
  if (draft.disk === 'new') {
    const maxGb = MAX_DISK_SIZE.vhdx / GiB;
    if (draft.diskSizeGb === null || !Number.isFinite(draft.diskSizeGb) || draft.diskSizeGb < 1) set('diskSize', { key: 'create.disk.size.tooSmall' });
    else if (draft.diskSizeGb > maxGb) set('diskSize', { key: 'create.disk.size.tooLarge', values: { max: maxGb } });
  }
  if (draft.disk === 'existing') set('diskPath', typedPathError(draft.diskPath, context.windows, /\.vhdx?$/i, 'disk'));
  if (draft.media === 'iso') set('isoPath', typedPathError(draft.isoPath, context.windows, /\.iso$/i, 'iso'));
  return errors;
}

/** What the user should know but may go ahead with, by field (and `tpm` for the preset's TPM). */
export function draftWarnings(draft: NewVmDraft, context: CheckContext): Partial<Record<DraftField | 'tpm', Problem[]>> {
  const warnings: Partial<Record<DraftField | 'tpm', Problem[]>> = {};
  const add = (field: DraftField | 'tpm', problem: Problem) => (warnings[field] ??= []).push(problem);
  const limits = hostLimits(context.facts);
  const preset = VM_PRESETS[draft.preset];
  const fitted = presetHardware(draft.preset, limits);
  if (fitted.processorsCapped && draft.processors === fitted.processors) add('processors', { key: 'create.processors.capped', values: { preset: preset.processors, max: limits.maxProcessors } });
  if (fitted.memoryCapped && draft.memoryMb === fitted.memoryMb) add('memoryMb', { key: 'create.memory.capped', values: { preset: preset.memoryMb, max: limits.maxMemoryMb } });
  if (preset.tpm && context.facts.tpmUnavailable !== null) {
    add('tpm', { key: context.facts.tpmUnavailable === 'older-windows' ? 'create.tpm.olderWindows' : 'create.tpm.noHyperV', values: { build: context.facts.build } });
  }
  if (draft.preset === 'windows11') {
    if (draft.processors !== null && draft.processors < WINDOWS_11_MINIMUM.processors) add('processors', { key: 'create.windows11.processors', values: { min: WINDOWS_11_MINIMUM.processors } });
    if (draft.memoryMb !== null && draft.memoryMb < WINDOWS_11_MINIMUM.memoryMb) add('memoryMb', { key: 'create.windows11.memory', values: { min: WINDOWS_11_MINIMUM.memoryMb } });
    if (draft.disk === 'new' && draft.diskSizeGb !== null && draft.diskSizeGb < WINDOWS_11_MINIMUM.diskGb) add('diskSize', { key: 'create.windows11.disk', values: { min: WINDOWS_11_MINIMUM.diskGb } });
  }
  return warnings;
}

/** The errors on one step. */
export function stepErrors(step: NewVmStep, errors: Partial<Record<DraftField, Problem>>): Problem[] {
  return (Object.keys(errors) as DraftField[]).filter((field) => FIELD_STEP[field] === step).map((field) => errors[field]!);
}

/** The first step (in order) that still has an error, or null when the draft can be created. */
export function firstStepWithErrors(steps: readonly NewVmStep[], errors: Partial<Record<DraftField, Problem>>): NewVmStep | null {
  return steps.find((step) => stepErrors(step, errors).length > 0) ?? null;
}
