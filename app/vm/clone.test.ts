import { describe, expect, it } from 'vitest';
import { newVmConfig } from '../config/defaults.js';
import { cloneVmFile } from './clone.js';

const random = () => new Uint8Array([0x00, 0x11, 0x22, 0x33, 0x44, 0x55]);

function original() {
  const file = newVmConfig('Lab');
  Object.assign(file.config, { GuestStateFile: 'Lab.vmgs', RuntimeStateFile: 'Lab.vmrs', SaveStateFile: 'Lab.save.vmrs', Tpm: true });
  file.config.NetworkAdapters[0] = { ...file.config.NetworkAdapters[0]!, EndpointId: 'f2288275-6c30-47d4-bc24-293fa9c9cb12', MacAddress: '00-15-5D-64-2F-AB' };
  file.config.ScsiDevices = [
    { Type: 'VirtualDisk', Path: 'Lab.vhdx' },
    { Type: 'VirtualDisk', Path: 'C:\\Disks\\Lab.vhdx' },
    { Type: 'VirtualImage', Path: '..\\isos\\setup.iso' },
    { Type: 'VirtualImage', Path: '' },
  ];
  file.config.Plan9Shares = [{ Path: 'share', Name: 's', Port: 50001, ReadOnly: true }];
  return file;
}

describe('cloneVmFile', () => {
  it('gives the clone a new name and none of the original’s identity', () => {
    const { file } = cloneVmFile(original(), 'C:\\VMs\\Lab', { name: 'Lab copy', macs: 'dynamic', random });
    expect(file.config).toMatchObject({ Name: 'Lab copy', GuestStateFile: '', RuntimeStateFile: '', SaveStateFile: '', Tpm: true });
    expect(file.config.NetworkAdapters[0]).toMatchObject({ EndpointId: '', MacAddress: '' });
  });

  it('offers new static MACs for adapters that had one', () => {
    const { file } = cloneVmFile(original(), 'C:\\VMs\\Lab', { name: 'B', macs: 'new-static', random });
    expect(file.config.NetworkAdapters[0]!.MacAddress).toBe('02-11-22-33-44-55');
  });

  it('puts disks in the clone’s folder under unique names, and makes other paths absolute', () => {
    const { file, disks } = cloneVmFile(original(), 'C:\\VMs\\Lab', { name: 'B', macs: 'dynamic', random });
    expect(disks).toEqual([
      { from: 'C:\\VMs\\Lab\\Lab.vhdx', to: 'Lab.vhdx' },
      { from: 'C:\\Disks\\Lab.vhdx', to: 'Lab-2.vhdx' },
    ]);
    expect(file.config.ScsiDevices.map((d) => d.Path)).toEqual(['Lab.vhdx', 'Lab-2.vhdx', 'C:\\VMs\\isos\\setup.iso', '']);
    expect(file.config.Plan9Shares[0]!.Path).toBe('C:\\VMs\\Lab\\share');
  });

  it('refuses a name that cannot name a folder, and leaves the original untouched', () => {
    const before = original();
    expect(() => cloneVmFile(before, 'C:\\VMs\\Lab', { name: 'a*b', macs: 'dynamic', random })).toThrow(expect.objectContaining({ code: 'InvalidName' }) as Error);
    cloneVmFile(before, 'C:\\VMs\\Lab', { name: 'B', macs: 'dynamic', random });
    expect(before.config.Name).toBe('Lab');
  });
});
