import { describe, expect, it } from 'vitest';
import { relativeToVm } from './device-paths.js';

describe('a device path written into the file', () => {
  it('is relative inside the VM’s folder, as NanaBox writes it, and absolute elsewhere', () => {
    expect(relativeToVm('C:\\VMs\\Lab', 'c:\\vms\\lab\\Data.vhdx')).toBe('Data.vhdx');
    expect(relativeToVm('C:\\VMs\\Lab', 'D:\\Disks\\data.vhdx')).toBe('D:\\Disks\\data.vhdx');
    expect(relativeToVm('/vms/lab', '/vms/lab/data.vhdx')).toBe('data.vhdx');
    expect(relativeToVm('/vms/lab', '/vms/lab/sub/data.vhdx')).toBe('/vms/lab/sub/data.vhdx');
  });
});
