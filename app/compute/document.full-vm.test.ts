// buildComputeSystemDocument for a VM with every setting used: COM ports, adapters, SCSI, shares, state files, video.
import { describe, expect, it } from 'vitest';
import { ENDPOINT, host, MAC, SID, vmConfig } from '../../test/support/compute-document-rig.js';
import type { VmConfig } from '../config/model.js';
import { buildComputeSystemDocument, defaultSaveStateFile, withStateFileDefaults } from './document.js';

describe('buildComputeSystemDocument: a fully configured VM', () => {
  const documented = (): VmConfig =>
    withStateFileDefaults(
      vmConfig({
        GuestType: 'Windows',
        Name: 'Demo',
        ProcessorCount: 4,
        MemorySize: 8192,
        ComPorts: { UefiConsole: 'ComPort1', ComPort1: '\\\\.\\pipe\\vmpipe1', ComPort2: '' },
        NetworkAdapters: [
          {
            Connected: false,
            MacAddress: '',
            EndpointId: '',
            SuggestedSwitchId: '',
            SuggestedSwitchName: '',
            SuggestedSwitchSubnet: '',
          },
          {
            Connected: true,
            MacAddress: MAC,
            EndpointId: ENDPOINT,
            SuggestedSwitchId: '',
            SuggestedSwitchName: '',
            SuggestedSwitchSubnet: '',
          },
        ],
        ScsiDevices: [
          { Type: 'VirtualDisk', Path: 'Demo.vhdx' },
          { Type: 'VirtualImage', Path: '' },
          { Type: 'PhysicalDevice', Path: '\\\\.\\PhysicalDrive1' },
        ],
        SecureBoot: true,
        Tpm: true,
        GuestStateFile: 'State\\Demo.vmgs',
        SaveStateFile: defaultSaveStateFile('Demo'),
        ExposeVirtualizationExtensions: true,
        ChipsetInformation: {
          BaseBoardSerialNumber: 'BB-1',
          ChassisSerialNumber: 'CH-2',
          ChassisAssetTag: 'TAG-3',
          Manufacturer: 'Contoso',
          ProductName: '',
          Version: '',
          SerialNumber: 'SN-4',
          UUID: '',
          SKUNumber: '',
          Family: '',
        },
        VideoMonitor: { HorizontalResolution: 1920, VerticalResolution: 1080, DisableBasicSessionDpiScaling: true },
        Plan9Shares: [{ ReadOnly: true, Port: 50002, Path: 'Share', Name: 'work' }],
        VirtualSmbShares: [
          { ReadOnly: false, Path: 'E:\\Data', Name: 'data' },
          { ReadOnly: true, Path: '..\\Tools', Name: 'tools' },
        ],
      }),
    );

  it('matches NanaBox on build 20348', () => {
    const folder = 'D:\\VMs\\Demo';
    expect(buildComputeSystemDocument(documented(), host({ vmFolder: folder }))).toStrictEqual({
      Owner: 'Demo',
      SchemaVersion: { Major: 2, Minor: 1 },
      ShouldTerminateOnLastHandleClosed: true,
      VirtualMachine: {
        Chipset: {
          BaseBoardSerialNumber: 'BB-1',
          ChassisAssetTag: 'TAG-3',
          ChassisSerialNumber: 'CH-2',
          SystemInformation: { Manufacturer: 'Contoso', SerialNumber: 'SN-4' },
          Uefi: {
            ApplySecureBootTemplate: 'Apply',
            Console: 'ComPort1',
            SecureBootTemplateId: '1734c6e8-3154-4dda-ba5f-a874cc483422',
          },
        },
        ComputeTopology: {
          Memory: { AllowOvercommit: true, SizeInMB: 8192 },
          Processor: { Count: 4, ExposeVirtualizationExtensions: true },
        },
        Devices: {
          ComPorts: { '0': { NamedPipe: '\\\\.\\pipe\\vmpipe1' } },
          EnhancedModeVideo: {
            ConnectionOptions: { AccessSids: [SID], NamedPipe: '\\\\.\\pipe\\Demo.EnhancedSession' },
          },
          Keyboard: {},
          Mouse: {},
          NetworkAdapters: { [ENDPOINT]: { EndpointId: ENDPOINT, MacAddress: MAC } },
          Plan9: {
            Shares: [{ AccessName: 'work', Flags: 1, Name: 'work', Path: 'D:\\VMs\\Demo\\Share', Port: 50002 }],
          },
          Scsi: {
            'NanaBox Scsi Controller': {
              Attachments: {
                '0': { Path: 'D:\\VMs\\Demo\\Demo.vhdx', Type: 'VirtualDisk' },
                '1': { Path: '', Type: 'Iso' },
                '2': { Path: '\\\\.\\PhysicalDrive1', Type: 'PassThru' },
              },
            },
          },
          VideoMonitor: {
            ConnectionOptions: { AccessSids: [SID], NamedPipe: '\\\\.\\pipe\\Demo.BasicSession' },
            HorizontalResolution: 1920,
            VerticalResolution: 1080,
          },
          VirtualSmb: {
            Shares: [
              { Name: 'data', Options: { SupportCloudFiles: true }, Path: 'E:\\Data' },
              {
                Name: 'tools',
                Options: {
                  CacheIo: true,
                  PseudoOplocks: true,
                  ReadOnly: true,
                  ShareRead: true,
                  SupportCloudFiles: true,
                },
                Path: 'D:\\VMs\\Tools',
              },
            ],
          },
        },
        GuestState: {
          GuestStateFilePath: 'D:\\VMs\\Demo\\State\\Demo.vmgs',
          RuntimeStateFilePath: 'D:\\VMs\\Demo\\Demo.vmrs',
        },
        RestoreState: { SaveStateFilePath: 'D:\\VMs\\Demo\\Demo.SaveState.vmrs' },
        SecuritySettings: { EnableTpm: true, Isolation: { IsolationType: 'GuestStateOnly' } },
      },
    });
  });

  it('puts COM2 alone under key "1"', () => {
    const config = vmConfig({ ComPorts: { UefiConsole: 'Default', ComPort1: '', ComPort2: '\\\\.\\pipe\\com2' } });
    const document = buildComputeSystemDocument(config, host());
    expect(document.VirtualMachine.Devices.ComPorts).toStrictEqual({ '1': { NamedPipe: '\\\\.\\pipe\\com2' } });
    expect(document.VirtualMachine.Chipset.Uefi).toStrictEqual({ Console: 'Default' });
  });

  it('sends NetworkAdapters null when no adapter is connected, and no key without adapters', () => {
    const disconnected = vmConfig({
      NetworkAdapters: [
        {
          Connected: false,
          MacAddress: MAC,
          EndpointId: ENDPOINT,
          SuggestedSwitchId: '',
          SuggestedSwitchName: '',
          SuggestedSwitchSubnet: '',
        },
      ],
    });
    expect(buildComputeSystemDocument(disconnected, host()).VirtualMachine.Devices.NetworkAdapters).toBeNull();
    expect(buildComputeSystemDocument(vmConfig(), host()).VirtualMachine.Devices).not.toHaveProperty(
      'NetworkAdapters',
    );
  });

  it('sends neither Scsi, Plan9, VirtualSmb, GuestState, RestoreState nor SecuritySettings when unset', () => {
    const document = buildComputeSystemDocument(vmConfig(), host());
    expect(Object.keys(document.VirtualMachine)).toEqual(['Chipset', 'ComputeTopology', 'Devices']);
    expect(Object.keys(document.VirtualMachine.Devices)).toEqual([
      'ComPorts',
      'EnhancedModeVideo',
      'Keyboard',
      'Mouse',
      'VideoMonitor',
    ]);
  });

  it('sends ResolutionType only at exactly 1024x768', () => {
    const config = vmConfig({
      VideoMonitor: { HorizontalResolution: 1024, VerticalResolution: 600, DisableBasicSessionDpiScaling: false },
    });
    expect(buildComputeSystemDocument(config, host()).VirtualMachine.Devices.VideoMonitor).not.toHaveProperty(
      'ResolutionType',
    );
  });
});
