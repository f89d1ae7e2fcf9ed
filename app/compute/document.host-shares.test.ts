// buildComputeSystemDocument's host driver store shares (EnableHostDriverStore) and their place before the user's shares.
import { describe, expect, it } from 'vitest';
import { host, vmConfig } from '../../test/support/compute-document-rig.js';
import type { VmConfig } from '../config/model.js';
import { buildComputeSystemDocument } from './document.js';

describe('buildComputeSystemDocument: host driver store shares', () => {
  const folders = {
    driverStore: 'C:\\Windows\\System32\\DriverStore',
    fileRepository: 'C:\\Windows\\System32\\DriverStore\\FileRepository',
    lxssLib: 'C:\\Windows\\System32\\lxss\\lib',
  };
  const withDriverStore = (enable: boolean): VmConfig =>
    vmConfig({
      Gpu: { AssignmentMode: 'Default', EnableHostDriverStore: enable, SelectedDevices: [] },
      Plan9Shares: [{ ReadOnly: false, Port: 50003, Path: 'p9', Name: 'mine' }],
      VirtualSmbShares: [{ ReadOnly: false, Path: 'smb', Name: 'mysmb' }],
    });
  const readOnly = { CacheIo: true, PseudoOplocks: true, ReadOnly: true, ShareRead: true, SupportCloudFiles: true };

  it('puts the host shares before the user shares', () => {
    const document = buildComputeSystemDocument(withDriverStore(true), host({ hostDriverFolders: folders }));
    const devices = document.VirtualMachine.Devices;
    expect(devices.Plan9).toStrictEqual({
      Shares: [
        { AccessName: 'HostDriverStore', Flags: 1, Name: 'HostDriverStore', Path: folders.driverStore, Port: 50001 },
        {
          AccessName: 'NanaBox.HostDrivers',
          Flags: 1,
          Name: 'NanaBox.HostDrivers',
          Path: folders.fileRepository,
          Port: 50001,
        },
        {
          AccessName: 'NanaBox.HostLxssLib',
          Flags: 1,
          Name: 'NanaBox.HostLxssLib',
          Path: folders.lxssLib,
          Port: 50001,
        },
        { AccessName: 'mine', Flags: 0, Name: 'mine', Path: 'D:\\VMs\\MyVM\\p9', Port: 50003 },
      ],
    });
    expect(devices.VirtualSmb).toStrictEqual({
      Shares: [
        { Name: 'NanaBox.HostDrivers', Options: readOnly, Path: folders.fileRepository },
        { Name: 'NanaBox.HostLxssLib', Options: readOnly, Path: folders.lxssLib },
        { Name: 'mysmb', Options: { SupportCloudFiles: true }, Path: 'D:\\VMs\\MyVM\\smb' },
      ],
    });
  });

  it('skips the folders the host does not have', () => {
    const devices = buildComputeSystemDocument(
      withDriverStore(true),
      host({ hostDriverFolders: { fileRepository: folders.fileRepository } }),
    ).VirtualMachine.Devices;
    expect(devices.Plan9?.Shares.map((share) => share.Name)).toEqual(['NanaBox.HostDrivers', 'mine']);
    expect(devices.VirtualSmb?.Shares.map((share) => share.Name)).toEqual(['NanaBox.HostDrivers', 'mysmb']);
  });

  it('shares no host folder unless EnableHostDriverStore is set', () => {
    const devices = buildComputeSystemDocument(withDriverStore(false), host({ hostDriverFolders: folders }))
      .VirtualMachine.Devices;
    expect(devices.Plan9?.Shares.map((share) => share.Name)).toEqual(['mine']);
    expect(devices.VirtualSmb?.Shares.map((share) => share.Name)).toEqual(['mysmb']);
  });

  it('creates the share lists from host folders alone', () => {
    const config = vmConfig({ Gpu: { AssignmentMode: 'Mirror', EnableHostDriverStore: true, SelectedDevices: [] } });
    const devices = buildComputeSystemDocument(config, host({ hostDriverFolders: { lxssLib: folders.lxssLib } }))
      .VirtualMachine.Devices;
    expect(devices.Plan9?.Shares).toHaveLength(1);
    expect(devices.VirtualSmb?.Shares).toHaveLength(1);
  });
});
