import { describe, expect, it } from 'vitest';
import { buildComputeSystemDocument, withStateFileDefaults } from '../compute/document.js';
import { readSevenB } from '../config/read.js';
import { encodeSevenB } from '../config/write.js';
import { GiB } from '../disks/size.js';
import { newVmFile, VM_PRESET_NAMES, VM_PRESETS } from './new-vm.js';

const host = { build: 26100, userSid: 'S-1-5-21-1-2-3-1001', vmFolder: 'C:\\VMs\\Lab' };

describe('new VMs from presets', () => {
  it.each(VM_PRESET_NAMES)('%s makes a file NanaBox reads as written, with the preset’s hardware', (preset) => {
    const file = newVmFile({ name: 'Lab', preset, disk: { kind: 'new', sizeBytes: VM_PRESETS[preset].diskBytes, fixed: false }, iso: 'C:\\ISO\\setup.iso', network: { kind: 'default' } });
    const read = readSevenB(encodeSevenB(file));
    expect(read.accepted).toBe(true);
    expect(read.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(read.file!.config).toMatchObject({ Name: 'Lab', ProcessorCount: VM_PRESETS[preset].processors, MemorySize: VM_PRESETS[preset].memoryMb });
    expect(read.file!.config.ScsiDevices).toEqual([
      { Type: 'VirtualDisk', Path: 'Lab.vhdx' },
      { Type: 'VirtualImage', Path: 'C:\\ISO\\setup.iso' },
    ]);
    expect(read.file!.config.NetworkAdapters).toHaveLength(1);
  });

  it('gives each preset the security settings its guest needs, in the HCS document for 26100', () => {
    const document = (preset: (typeof VM_PRESET_NAMES)[number]) =>
      buildComputeSystemDocument(withStateFileDefaults(newVmFile({ name: 'Lab', preset, disk: { kind: 'none' }, network: { kind: 'none' } }).config), host).VirtualMachine;
    expect(document('windows11').SecuritySettings).toEqual({ EnableTpm: true, Isolation: { IsolationType: 'GuestStateOnly' } });
    expect(document('windows11').Chipset.Uefi).toMatchObject({ SecureBootTemplateId: '1734c6e8-3154-4dda-ba5f-a874cc483422' });
    expect(document('windows10').SecuritySettings).toBeUndefined();
    expect(document('linux').Chipset.Uefi).toMatchObject({ SecureBootTemplateId: '272e7447-90a4-4563-a4b9-8e4ab00526ce' });
    expect(document('other').Chipset.Uefi?.SecureBootTemplateId).toBeUndefined();
  });

  it('takes the asked hardware, an existing disk, a switch, or nothing', () => {
    const file = newVmFile({ name: 'Small', preset: 'linux', processors: 1, memoryMb: 1024, disk: { kind: 'existing', path: '/disks/old.vhdx' }, network: { kind: 'switch', id: 'f2288275-6c30-47d4-bc24-293fa9c9cb12' } });
    expect(file.config).toMatchObject({ ProcessorCount: 1, MemorySize: 1024, ScsiDevices: [{ Type: 'VirtualDisk', Path: '/disks/old.vhdx' }] });
    expect(file.config.NetworkAdapters[0]!.SuggestedSwitchId).toBe('f2288275-6c30-47d4-bc24-293fa9c9cb12');
    expect(newVmFile({ name: 'Bare', preset: 'other', disk: { kind: 'none' }, network: { kind: 'none' } }).config).toMatchObject({ ScsiDevices: [], NetworkAdapters: [], SecureBoot: false });
    expect(VM_PRESETS.windows11.diskBytes).toBe(128 * GiB);
  });

  it('refuses a name that cannot name a folder', () => {
    expect(() => newVmFile({ name: 'a/b', preset: 'other', disk: { kind: 'none' }, network: { kind: 'none' } })).toThrow(expect.objectContaining({ code: 'InvalidName' }) as Error);
  });
});
