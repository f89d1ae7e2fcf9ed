import { describe, expect, it } from 'vitest';
import { GiB } from '../../../../app/disks/size.js';
import { draftErrors, draftWarnings, firstStepWithErrors, stepErrors } from './new-vm-checks.js';
import { NEW_VM_STEPS, hostLimits, initialDraft, newVmInput, plannedFiles, withPreset, type NewVmDraft } from './new-vm-draft.js';

const FACTS = { defaultVmFolder: 'D:\\VMs', logicalProcessors: 8, memoryMb: 32_768, build: 26_100, tpmUnavailable: null } as const;
const SMALL_HOST = { ...FACTS, logicalProcessors: 2, memoryMb: 6_000 } as const;
const CONTEXT = { facts: FACTS, takenNames: ['Existing Lab'], windows: true };

const named = (patch: Partial<NewVmDraft> = {}): NewVmDraft => ({ ...initialDraft(FACTS), name: 'Lab', ...patch });

describe('a new draft', () => {
  it('starts from the Windows 11 preset in the default VM folder', () => {
    expect(initialDraft(FACTS)).toMatchObject({ folder: 'D:\\VMs', preset: 'windows11', processors: 4, memoryMb: 8192, disk: 'new', diskSizeGb: 128, diskFixed: false, network: 'default' });
  });

  it('caps the preset by the host: every logical processor, half the memory in an even number of MB', () => {
    expect(hostLimits(SMALL_HOST)).toEqual({ maxProcessors: 2, maxMemoryMb: 3000 });
    expect(hostLimits({ logicalProcessors: 2, memoryMb: 6_003 }).maxMemoryMb).toBe(3000);
    expect(initialDraft(SMALL_HOST)).toMatchObject({ processors: 2, memoryMb: 3000 });
    // And says why, as long as the capped value stands.
    const warnings = draftWarnings({ ...initialDraft(SMALL_HOST), name: 'Lab' }, { ...CONTEXT, facts: SMALL_HOST });
    expect(warnings.processors?.map((w) => w.key)).toEqual(['create.processors.capped']);
    expect(warnings.memoryMb?.map((w) => w.key)).toEqual(['create.memory.capped', 'create.windows11.memory']);
    expect(warnings.processors?.[0]?.values).toEqual({ preset: 4, max: 2 });
  });

  it('takes a preset’s processors, memory and disk size when one is chosen', () => {
    expect(withPreset(named(), 'linux', FACTS)).toMatchObject({ preset: 'linux', processors: 2, memoryMb: 4096, diskSizeGb: 32, name: 'Lab' });
  });
});

describe('the checks', () => {
  it('check the name as Windows and the library would', () => {
    expect(draftErrors(named({ name: '' }), CONTEXT).name?.key).toBe('create.name.problem.empty');
    expect(draftErrors(named({ name: 'a:b' }), CONTEXT).name?.key).toBe('create.name.problem.forbidden-character');
    expect(draftErrors(named({ name: 'nul' }), CONTEXT).name?.key).toBe('create.name.problem.reserved');
    expect(draftErrors(named({ name: 'Lab.' }), CONTEXT).name?.key).toBe('create.name.problem.trailing-dot-or-space');
    expect(draftErrors(named({ name: 'existing LAB' }), CONTEXT).name).toEqual({ key: 'create.name.taken', values: { name: 'existing LAB' } });
    expect(draftErrors(named({ name: 'My Lab (2)' }), CONTEXT).name).toBeUndefined();
  });

  it('want a local, absolute folder outside the system’s', () => {
    expect(draftErrors(named({ folder: '' }), CONTEXT).folder?.key).toBe('create.path.empty.folder');
    expect(draftErrors(named({ folder: 'VMs' }), CONTEXT).folder?.key).toBe('create.path.notAbsolute');
    expect(draftErrors(named({ folder: '\\\\server\\share' }), CONTEXT).folder?.key).toBe('create.path.notLocal');
    expect(draftErrors(named({ folder: 'C:\\Windows\\System32' }), CONTEXT).folder?.key).toBe('create.folder.system');
    expect(draftErrors(named({ folder: '/home/me/VMs' }), { ...CONTEXT, windows: false }).folder).toBeUndefined();
  });

  it('keep processors and memory within the host, and memory even', () => {
    expect(draftErrors(named({ processors: 9 }), CONTEXT).processors).toEqual({ key: 'create.processors.tooMany', values: { max: 8 } });
    expect(draftErrors(named({ processors: null }), CONTEXT).processors?.key).toBe('create.processors.empty');
    expect(draftErrors(named({ memoryMb: 16_386 }), CONTEXT).memoryMb?.key).toBe('create.memory.tooMuch');
    expect(draftErrors(named({ memoryMb: 4097 }), CONTEXT).memoryMb?.key).toBe('create.memory.odd');
    expect(draftErrors(named({ memoryMb: 16_384 }), CONTEXT).memoryMb).toBeUndefined();
  });

  it('check only the paths the choices use, each for its kind of file', () => {
    expect(draftErrors(named({ disk: 'new', diskPath: 'junk' }), CONTEXT).diskPath).toBeUndefined();
    expect(draftErrors(named({ disk: 'existing', diskPath: 'D:\\disks\\a.iso' }), CONTEXT).diskPath?.key).toBe('create.path.extension.disk');
    expect(draftErrors(named({ disk: 'existing', diskPath: 'D:\\disks\\a.VHD' }), CONTEXT).diskPath).toBeUndefined();
    expect(draftErrors(named({ media: 'iso', isoPath: '' }), CONTEXT).isoPath?.key).toBe('create.path.empty.iso');
    expect(draftErrors(named({ media: 'iso', isoPath: 'D:\\iso\\win.iso' }), CONTEXT).isoPath).toBeUndefined();
    expect(draftErrors(named({ diskSizeGb: 0 }), CONTEXT).diskSize?.key).toBe('create.disk.size.tooSmall');
    expect(draftErrors(named({ diskSizeGb: 70_000 }), CONTEXT).diskSize?.key).toBe('create.disk.size.tooLarge');
  });

  it('warn when this host cannot give the preset its TPM, and only for a preset with one', () => {
    const old = { ...CONTEXT, facts: { ...FACTS, build: 22_631, tpmUnavailable: 'older-windows' as const } };
    expect(draftWarnings(named(), old).tpm).toEqual([{ key: 'create.tpm.olderWindows', values: { build: 22_631 } }]);
    expect(draftWarnings(named({ preset: 'linux' }), old).tpm).toBeUndefined();
    const vmp = { ...CONTEXT, facts: { ...FACTS, tpmUnavailable: 'no-hyper-v' as const } };
    expect(draftWarnings(named(), vmp).tpm?.[0]?.key).toBe('create.tpm.noHyperV');
  });

  it('name the first step that is not complete', () => {
    const errors = draftErrors(named({ name: '', memoryMb: 1 }), CONTEXT);
    expect(stepErrors('hardware', errors).map((e) => e.key)).toEqual(['create.memory.odd']);
    expect(firstStepWithErrors(NEW_VM_STEPS, errors)).toBe('name');
    expect(firstStepWithErrors(NEW_VM_STEPS, draftErrors(named(), CONTEXT))).toBeNull();
  });
});

describe('what the draft becomes', () => {
  it('the files in <folder>/<Name>/, in the folder’s own path style', () => {
    expect(plannedFiles(named({ folder: 'D:\\VMs\\' }))).toEqual({ folder: 'D:\\VMs\\Lab', sevenB: 'D:\\VMs\\Lab\\Lab.7b', disk: 'D:\\VMs\\Lab\\Lab.vhdx' });
    expect(plannedFiles(named({ folder: '/srv/vms', disk: 'existing' }))).toEqual({ folder: '/srv/vms/Lab', sevenB: '/srv/vms/Lab/Lab.7b', disk: null });
  });

  it('the vm.create input: only what the choices say', () => {
    expect(newVmInput(named({ diskSizeGb: 64, diskFixed: true }))).toEqual({ folder: 'D:\\VMs', name: 'Lab', preset: 'windows11', processors: 4, memoryMb: 8192, disk: 'new', diskSizeBytes: 64 * GiB, diskFixed: true });
    expect(newVmInput(named({ disk: 'existing', diskPath: ' D:\\d.vhdx ', media: 'iso', isoPath: 'D:\\w.iso', network: 'none' }))).toMatchObject({
      disk: 'existing',
      diskPath: 'D:\\d.vhdx',
      isoPath: 'D:\\w.iso',
      switchId: null,
    });
    expect(newVmInput(named({ network: { switchId: '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d' } })).switchId).toBe('0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d');
    expect(newVmInput(named())).not.toHaveProperty('switchId');
    expect(newVmInput(named({ disk: 'none' }))).not.toHaveProperty('diskSizeBytes');
  });
});
